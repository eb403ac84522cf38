"""docs/short-answers.md: every topic page's short-answers table, in the nav's order."""

from __future__ import annotations

from pmv.conventions.tables import marked_tables
from pmv.reference.site_model import HEADER, REPEATS, TopicPage, raw_line


def render(pages: list[TopicPage]) -> tuple[str, list[str]]:
    out = [
        REPEATS
        + HEADER.format(what="short_answers.py", source="the short-answers tables of the pages"),
        "# Short answers\n",
        "Every page's short answers, in one place and in the order of the pages: the question, "
        "the answer in a line, and the section that shows it.\n",
    ]
    problems = []
    for page in pages:
        tables = marked_tables(page.text, "short-answers")
        if not tables:
            problems.append(f"docs/{page.name}: no <!-- short-answers --> table")
            continue
        out.append(f"## [{page.sections[0].title}]({page.name})\n")
        for marker_line, rows in tables:
            lines = page.text.splitlines()
            # The table's own header and separator lines, then its rows, links rebased.
            header = next(k for k in range(marker_line, len(lines)) if lines[k].startswith("|"))
            out.append(lines[header])
            out.append(lines[header + 1])
            out.extend(page.rebase(raw_line(page, row.line).strip()) for row in rows)
            out.append("")
    return "\n".join(out).rstrip() + "\n", problems
