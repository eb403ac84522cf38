"""Read a page's verdicts, short answers and terms; check them against the notes and the page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pmv.conventions.tables import marked_tables
from pmv.markdown_reader import Document, Heading
from pmv.project import PROJECT

VERDICTS = ("right", "partly right", "wrong")
TERM = re.compile(r"^<!--\s*term:\s*(?P<name>[^|]+?)\s*\|\s*(?P<definition>.+?)\s*-->\s*$")
NOTES = PROJECT.docs / "original-notes.txt"


@dataclass(frozen=True)
class Verdict:
    line: int
    quote: str  # the note's words, as the page quotes them
    verdict: str  # right, partly right, wrong
    reason: str
    proofs: list[str]  # links to the sections that show it


@dataclass(frozen=True)
class ShortAnswer:
    line: int
    question: str
    answer: str
    links: list[str]


@dataclass(frozen=True)
class Term:
    line: int
    name: str
    definition: str
    heading: str  # the title of the section that defines it


@dataclass
class Conventions:
    path: Path
    verdicts: list[Verdict] = field(default_factory=list)
    short_answers: list[ShortAnswer] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def words(text: str) -> str:
    """Text compared word for word: runs of white space count as one space."""
    return " ".join(text.split())


def read(path: Path) -> Conventions:
    text = path.read_text(encoding="utf-8")
    found = Conventions(path)
    for marker_line, rows in marked_tables(text, "verdicts"):
        if not rows:
            found.problems.append((marker_line, "<!-- verdicts --> is not followed by a table"))
        for row in rows:
            _verdict(found, row)
    for marker_line, rows in marked_tables(text, "short-answers"):
        if not rows:
            found.problems.append((marker_line, "<!-- short-answers --> has no table under it"))
        for row in rows:
            if len(row.cells) < 2:
                found.problems.append((row.line, "a short answer needs a question and an answer"))
                continue
            links = [link for cell in range(1, len(row.cells)) for link in row.links(cell)]
            if not links:
                found.problems.append((row.line, "a short answer links to the section it sums up"))
            found.short_answers.append(ShortAnswer(row.line, row.cells[0], row.cells[1], links))
    document = Document(text)
    for comment in document.comments_named("term"):
        term = TERM.match(f"<!-- term: {comment.text} -->")
        if not term:
            continue
        heading = document.heading_above(comment.line + 1)
        if heading is None:
            found.problems.append(
                (comment.line, "a term is marked under the heading that defines it")
            )
            continue
        found.terms.append(Term(comment.line, term["name"], term["definition"], heading.title))
    return found


def _verdict(found: Conventions, row) -> None:
    if len(row.cells) != 4:
        found.problems.append(
            (row.line, "a verdict row has four cells: the note, the verdict, why, the proof")
        )
        return
    quote, verdict, reason, _ = row.cells
    quote = quote.strip().strip('"“”')
    verdict = verdict.strip("* .").lower()
    if verdict not in VERDICTS:
        found.problems.append(
            (row.line, f"the verdict {verdict!r} is not one of: {', '.join(VERDICTS)}")
        )
    if words(quote) not in words(NOTES.read_text(encoding="utf-8")):
        found.problems.append(
            (row.line, f"this quote is not in docs/original-notes.txt word for word: {quote!r}")
        )
    proofs = row.links(3)
    if not proofs:
        found.problems.append((row.line, "a verdict links to the section that proves it"))
    found.verdicts.append(Verdict(row.line, quote, verdict, reason, proofs))


def headings(text: str) -> list[Heading]:
    """A page's headings outside code fences, with the anchors MkDocs gives them
    (pmv.markdown_reader)."""
    return Document(text).headings


def anchors(path: Path) -> set[str]:
    """The anchors of a page's headings."""
    return {heading.anchor for heading in headings(path.read_text(encoding="utf-8"))}


def broken_links(path: Path, links: list[str], line: int) -> list[tuple[int, str]]:
    """Links to an anchor of this page that no heading has."""
    own = anchors(path)
    return [
        (line, f"{link} is not a section of this page")
        for link in links
        if link.startswith("#") and link[1:] not in own
    ]


def duplicate_terms(paths: list[Path], root: Path) -> list[str]:
    """A term is defined in one section of the site: messages for the second definitions."""
    defined: dict[str, str] = {}
    problems = []
    for path in paths:
        for term in read(path).terms:
            where = f"{path.relative_to(root)}:{term.line}"
            # Case aside, as the terms are marked in the pages (pmv.website.terms).
            key = term.name.lower()
            if key in defined:
                problems.append(f"{where}: {term.name!r} is defined already, at {defined[key]}")
            else:
                defined[key] = where
    return problems
