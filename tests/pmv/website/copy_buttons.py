"""Copy buttons that copy what runs: a console block's commands, a pycon block's code.

Material's copy button copies a block's text, prompts and outputs included, unless an element
around it carries the text to copy as `data-copy`. This hook gives each block whose kind says
what to copy (`BlockKind.copy_text`, read with the kind's own grammar) that attribute at build
time: pasted into a shell or a REPL, the copied text runs.
"""

from __future__ import annotations

import html
import re

from pmv import kinds
from pmv.website.markup import text_of

BLOCK = re.compile(
    r'<div class="language-(?P<lang>[\w+-]+) highlight"(?P<attrs>[^>]*)>(?P<body>.*?</code></pre>)',
    re.S,
)


def on_page_content(page_html: str, page, config, files) -> str:
    def with_copy(match: re.Match) -> str:
        kind = kinds.for_language(match["lang"])
        body = match["body"]
        text = text_of(body.split("<code>", 1)[-1])
        copy = kind.copy_text(text) if kind is not None else None
        if copy is None:
            return match[0]
        attribute = html.escape(copy, quote=True)
        return (
            f'<div class="language-{match["lang"]} highlight" data-copy="{attribute}"'
            f"{match['attrs']}>{body}"
        )

    return BLOCK.sub(with_copy, page_html)
