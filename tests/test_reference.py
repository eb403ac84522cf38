"""The generated reference pages (tests/reference): up to date with the pages, and complete."""

from __future__ import annotations

import difflib

import pytest
from pmv.reference import build, home, notes
from pmv.reference.site_model import DOCS, ROOT, nav_pages, topic_pages

REFRESH = "python3 noxfile.py -s generate"


@pytest.fixture(scope="module")
def rendered():
    return build.render_all()


def test_every_generated_page_is_up_to_date(rendered):
    pages, _ = rendered
    stale = []
    for path, text in pages.items():
        written = path.read_text(encoding="utf-8") if path.is_file() else ""
        if written != text:
            diff = difflib.unified_diff(
                written.splitlines(),
                text.splitlines(),
                str(path.relative_to(ROOT)),
                "generated",
                lineterm="",
                n=1,
            )
            stale.append("\n".join(list(diff)[:40]))
    assert not stale, f"out of date: run `{REFRESH}`\n" + "\n\n".join(stale)


def test_every_sentence_of_the_notes_has_a_verdict(rendered):
    _, problems = rendered
    assert problems == []


def test_a_sentence_without_a_verdict_is_named(monkeypatch):
    """The check itself: drop one page's verdicts and its sentences are reported."""
    pages = topic_pages(build.GENERATED)
    without = [p for p in pages if p.name != "pyc.md"]
    _, problems = notes.render(without)
    assert any("A program doesn" in p and "has no verdict" in p for p in problems), problems


def test_every_topic_is_on_the_map():
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    mapped = text.split(home.START, 1)[1].split(home.END, 1)[0]
    for page in topic_pages(build.GENERATED):
        assert f"]({page.name})" in mapped, f"{page.name} is not on the home page's map"


def test_every_generated_page_is_on_the_nav():
    names = {name for _, name in nav_pages()}
    missing = build.GENERATED - names
    assert not missing, f"not on mkdocs.yml's nav: {sorted(missing)}"
