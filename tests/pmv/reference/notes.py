"""docs/notes.md: the original notes, whole and in order, each sentence with its verdict.

The verdicts are the topic pages' own (their `<!-- verdicts -->` tables): a sentence is quoted
there, word for word, with its verdict, the reason and the proof. Here each paragraph of the
notes is quoted, and under it the rows of the sentences it holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmv.conventions.pages import words
from pmv.conventions.tables import marked_tables
from pmv.reference.site_model import DOCS, HEADER, REPEATS, TopicPage, raw_line

NOTES = DOCS / "original-notes.txt"
# The notes' words that state nothing to check: asides, exclamations, the link to an answer
# (whose words the next line quotes, and the interpreter page judges). Every other word of the
# notes must be in a sentence that a topic page gives a verdict.
ASIDES = (
    "_____",
    "interesting note: above underlined:",
    "Wow",
    "another interesting point: Note",
    "----",
    "wow. interesting stuff",
    "yet another one:",
    ": https://stackoverflow.com/a/2998228/850423",
)


@dataclass(frozen=True)
class Row:
    quote: str
    markdown: str  # the table row, its links working from docs/notes.md
    page: TopicPage


def verdict_rows(pages: list[TopicPage]) -> list[Row]:
    rows = []
    for page in pages:
        for _, table in marked_tables(page.text, "verdicts"):
            for row in table:
                quote = row.cells[0].strip().strip('"“”')
                rows.append(Row(quote, page.rebase(raw_line(page, row.line).strip()), page))
    return rows


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each paragraph: lines between blank lines."""
    out = []
    for match in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text):
        line = text.count("\n", 0, match.start()) + 1
        out.append((line, match[0].strip("\n")))
    return out


def escape(text: str) -> str:
    """The notes' words as Markdown text: nothing in them is read as markup."""
    return re.sub(r"([\\`*_\[\]<>#|~])", r"\\\1", text)


def render(pages: list[TopicPage]) -> tuple[str, list[str]]:
    """(the page, the problems): a sentence with no verdict is a problem."""
    rows = verdict_rows(pages)
    notes = NOTES.read_text(encoding="utf-8")
    problems, used = [], set()
    out = [
        REPEATS + HEADER.format(what="notes.py", source="the verdicts tables of the topic pages"),
        "# The original notes, checked\n",
        "The study notes this site grew from, whole and in their order, in their own words "
        "(typos included). Under each paragraph, each of its claims with the verdict of the "
        'page on its topic, why, and the section that proves it; the asides ("wow") have '
        "none. The notes are also [a plain file](original-notes.txt).\n",
    ]
    for number, paragraph in paragraphs(notes):
        flat = words(paragraph)
        found = sorted(
            ((flat.find(words(row.quote)), row) for row in rows if words(row.quote) in flat),
            key=lambda pair: pair[0],
        )
        covered = [False] * len(flat)
        for start, row in found:
            for i in range(start, start + len(words(row.quote))):
                covered[i] = True
            used.add(row.quote)
        for aside in ASIDES:
            at = flat.find(aside)
            while at != -1:
                for i in range(at, at + len(aside)):
                    covered[i] = True
                at = flat.find(aside, at + 1)
        left = "".join(c if not done else "\0" for c, done in zip(flat, covered, strict=True))
        for piece in left.split("\0"):
            if re.search(r"\w", piece):
                problems.append(
                    f"docs/original-notes.txt:{number}: {piece.strip()!r} has no "
                    "verdict: quote its sentence in the verdicts table of the page on its topic"
                )
        out.append(
            "\n".join(
                "> " + escape(line.strip()) if line.strip() else ">"
                for line in paragraph.splitlines()
            )
        )
        out.append("")
        if found:
            out.append("| the note | verdict | why | proof |")
            out.append("|---|---|---|---|")
            out.extend(row.markdown for _, row in found)
            out.append("")
    for row in rows:
        if row.quote not in used:
            problems.append(
                f"docs/{row.page.name}: the verdict on {row.quote!r} quotes no paragraph of "
                "docs/original-notes.txt whole"
            )
    return "\n".join(out).rstrip() + "\n", problems
