"""Copy buttons that copy what runs: a console block's commands, a pycon block's code.

Material's copy button copies a block's text, prompts and outputs included, unless an element
around it carries the text to copy as `data-copy`. This hook gives each console and pycon block
that attribute at build time: pasted into a shell or a REPL, the copied text runs.
"""

from __future__ import annotations

import html
import re

BLOCK = re.compile(
    r'<div class="language-(?P<lang>pycon|console) highlight"(?P<attrs>[^>]*)>'
    r"(?P<body>.*?</code></pre>)",
    re.S,
)
TAG = re.compile(r"<[^>]+>")


def commands(text: str) -> str:
    """A console session's commands: each line after "$ ", and the "> " lines that continue a
    command ending in a backslash; outputs left out."""
    out, continued = [], False
    for line in text.splitlines():
        command = line.startswith("$ ") or line == "$"
        if command or (continued and (line.startswith("> ") or line == ">")):
            out.append(line[2:])
        else:
            continued = False
            continue
        continued = out[-1].endswith("\\")
    return "\n".join(out)


def code(text: str) -> str:
    """A pycon session's code: each line after ">>> " or "... " (an empty "..." too, which
    ends a block in the REPL); outputs and tracebacks left out. A statement that follows an
    indented block gets the blank line the REPL needs to close the block, where the session
    shows none (a doctest needs none)."""
    out, in_block = [], False
    for line in text.splitlines():
        if line.startswith(">>> ") or line == ">>>":
            if in_block:
                out.append("")
            out.append(line[4:])
            in_block = False
        elif line.startswith("... ") or line == "...":
            out.append(line[4:])
            in_block = bool(line[4:].strip())
    return "\n".join(out)


def on_page_content(page_html: str, page, config, files) -> str:
    def with_copy(match: re.Match) -> str:
        body = match["body"]
        text = html.unescape(TAG.sub("", body.split("<code>", 1)[-1]))
        copy = commands(text) if match["lang"] == "console" else code(text)
        attribute = html.escape(copy, quote=True)
        return (
            f'<div class="language-{match["lang"]} highlight" data-copy="{attribute}"'
            f"{match['attrs']}>{body}"
        )

    return BLOCK.sub(with_copy, page_html)
