"""Find the fenced code blocks of a Markdown page and read their options.

Only what pymdownx.superfences renders is accepted: options in the brace form
(```{.pycon example="pyc/first"}```). The bare form with an option superfences does not know
(```pycon example="x"```) is not rendered at all, and `mkdocs build --strict` does not notice,
so it is an error here.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from .versions import VersionCondition

EXECUTED = {"python": "python", "py": "python", "pycon": "pycon", "console": "console"}
# Options that pymdownx.highlight itself understands, in either form.
HIGHLIGHT_OPTIONS = {"title", "linenums", "hl_lines"}
RUNNER_OPTIONS = {
    "python": {"example", "python"},  # run in-process: no time limit can stop it
    "pycon": {"example", "python", "timeout", "traceback"},
    "console": {"example", "python", "timeout", "returncode"},
}
SNIPPET = re.compile(r"^\s*-{1,}8<-{1,}\s")
OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")


class PageError(Exception):
    """A mistake in a page, reported with its file and line."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass
class Fence:
    path: Path
    line: int  # 1-based line of the opening fence
    lang: str
    options: dict[str, str]
    indent: str
    body: str  # the text between the fences, indentation removed
    body_start: int  # offsets into the page's text of the (indented) body
    body_end: int
    ordinal: int = -1  # position among the page's executed blocks: stable while outputs change
    errors: list[str] = field(default_factory=list)
    is_table: bool = False  # a table whose rows are generated (tables.py), not a fence

    @property
    def is_listing(self) -> bool:
        """A file listing: a block that only includes a file with --8<--, shown, not run."""
        lines = [line for line in self.body.splitlines() if line.strip()]
        return bool(lines) and all(SNIPPET.match(line) for line in lines)

    @property
    def kind(self) -> str | None:
        if self.is_table:
            return "table"
        return None if self.is_listing else EXECUTED.get(self.lang)

    @property
    def condition(self) -> VersionCondition:
        return VersionCondition.parse(self.options.get("python"))

    def reindent(self, body: str) -> str:
        """The page text for a new body, indented like this fence."""
        lines = body.splitlines(keepends=True)
        return "".join(self.indent + line if line.strip() else line for line in lines)


def parse_info(info: str) -> tuple[str, dict[str, str], bool]:
    """Return (language, options, brace_form) of a fence's info string."""
    info = info.strip()
    mixed = re.match(r"^([\w+-]+)\s*(\{.*\})$", info)  # py {title="x"}
    if mixed:
        info = "{." + mixed[1] + " " + mixed[2][1:]
    brace = info.startswith("{") and info.endswith("}")
    tokens = shlex.split(info[1:-1] if brace else info)
    lang, options = "", {}
    for token in tokens:
        if "=" in token:
            key, _, value = token.partition("=")
            options[key] = value
        elif brace and token.startswith(".") and not lang:
            lang = token[1:]
        elif not brace and not lang:
            lang = token
    return lang.lower(), options, brace


def lines_and_offsets(text: str) -> tuple[list[str], list[int]]:
    """The page's lines (with their endings), and the offset in the text where each starts."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return lines, offsets


def find_fences(path: Path, text: str) -> list[Fence]:
    """Every fenced block of a page, executed or not, in order."""
    fences: list[Fence] = []
    lines, offsets = lines_and_offsets(text)
    i = 0
    while i < len(lines):
        match = OPENING.match(lines[i].rstrip("\r\n"))
        if not match:
            i += 1
            continue
        indent, marker, info = match["indent"], match["fence"], match["info"]
        closing = re.compile(rf"^{re.escape(indent)}{marker[0]}{{{len(marker)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not closing.match(lines[j].rstrip("\r\n")):
            j += 1
        if j == len(lines):
            raise PageError(path, i + 1, f"this fence ({marker}) is never closed")
        body_lines = [
            ln[len(indent) :] if ln.startswith(indent) else ln.lstrip(" \t")
            for ln in lines[i + 1 : j]
        ]
        lang, options, brace = parse_info(info)
        fence = Fence(
            path, i + 1, lang, options, indent, "".join(body_lines), offsets[i + 1], offsets[j]
        )
        _validate(fence, brace)
        fences.append(fence)
        i = j + 1
    ordinal = 0
    for fence in fences:
        if fence.kind:
            fence.ordinal = ordinal
            ordinal += 1
    return fences


def _validate(fence: Fence, brace: bool) -> None:
    unknown_bare = set(fence.options) - HIGHLIGHT_OPTIONS
    if not brace and unknown_bare:
        opts = " ".join(f'{k}="{v}"' for k, v in fence.options.items())
        fence.errors.append(
            f"```{fence.lang} {opts} uses the bare form with an option MkDocs does not know "
            f"({', '.join(sorted(unknown_bare))}), so the block would silently vanish from the "
            f"site. Write it in the brace form: ```{{.{fence.lang} {opts}}}"
        )
        return
    if not fence.kind:
        return
    allowed = RUNNER_OPTIONS[fence.kind] | HIGHLIGHT_OPTIONS
    for key in sorted(set(fence.options) - allowed):
        fence.errors.append(
            f"unknown option {key}= on a {fence.lang} block; "
            f"this kind of block takes: {', '.join(sorted(allowed))}"
        )
    try:
        fence.condition  # noqa: B018  (parsing is the check)
    except ValueError as exc:
        fence.errors.append(str(exc))
    timeout = fence.options.get("timeout")
    if timeout is not None and not _is_positive_number(timeout):
        fence.errors.append(f'timeout="{timeout}" is not a number of seconds')
    returncode = fence.options.get("returncode")
    if returncode is not None and not returncode.isdigit():
        fence.errors.append(f'returncode="{returncode}" is not an exit status (0-255)')
    traceback = fence.options.get("traceback")
    if traceback not in (None, "short", "full"):
        fence.errors.append(f'traceback="{traceback}": use "short" (the default) or "full"')


def _is_positive_number(text: str) -> bool:
    try:
        return float(text) > 0
    except ValueError:
        return False
