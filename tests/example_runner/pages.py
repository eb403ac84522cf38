"""Read a Markdown page once: its executed blocks, its file listings, and every mistake in it.

Only what pymdownx.superfences renders is accepted: options in the brace form
(```{.pycon example="pyc/first"}```). The bare form with an option superfences does not know
(```pycon example="x"```) is not rendered at all, and `mkdocs build --strict` does not notice,
so it is a page error here. Every page error names the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import kinds
from .kinds import example_folder
from .options import HIGHLIGHT_OPTIONS, check_options, parse_directive, parse_info
from .snippets import check_snippets
from .versions import VersionCondition

SNIPPET = re.compile(r"^\s*-{1,}8<-{1,}\s")
OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
DIRECTIVE = re.compile(r"^<!--\s*(?P<name>[\w-]+)(?::(?P<options>.*?))?\s*-->\s*$")


@dataclass(frozen=True)
class Where:
    """A place in a page, shown as `docs/page.md:12` (relative to the repository)."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Block:
    """An executed block of a page: a fence, or a directive with the text it owns."""

    path: Path
    shown: str  # the path as messages show it
    line: int  # 1-based line of the opening fence or the directive
    kind: kinds.BlockKind
    lang: str
    options: dict[str, str]
    body: str  # the text the block owns, indentation removed
    body_start: int  # offsets into the page's text of the (indented) body
    body_end: int
    body_line: int  # 1-based line of the body's first line
    indent: str = ""
    ordinal: int = 0  # position among the page's blocks of its kind: stable while outputs change

    @property
    def where(self) -> Where:
        return Where(self.shown, self.line)

    def at(self, body_offset: int) -> Where:
        """The place of the body's line number `body_offset` (0 is its first line)."""
        return Where(self.shown, self.body_line + body_offset)

    @property
    def id(self) -> str:
        return f"{self.shown}#{self.kind.name}{self.ordinal}"

    @property
    def condition(self) -> VersionCondition:
        return VersionCondition.parse(self.options.get("python"))

    def applies(self, minor: str) -> bool:
        return self.condition.matches(minor)

    def reindent(self, body: str) -> str:
        """The page text for a new body, indented like this block."""
        lines = body.splitlines(keepends=True)
        return "".join(self.indent + line if line.strip() else line for line in lines)


@dataclass
class Page:
    path: Path
    shown: str
    text: str
    examples: Path
    blocks: list[Block] = field(default_factory=list)
    problems: list[tuple[Where, str]] = field(default_factory=list)
    listings: list[tuple[Where, str]] = field(default_factory=list)  # (place, language)

    def problem(self, line: int, message: str) -> None:
        self.problems.append((Where(self.shown, line), message))


def lines_and_offsets(text: str) -> tuple[list[str], list[int]]:
    """The page's lines (with their endings), and the offset in the text where each starts."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return lines, offsets


def read_page(path: Path, root: Path, snippets_base: Path | None = None) -> Page:
    """Parse a page. Mistakes are collected in `page.problems`, never raised."""
    try:
        shown = str(path.relative_to(root))
    except ValueError:
        shown = str(path)
    text = path.read_text(encoding="utf-8")
    page = Page(path, shown, text, root / "examples")
    for line, message in check_snippets(text, snippets_base or root):
        page.problem(line, message)
    _read_fences(page)
    _read_directives(page)
    page.blocks.sort(key=lambda block: block.line)
    counts: dict[str, int] = {}
    for block in page.blocks:
        block.ordinal = counts.get(block.kind.name, 0)
        counts[block.kind.name] = block.ordinal + 1
    page.problems.sort(key=lambda problem: problem[0].line)
    return page


def _read_fences(page: Page) -> None:
    lines, offsets = lines_and_offsets(page.text)
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
            page.problem(i + 1, f"this fence ({marker}) is never closed")
            return
        body = "".join(
            ln[len(indent) :] if ln.startswith(indent) else ln.lstrip(" \t")
            for ln in lines[i + 1 : j]
        )
        _fence(page, i + 1, indent, info, body, offsets[i + 1], offsets[j])
        i = j + 1


def _fence(page: Page, line: int, indent: str, info: str, body: str, start: int, end: int):
    try:
        lang, options, brace = parse_info(info)
    except ValueError as exc:
        page.problem(line, str(exc))
        return
    unknown_bare = set(options) - HIGHLIGHT_OPTIONS
    if not brace and unknown_bare:
        opts = " ".join(f'{k}="{v}"' for k, v in options.items())
        page.problem(
            line,
            f"```{lang} {opts} uses the bare form with an option MkDocs does not know "
            f"({', '.join(sorted(unknown_bare))}), so the block would silently vanish from the "
            f"site. Write it in the brace form: ```{{.{lang} {opts}}}",
        )
        return
    content = [ln for ln in body.splitlines() if ln.strip()]
    if content and all(SNIPPET.match(ln) for ln in content):
        page.listings.append((Where(page.shown, line), lang))
        return
    kind = kinds.for_language(lang)
    if kind is None:
        return
    block = Block(page.path, page.shown, line, kind, lang, options, body, start, end, line + 1)
    block.indent = indent
    _validate(page, block, HIGHLIGHT_OPTIONS)


def _read_directives(page: Page) -> None:
    lines, offsets = lines_and_offsets(page.text)
    for number, text in enumerate(lines):
        match = DIRECTIVE.match(text.rstrip("\r\n"))
        if not match:
            continue
        kind = kinds.for_directive(match["name"])
        if kind is None:
            continue
        try:
            options, stray = parse_directive(match["options"] or "")
        except ValueError as exc:
            page.problem(number + 1, str(exc))
            continue
        if stray:
            page.problem(number + 1, f'not a key="value" option: {" ".join(stray)}')
        end = kind.directive_extent(lines, number + 1)
        block = Block(
            page.path,
            page.shown,
            number + 1,
            kind,
            kind.name,
            options,
            "".join(lines[number + 1 : end]),
            offsets[number + 1],
            offsets[end],
            number + 2,
        )
        _validate(page, block, frozenset())


def _validate(page: Page, block: Block, extra: frozenset[str]) -> None:
    messages = check_options(block.kind.name, block.options, block.kind.options, extra)
    if not messages:
        messages = block.kind.check(block)
    if not messages:
        try:
            example_folder(block, page.examples)
        except ValueError as exc:
            messages = [str(exc)]
    for message in messages:
        page.problem(block.line, message)
    if not messages:
        page.blocks.append(block)
