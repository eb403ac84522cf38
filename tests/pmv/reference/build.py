"""All the generated pages together: render each, write them, or compare them with docs/."""

from __future__ import annotations

from pathlib import Path

from pmv.reference import changes, errors, glossary, home, notes, short_answers
from pmv.reference.site_model import DOCS, ROOT, topic_pages

# Each generated page, and the module that renders it.
PAGES = {
    "short-answers.md": short_answers,
    "errors.md": errors,
    "changes.md": changes,
    "glossary.md": glossary,
    "notes.md": notes,
    "index.md": home,
}
GENERATED = set(PAGES) - {"index.md"}


def render_all() -> tuple[dict[Path, str], list[str]]:
    pages = topic_pages(GENERATED)
    rendered, problems = {}, []
    for name, module in PAGES.items():
        text, found = module.render(pages)
        rendered[DOCS / name] = text
        problems.extend(found)
    return rendered, problems


def write_all() -> tuple[list[str], list[str]]:
    rendered, problems = render_all()
    written = []
    for path, text in rendered.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(str(path.relative_to(ROOT)))
    return written, problems


def out_of_date() -> tuple[list[str], list[str]]:
    rendered, problems = render_all()
    stale = [
        str(path.relative_to(ROOT))
        for path, text in rendered.items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]
    return stale, problems
