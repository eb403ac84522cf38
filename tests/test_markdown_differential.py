"""The one Markdown reader (pmv.markdown_reader) reads every page as each of the old readers did:
the same fences with the same spans, tabs, headings and anchors, comments, tables and prose.

A check for the move only: the old readers go once every reader uses Document, and this file
with them (tests/test_markdown.py pins the reader on its own).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pmv import page as runner_pages
from pmv import walkthrough
from pmv.conventions import across, checks, tables
from pmv.conventions import pages as convention_pages
from pmv.markdown_reader import Document
from pmv.project import PROJECT
from pmv.versions import parse_label

PAGES = sorted(PROJECT.docs.glob("*.md"))
ids = [p.name for p in PAGES]
# CONTRIBUTING.md too, for what is read in it: its headings and the walk-through's fences. (Its
# examples of comments and tables sit in fences, which the old table and directive readers
# took for real ones.)
WITH_CONTRIBUTING = [*PAGES, PROJECT.root / "CONTRIBUTING.md"]


def runner_fences(path: Path):
    """The fences and tabs as the runner's page reader groups them."""
    groups = []
    original = runner_pages._fence_block
    runner_pages._fence_block = lambda page, lines, offsets, group: groups.append(group)
    try:
        page = runner_pages.Page(
            path, path.name, path.read_text(encoding="utf-8"), PROJECT.examples
        )
        runner_pages._read_fences(page)
    finally:
        runner_pages._fence_block = original
    return groups, page.problems


@pytest.mark.parametrize("path", PAGES, ids=ids)
def test_the_same_fences_tabs_and_spans_as_the_runner(path):
    old_groups, old_problems = runner_fences(path)
    doc = Document.read(path)
    new_groups = doc.tab_groups(lambda tab: parse_label(tab.label) is not None)
    assert [len(g) for g in new_groups] == [len(g) for g in old_groups]
    for old, new in zip(old_groups, new_groups, strict=True):
        for (old_fence, old_tab), (fence, tab) in zip(old, new, strict=True):
            assert (fence.line, fence.close, fence.indent, fence.info, fence.body) == (
                old_fence.line,
                old_fence.close,
                old_fence.indent,
                old_fence.info,
                old_fence.body,
            )
            assert (fence.body_start, fence.body_end) == (old_fence.body_start, old_fence.body_end)
            old_tab_line = old_tab[0] if old_tab else None
            assert (tab.line if tab else None) == old_tab_line
    assert [(w.line, m) for w, m in old_problems] == doc.problems


@pytest.mark.parametrize("path", WITH_CONTRIBUTING, ids=[p.name for p in WITH_CONTRIBUTING])
def test_the_same_headings_and_anchors_as_the_conventions(path):
    text = path.read_text(encoding="utf-8")
    old = [(h.line, h.level, h.title, h.anchor) for h in convention_pages.headings(text)]
    new = [(h.line, h.level, h.title, h.anchor) for h in Document(text).headings]
    assert new == old


@pytest.mark.parametrize("path", PAGES, ids=ids)
def test_the_same_terms_under_the_same_headings(path):
    old = [(t.line, t.name, t.heading) for t in convention_pages.read(path).terms]
    doc = Document.read(path)
    new = []
    for comment in doc.comments_named("term"):
        name, _, _ = comment.text.partition("|")
        heading = doc.heading_above(comment.line + 1)
        new.append((comment.line, name.strip(), heading.title if heading else None))
    assert new == old


@pytest.mark.parametrize("path", PAGES, ids=ids)
def test_the_same_prose_as_the_error_check_and_the_citation_check(path):
    text = path.read_text(encoding="utf-8")
    doc = Document(text)
    assert "\n".join(line for _, line in doc.outside()) == checks.prose(text)
    assert doc.prose().split("\n") == across._prose(text).split("\n") or (
        # across strips link targets too: compare with them stripped
        across.LINK_TARGET.sub(lambda m: "]" if m[0].startswith("]") else "", doc.prose())
        == across._prose(text)
    )


@pytest.mark.parametrize("path", PAGES, ids=ids)
def test_the_same_directives_as_the_runner(path):
    text = path.read_text(encoding="utf-8")
    old = [
        number + 1
        for number, line in enumerate(text.splitlines(keepends=True))
        if runner_pages.DIRECTIVE.match(line.rstrip("\r\n"))
    ]
    new = [c.line for c in Document(text).comments if not c.name.startswith("/")]
    assert new == old


@pytest.mark.parametrize("marker", ["verdicts", "short-answers"])
@pytest.mark.parametrize("path", PAGES, ids=ids)
def test_the_same_marked_tables(path, marker):
    text = path.read_text(encoding="utf-8")
    old = [
        (line, [(r.line, r.cells) for r in rows])
        for line, rows in tables.marked_tables(text, marker)
    ]
    doc = Document(text)
    new = [
        (c.line, [(r.line, r.cells) for r in doc.table_after(c.line)])
        for c in doc.comments_named(marker)
    ]
    assert new == old


def test_the_same_walkthrough_fences():
    path = PROJECT.root / "CONTRIBUTING.md"
    old = walkthrough.read(path)
    doc = Document.read(path)
    start = next(h.line for h in doc.headings if h.title == walkthrough.HEADING[3:])
    end = next((h.line for h in doc.headings if h.level == 2 and h.line > start), 10**9)
    fences = [f for f in doc.fences if start < f.line < end]
    by_kind = {"edits": [], "excerpts": [], "shell": []}
    for fence in fences:
        body = fence.body.splitlines()
        if fence.language == "diff" and body and body[0].startswith("--- a/"):
            by_kind["edits"].append((fence.body_line, body))
        elif fence.language == "diff":
            by_kind["excerpts"].append((fence.body_line, body))
        elif fence.language == "sh":
            by_kind["shell"].append((fence.body_line, body))
    for kind, found in by_kind.items():
        assert found == [(f.line, f.body) for f in getattr(old, kind)], kind
