"""docs/glossary.md: every term the pages mark, with its definition and the section defining it."""

from __future__ import annotations

import re

from pmv.conventions.pages import read
from pmv.reference.site_model import HEADER, TopicPage


def shown(name: str) -> str:
    """A term as the pages write it: a name of Python's in code, a word as a word."""
    return f"`{name}`" if re.search(r"[._()]|^-", name) else name


def render(pages: list[TopicPage]) -> tuple[str, list[str]]:
    terms = []
    for page in pages:
        for term in read(page.path).terms:
            section = page.section_at(term.line)
            terms.append((term, page, section))
    terms.sort(key=lambda t: t[0].name.lstrip("_.-").lower())
    out = [
        HEADER.format(what="glossary.py", source="the term markers of the pages"),
        "# Glossary\n",
        "The words this site uses in a sense of their own, each with the section that shows "
        "it. On the pages, a term's first use in a section (outside headings, links, code blocks "
        "and the titles of collapsible blocks, and except in the section that defines it; this "
        "page is not marked) shows the same definition when it is pointed at, tapped or "
        "focused.\n",
    ]
    for term, page, section in terms:
        out.append(shown(term.name))
        out.append(
            f":   {term.definition} ([{page.sections[0].title}: {section.title}]({section.link}))"
        )
        out.append("")
    return "\n".join(out).rstrip() + "\n", []
