"""The one reader of the project's Markdown: fences, version tabs, headings, comments, prose.

Every part of the project that reads a page reads it through `Document`: the runner (its
blocks), the page conventions, the generated pages, the walk-through (CONTRIBUTING.md) and the
site's hooks. It returns what the text holds, with lines and offsets, and the mistakes it finds
(a fence never closed); it builds no block and judges nothing.

The rules are pymdownx.superfences', as the site renders the pages:

- A fence opens with three or more backticks or tildes after any indentation (in a list item
  or a content tab), followed by its info string; a backtick fence's info has no backtick.
- It closes at a line of the same character, at least as many, at the same indentation, with
  nothing after but spaces. So a ```` fence holds ``` lines, and a ~~~ fence ``` lines.
- Its body is its lines with that indentation removed (a line indented less loses what it has).
- Nothing inside a fence is a heading, a comment or prose.

A heading's anchor is the one MkDocs gives it: its own `{#id}` (attr_list), else
Python-Markdown's toc slug of its text, a repeated one numbered `_1`, `_2`, ...
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

OPENING = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>`{3,}|~{3,})(?P<info>.*)$")
TAB = re.compile(r'^(?P<indent>[ \t]*)===\+? "(?P<label>[^"]*)"\s*$')
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.+?)\s*(?:\{[^}]*\})?\s*$")
EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
# A one-line HTML comment that says what follows it: <!-- verified-with -->,
# <!-- table-rows: command="..." -->, <!-- term: NAME | SENTENCE -->, <!-- /map -->.
COMMENT = re.compile(r"^<!--\s*(?P<name>/?[\w-]+)(?::(?P<text>.*?))?\s*-->\s*$")


@dataclass(frozen=True)
class Fence:
    line: int  # 1-based, the opening fence
    close: int | None  # 1-based, the closing fence; None if it is never closed
    indent: str
    marker: str  # "```", "````", "~~~"
    info: str  # the rest of the opening line, as written
    body: str  # its lines, the indentation removed
    start: int  # offset of the opening line
    end: int  # offset just after the closing line
    body_start: int  # offsets of the (indented) body in the page's text
    body_end: int

    @property
    def body_line(self) -> int:
        return self.line + 1

    @property
    def language(self) -> str:
        """The first word of the info string, without a leading brace and dot."""
        match = re.match(r"\{?\s*\.?([\w+-]*)", self.info.strip())
        return match[1].lower() if match else ""


@dataclass(frozen=True)
class Tab:
    """A content tab's line (`=== "3.10–3.12"`) right above a fence that is alone in it."""

    line: int
    indent: str
    label: str


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    title: str  # as written, Markdown
    anchor: str


@dataclass(frozen=True)
class Comment:
    line: int
    name: str  # "verified-with", "term", "/map"
    text: str  # what follows the colon, stripped; "" without one


@dataclass(frozen=True)
class TableRow:
    line: int
    cells: list[str]


@dataclass
class Document:
    text: str
    path: Path | None = None
    problems: list[tuple[int, str]] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> Document:
        return cls(path.read_text(encoding="utf-8"), path)

    # --- lines ------------------------------------------------------------------------------

    @cached_property
    def lines(self) -> list[str]:
        """The lines, their endings kept."""
        return self.text.splitlines(keepends=True)

    @cached_property
    def offsets(self) -> list[int]:
        """Where each line starts in the text (and, last, the text's length)."""
        offsets = [0]
        for line in self.lines:
            offsets.append(offsets[-1] + len(line))
        return offsets

    def line_at(self, offset: int) -> int:
        """The 1-based line an offset of the text is on."""
        return self.text.count("\n", 0, offset) + 1

    # --- fences -----------------------------------------------------------------------------

    @cached_property
    def fences(self) -> list[Fence]:
        found = []
        lines, offsets = self.lines, self.offsets
        i = 0
        while i < len(lines):
            match = OPENING.match(lines[i].rstrip("\r\n"))
            if not match or (match["marker"][0] == "`" and "`" in match["info"]):
                i += 1
                continue
            indent, marker = match["indent"], match["marker"]
            closing = re.compile(rf"^{re.escape(indent)}{marker[0]}{{{len(marker)},}}[ \t]*$")
            j = i + 1
            while j < len(lines) and not closing.match(lines[j].rstrip("\r\n")):
                j += 1
            closed = j < len(lines)
            body = "".join(
                ln[len(indent) :] if ln.startswith(indent) else ln.lstrip(" \t")
                for ln in lines[i + 1 : j]
            )
            found.append(
                Fence(
                    line=i + 1,
                    close=j + 1 if closed else None,
                    indent=indent,
                    marker=marker,
                    info=match["info"],
                    body=body,
                    start=offsets[i],
                    end=offsets[j + 1] if closed else offsets[-1],
                    body_start=offsets[i + 1],
                    body_end=offsets[j],
                )
            )
            if not closed:
                self.problems.append((i + 1, f"this fence ({marker}) is never closed"))
                break
            i = j + 1
        return found

    @cached_property
    def _fenced(self) -> set[int]:
        """The 0-based lines inside a fence, its opening and closing lines included."""
        inside: set[int] = set()
        for fence in self.fences:
            last = (fence.close or len(self.lines)) - 1
            inside.update(range(fence.line - 1, last + 1))
        return inside

    def in_fence(self, line: int) -> bool:
        """Whether a 1-based line belongs to a fence."""
        return line - 1 in self._fenced

    def outside(self) -> list[tuple[int, str]]:
        """(1-based line, text without its ending) of every line outside the fences."""
        return [
            (number + 1, line.rstrip("\r\n"))
            for number, line in enumerate(self.lines)
            if number not in self._fenced
        ]

    def prose(self) -> str:
        """The text with every fence's lines blanked: same lines, same numbers."""
        return "".join(
            ("\n" if line.endswith("\n") else "") if number in self._fenced else line
            for number, line in enumerate(self.lines)
        )

    # --- version tabs -----------------------------------------------------------------------

    def tab_of(self, fence: Fence) -> Tab | None:
        """The content tab a fence is alone in: the tab line right above it (blank lines
        between), indented four spaces less than the fence."""
        k = fence.line - 2
        while k >= 0 and not self.lines[k].strip():
            k -= 1
        match = TAB.match(self.lines[k].rstrip("\r\n")) if k >= 0 else None
        if not match or fence.indent != match["indent"] + "    ":
            return None
        return Tab(k + 1, match["indent"], match["label"])

    def tab_groups(
        self, accept: Callable[[Tab], bool] = lambda tab: True
    ) -> list[list[tuple[Fence, Tab | None]]]:
        """The fences, each alone or with the fences of the tabs that follow it: tabs at the same
        indentation with nothing but blank lines between one's fence and the next tab. A tab
        that `accept` refuses (the runner groups version tabs only) counts as none."""
        groups: list[list[tuple[Fence, Tab | None]]] = []
        for fence in self.fences:
            tab = self.tab_of(fence)
            tab = tab if tab is not None and accept(tab) else None
            previous = groups[-1][-1] if groups else None
            if tab and previous and previous[1] and previous[1].indent == tab.indent:
                between = self.lines[(previous[0].close or 0) : tab.line - 1]
                if all(not line.strip() for line in between):
                    groups[-1].append((fence, tab))
                    continue
            groups.append([(fence, tab)])
        return groups

    # --- headings, comments, tables ---------------------------------------------------------

    @cached_property
    def headings(self) -> list[Heading]:
        found, seen = [], {}
        for number, line in self.outside():
            match = HEADING.match(line)
            if not match:
                continue
            explicit = EXPLICIT_ID.search(line)
            anchor = explicit[1] if explicit else slugify(match["title"])
            if anchor in seen:
                seen[anchor] += 1
                anchor = f"{anchor}_{seen[anchor]}"
            else:
                seen[anchor] = 0
            found.append(Heading(number, len(match["level"]), match["title"], anchor))
        return found

    def heading_above(self, line: int, max_level: int = 6) -> Heading | None:
        """The last heading of at most this level above a line."""
        above = [h for h in self.headings if h.line < line and h.level <= max_level]
        return above[-1] if above else None

    @cached_property
    def comments(self) -> list[Comment]:
        found = []
        for number, line in self.outside():
            match = COMMENT.match(line.strip())
            if match:
                found.append(Comment(number, match["name"], (match["text"] or "").strip()))
        return found

    def comments_named(self, name: str) -> list[Comment]:
        return [comment for comment in self.comments if comment.name == name]

    def table_after(self, line: int) -> list[TableRow]:
        """The body rows of the table right under a 1-based line (blank lines between), its
        header and `|---|` line left out."""
        k = line
        while k < len(self.lines) and not self.lines[k].strip():
            k += 1
        header, rows = k, []
        while k < len(self.lines) and self.lines[k].startswith("|"):
            if k > header + 1:
                rows.append(TableRow(k + 1, split_row(self.lines[k].rstrip("\r\n"))))
            k += 1
        return rows

    def lines_after(self, line: int, prefix: str) -> int:
        """The 1-based line after the run of lines starting with `prefix` right under a line."""
        k = line
        while k < len(self.lines) and self.lines[k].startswith(prefix):
            k += 1
        return k + 1


def split_row(line: str) -> list[str]:
    """The cells of a table row; a `|` inside backticks or escaped as `\\|` is not a border."""
    cells, current, in_code = [], "", False
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body) and body[i + 1] == "|":
            current += "|"
            i += 2
            continue
        if char == "`":
            in_code = not in_code
        if char == "|" and not in_code:
            cells.append(current.strip())
            current = ""
        else:
            current += char
        i += 1
    cells.append(current.strip())
    return cells


def slugify(title: str) -> str:
    """The anchor MkDocs gives a heading (Python-Markdown's toc.slugify, its default)."""
    text = re.sub(r"`([^`]*)`", r"\1", title)  # inline code keeps its text
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)
