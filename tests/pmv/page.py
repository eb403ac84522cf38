"""A Markdown page as the runner sees it: its executed blocks, its file listings, its stamp, and
every mistake in them.

The text is read by pmv.markdown_reader; this module makes blocks of its fences and comments.
Only what pymdownx.superfences renders is accepted: options in the brace form
(```{.pycon example="pyc/first"}```). The bare form with an option superfences does not know
(```pycon example="x"```) is not rendered at all, and `mkdocs build --strict` does not notice,
so it is a page error here. Every page error names the file and the line. The conventions a
page's blocks follow (lines that fit a phone, a note on what changed between tabs) are
pmv.conventions.blocks'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pmv import kinds, stamp
from pmv.kinds.base import example_folder
from pmv.kinds.options import HIGHLIGHT_OPTIONS, check_options, parse_directive, parse_info
from pmv.markdown_reader import Document, Fence, Tab
from pmv.snippets import check_snippets
from pmv.versions import VersionCondition, parse_label

SNIPPET = re.compile(r"^\s*-{1,}8<-{1,}\s")


@dataclass(frozen=True)
class Where:
    """A place in a page, shown as `docs/page.md:12` (relative to the repository)."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Variant:
    """One version's copy of a block: a fence alone (versions None: every version the block
    holds on), or a fence in a version tab ("3.10–3.12")."""

    versions: list[str] | None
    body: str
    line: int  # its opening fence
    body_line: int


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
    marker: str = "```"  # a fence's own marker, which a rewrite keeps
    ordinal: int = 0  # position among the page's blocks of its kind: stable while outputs change
    info: str = ""  # a fence's info string, as written
    span: tuple[int, int] = (0, 0)  # offsets of the whole fence, or of its group of version tabs
    variants: list[Variant] = field(default_factory=list)  # one per version tab, or one
    verified: list[str] = field(default_factory=list)  # the versions the page's stamp names

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

    @property
    def versions(self) -> list[str]:
        """The supported versions the block holds on (its python= condition)."""
        return self.condition.supported_matches()

    def variant_for(self, minor: str) -> Variant | None:
        for variant in self.variants:
            if variant.versions is None or minor in variant.versions:
                return variant
        return None

    @property
    def grouped(self) -> bool:
        return any(variant.versions is not None for variant in self.variants)

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
    updating: bool = False
    blocks: list[Block] = field(default_factory=list)
    problems: list[tuple[Where, str]] = field(default_factory=list)
    listings: list[tuple[Where, str]] = field(default_factory=list)  # (place, language)
    stamp: stamp.Stamp | None = None  # the verified-with line

    @property
    def document(self) -> Document:
        return Document(self.text, self.path)

    def problem(self, line: int, message: str) -> None:
        self.problems.append((Where(self.shown, line), message))


def read_page(
    path: Path, root: Path, snippets_base: Path | None = None, *, updating: bool = False
) -> Page:
    """Parse a page. Mistakes are collected in `page.problems`, never raised.

    When `updating`, version tabs may still name a version the site no longer covers: the
    update leaves it out."""
    try:
        shown = str(path.relative_to(root))
    except ValueError:
        shown = str(path)
    document = Document.read(path)
    page = Page(path, shown, document.text, root / "examples", updating=updating)
    for line, message in check_snippets(document.text, snippets_base or root):
        page.problem(line, message)
    _read_fences(page, document)
    _read_directives(page, document)
    page.stamp = stamp.read(document)
    page.blocks.sort(key=lambda block: block.line)
    _check_labels(page)
    counts: dict[str, int] = {}
    for block in page.blocks:
        block.ordinal = counts.get(block.kind.name, 0)
        counts[block.kind.name] = block.ordinal + 1
    page.problems.sort(key=lambda problem: problem[0].line)
    return page


def apply(text: str, rewrites: list[tuple[int, int, str]]) -> str:
    """A page's text with rewrites (start, end, new text: offsets into `text`) spliced in, from
    the last to the first, and its stamp dated: the one way an update and CI's merge write."""
    new = text
    for start, end, replacement in sorted(rewrites, reverse=True):
        new = new[:start] + replacement + new[end:]
    return stamp.dated(new, text)


def _read_fences(page: Page, document: Document) -> None:
    def version_tab(tab: Tab) -> bool:
        try:
            return parse_label(tab.label, dropping=page.updating) is not None
        except ValueError as exc:
            page.problem(tab.line, str(exc))
            return False

    groups = document.tab_groups(accept=version_tab)
    for line, message in document.problems:
        page.problem(line, message)
    for group in groups:
        closed = [(fence, tab) for fence, tab in group if fence.close is not None]
        if closed:
            _fence_block(page, document, closed)


def _check_labels(page: Page) -> None:
    """A version tab may only claim versions whose interpreters verified the page.

    Not in an update run, which writes the tabs and the stamp together."""
    if page.stamp is None:
        return
    ran = page.stamp.entries
    for block in page.blocks:
        block.verified = sorted(ran)
        if page.updating:
            continue
        for variant in block.variants:
            unrun = [v for v in variant.versions or [] if v not in ran]
            if unrun:
                page.problem(
                    variant.line,
                    f"this version tab claims {', '.join(unrun)}, which no interpreter ran for "
                    f"this page (line {page.stamp.line} names the ones that did): run "
                    f"python3 noxfile.py -s update-{unrun[0]} -- {page.shown}",
                )


def _fence_block(page: Page, document: Document, group: list[tuple[Fence, Tab | None]]) -> None:
    first, tab = group[0]
    try:
        lang, options, brace = parse_info(first.info)
    except ValueError as exc:
        page.problem(first.line, str(exc))
        return
    unknown_bare = set(options) - HIGHLIGHT_OPTIONS
    if not brace and unknown_bare:
        opts = " ".join(f'{k}="{v}"' for k, v in options.items())
        page.problem(
            first.line,
            f"```{lang} {opts} uses the bare form with an option MkDocs does not know "
            f"({', '.join(sorted(unknown_bare))}), so the block would silently vanish from the "
            f"site. Write it in the brace form: ```{{.{lang} {opts}}}",
        )
        return
    content = [ln for ln in first.body.splitlines() if ln.strip()]
    if content and all(SNIPPET.match(ln) for ln in content):
        for fence, _ in group:
            page.listings.append((Where(page.shown, fence.line), lang))
        return
    kind = kinds.for_language(lang)
    if kind is None:
        if len(group) > 1:
            for fence, _ in group[1:]:
                _fence_block(page, document, [(fence, None)])
        return
    last = group[-1][0]
    block = Block(
        page.path,
        page.shown,
        first.line,
        kind,
        lang,
        options,
        first.body,
        first.body_start,
        first.body_end,
        first.body_line,
    )
    block.indent, block.info, block.marker = first.indent, first.info, first.marker
    start_line = tab.line if tab else first.line
    block.span = (document.offsets[start_line - 1], last.end)
    block.variants = [
        Variant(_tab_versions(t, page.updating), f.body, f.line, f.body_line) for f, t in group
    ]
    if tab:
        block.indent = tab.indent  # the tabs' indent: where the group, or a plain fence, goes
    # An update runs the first tab and rewrites the others from it: that is how an edit of the
    # first tab reaches them. Only a test run holds them to it; an update refuses a later tab
    # edited alone (its input unlike the first's and unlike every other tab's), which it would
    # otherwise overwrite unseen.
    if page.updating:
        inputs = [kind.input_of(fence.body) for fence, _ in group]
        for (fence, _), text in zip(group[1:], inputs[1:], strict=True):
            if len(group) > 2 and inputs.count(text) == 1 and text != inputs[0]:
                page.problem(
                    fence.line,
                    f"this version tab's input was edited apart from the first tab's (line "
                    f"{first.line}), which the update would write over it: make the edit in "
                    "the first tab (the update rewrites the others from it)",
                )
                return
    for fence, _ in group[1:] if not page.updating else ():
        if fence.info.strip() != first.info.strip():
            page.problem(
                fence.line,
                f"this version tab's fence options differ from the first tab's (line "
                f"{first.line}): the first tab is the one to edit; the update command "
                "rewrites the others from it",
            )
            return
        if kind.input_of(fence.body) != kind.input_of(first.body):
            page.problem(
                fence.line,
                f"this version tab's input differs from the first tab's (line {first.line}): "
                "edit the first tab only; the update command rewrites the others from it",
            )
            return
    seen: list[str] = []
    for variant in block.variants:
        overlap = set(variant.versions or []) & set(seen)
        if overlap:
            page.problem(variant.line, f"{', '.join(sorted(overlap))} is in two version tabs")
            return
        seen += variant.versions or []
    _validate(page, block, HIGHLIGHT_OPTIONS)


def _tab_versions(tab: Tab | None, updating: bool) -> list[str] | None:
    return None if tab is None else parse_label(tab.label, dropping=updating)


def _read_directives(page: Page, document: Document) -> None:
    for comment in document.comments:
        kind = kinds.for_directive(comment.name)
        if kind is None:
            continue
        try:
            options, stray = parse_directive(comment.text)
        except ValueError as exc:
            page.problem(comment.line, str(exc))
            continue
        if stray:
            page.problem(comment.line, f'not a key="value" option: {" ".join(stray)}')
        end = kind.directive_extent(document.lines, comment.line)
        block = Block(
            page.path,
            page.shown,
            comment.line,
            kind,
            kind.name,
            options,
            "".join(document.lines[comment.line : end]),
            document.offsets[comment.line],
            document.offsets[end],
            comment.line + 1,
        )
        block.span = (document.offsets[comment.line], document.offsets[end])
        block.variants = [Variant(None, block.body, block.line, block.body_line)]
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
