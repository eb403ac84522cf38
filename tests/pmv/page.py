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

from pmv import kinds
from pmv.kinds.base import example_folder
from pmv.kinds.options import HIGHLIGHT_OPTIONS, WIDTH, check_options, parse_directive, parse_info
from pmv.snippets import check_snippets
from pmv.versions import VersionCondition, parse_label

SNIPPET = re.compile(r"^\s*-{1,}8<-{1,}\s")
OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
TAB = re.compile(r'^(?P<indent>[ \t]*)===\+? "(?P<label>[^"]*)"\s*$')
DIRECTIVE = re.compile(r"^<!--\s*(?P<name>[\w-]+)(?::(?P<options>.*?))?\s*-->\s*$")


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
    ordinal: int = 0  # position among the page's blocks of its kind: stable while outputs change
    info: str = ""  # a fence's info string, as written
    span: tuple[int, int] = (0, 0)  # offsets of the whole fence, or of its group of version tabs
    variants: list[Variant] = field(default_factory=list)  # one per version tab, or one
    verified: list[str] = field(default_factory=list)  # the versions the page's line names

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

    def problem(self, line: int, message: str) -> None:
        self.problems.append((Where(self.shown, line), message))


def lines_and_offsets(text: str) -> tuple[list[str], list[int]]:
    """The page's lines (with their endings), and the offset in the text where each starts."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return lines, offsets


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
    text = path.read_text(encoding="utf-8")
    page = Page(path, shown, text, root / "examples", updating=updating)
    for line, message in check_snippets(text, snippets_base or root):
        page.problem(line, message)
    _read_fences(page)
    _read_directives(page)
    page.blocks.sort(key=lambda block: block.line)
    _check_labels(page)
    counts: dict[str, int] = {}
    for block in page.blocks:
        block.ordinal = counts.get(block.kind.name, 0)
        counts[block.kind.name] = block.ordinal + 1
    page.problems.sort(key=lambda problem: problem[0].line)
    return page


@dataclass
class _Fence:
    line: int  # 1-based, the opening fence
    close: int  # 1-based, the closing fence
    indent: str
    info: str
    body: str
    body_start: int
    body_end: int


def _read_fences(page: Page) -> None:
    lines, offsets = lines_and_offsets(page.text)
    fences: list[_Fence] = []
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
            break
        body = "".join(
            ln[len(indent) :] if ln.startswith(indent) else ln.lstrip(" \t")
            for ln in lines[i + 1 : j]
        )
        fences.append(_Fence(i + 1, j + 1, indent, info, body, offsets[i + 1], offsets[j]))
        i = j + 1
    for group in _version_groups(page, lines, fences):
        _fence_block(page, lines, offsets, group)


def _tab_of(page: Page, lines: list[str], fence: _Fence):
    """(tab line, its indent, its versions) if the fence is alone in a version tab, else None."""
    k = fence.line - 2
    while k >= 0 and not lines[k].strip():
        k -= 1
    match = TAB.match(lines[k].rstrip("\r\n")) if k >= 0 else None
    if not match or fence.indent != match["indent"] + "    ":
        return None
    try:
        versions = parse_label(match["label"], dropping=page.updating)
    except ValueError as exc:
        page.problem(k + 1, str(exc))
        return None
    return None if versions is None else (k + 1, match["indent"], versions)


def _version_groups(page: Page, lines: list[str], fences: list[_Fence]):
    """The fences, each alone or with the fences of the version tabs that follow it."""
    groups: list[list[tuple[_Fence, tuple | None]]] = []
    for fence in fences:
        tab = _tab_of(page, lines, fence)
        previous = groups[-1][-1] if groups else None
        if tab and previous and previous[1] and previous[1][1] == tab[1]:
            between = lines[previous[0].close : tab[0] - 1]
            if all(not line.strip() for line in between):
                groups[-1].append((fence, tab))
                continue
        groups.append([(fence, tab)])
    return groups


def _check_labels(page: Page) -> None:
    """A version tab may only claim versions whose interpreters verified the page.

    Not in an update run, which writes the tabs and the verified-with line together."""
    verified = [b for b in page.blocks if b.kind.name == "verified"]
    if not verified:
        return
    from pmv.stamp import entries

    ran = entries(verified[0].body)
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
                    f"this page (line {verified[0].line} names the ones that did): run "
                    f"python3 noxfile.py -s update-{unrun[0]} -- {page.shown}",
                )


def _fence_block(page: Page, lines, offsets, group) -> None:
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
                _fence_block(page, lines, offsets, [(fence, None)])
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
        first.line + 1,
    )
    block.indent, block.info = first.indent, first.info
    start_line = tab[0] if tab else first.line
    block.span = (offsets[start_line - 1], offsets[last.close])
    block.variants = [Variant(t[2] if t else None, f.body, f.line, f.line + 1) for f, t in group]
    if tab:
        block.indent = tab[1]  # the tabs' indent: where the group, or a plain fence, goes
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
    # An update must be able to run on a page whose outputs are too wide or lack a change note:
    # it is what shows the author the new outputs. The next test run asks for both.
    if "wide" not in options and not page.updating:
        for variant in block.variants:
            for offset, text in enumerate(variant.body.splitlines()):
                if len(text) > WIDTH:
                    page.problem(
                        variant.body_line + offset,
                        f"this line is {len(text)} columns wide, more than the {WIDTH} a phone "
                        "shows: shorten the command or what it prints, or say on the fence why "
                        'it may not be (wide="a path of the interpreter")',
                    )
                    return
    if len(block.variants) > 1 and "changes" not in options and not page.updating:
        page.problem(
            first.line,
            "this block's output differs by version (its tabs): say what changed and why on "
            'its first fence, changes="3.11 froze the start-up modules (What\'s New 3.11)"',
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
        block.span = (offsets[number + 1], offsets[end])
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
