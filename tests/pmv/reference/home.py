"""The map on the home page (docs/index.md, between <!-- map --> and <!-- /map -->): each topic
with the first sentence of its page, and, folded, the questions its short answers answer."""

from __future__ import annotations

import re

from pmv import stamp
from pmv.conventions.tables import LINK, marked_tables
from pmv.markdown_reader import Document
from pmv.reference.site_model import DOCS, TopicPage

START, END = "<!-- map -->", "<!-- /map -->"
INDEX = DOCS / "index.md"


def first_sentence(page: TopicPage) -> str:
    lines = page.text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# ")) + 1
    paragraph = []
    for line in lines[start:]:
        if not line.strip():
            if paragraph:
                break
            continue
        if line.startswith(("<!--", "#")):
            continue
        paragraph.append(line.strip())
    text = " ".join(paragraph)
    return re.split(r"(?<=[.!?])\s+(?=[A-Z\"`])", text, maxsplit=1)[0]


def questions(page: TopicPage) -> list[str]:
    out = []
    for _, rows in marked_tables(page.text, "short-answers"):
        for row in rows:
            links = [link for cell in row.cells[1:] for link in LINK.findall(cell)]
            target = links[0][1] if links else ""
            question = row.cells[0]
            out.append(f"[{question}]({page.name}{target})" if target.startswith("#") else question)
    return out


def releases(pages: list[TopicPage]) -> str:
    """The releases the topic pages' verified-with lines name: each version's newest."""
    found: dict[str, str] = {}
    key = lambda release: tuple(int(p) for p in re.findall(r"\d+", release))  # noqa: E731
    for page in pages:
        found_stamp = stamp.read(Document(page.text))
        for minor, entry in (found_stamp.entries if found_stamp else {}).items():
            release = entry.split(" (")[0]
            if minor not in found or key(release) > key(found[minor]):
                found[minor] = release
    ordered = [found[m] for m in sorted(found, key=lambda m: tuple(map(int, m.split("."))))]
    return ", ".join(ordered[:-1]) + " and " + ordered[-1] if len(ordered) > 1 else "".join(ordered)


def render_map(pages: list[TopicPage]) -> str:
    out = [START, "", f"The last update ran the examples on CPython {releases(pages)}.", ""]
    for page in pages:
        asked = questions(page)
        out.append(f"### [{page.sections[0].title}]({page.name})\n")
        out.append(first_sentence(page) + "\n")
        out.append(f'??? question "The {len(asked)} questions it answers"\n')
        out.extend(f"    - {q}" for q in asked)
        out.append("")
    out.append(END)
    return "\n".join(out)


def render(pages: list[TopicPage]) -> tuple[str, list[str]]:
    text = INDEX.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return text, [f"docs/index.md: no {START} ... {END} markers for the map"]
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    return before + render_map(pages) + after, []
