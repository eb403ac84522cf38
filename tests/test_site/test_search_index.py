"""What the site's search is given: search/search_index.json as pmv.website.search_index leaves
it, the worker every page names, and the query rules of docs/assets/search/rules.js, run under
Node."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT, SITE, html_pages
from searching import harness, node

RULES = ROOT / "docs" / "assets" / "search" / "rules.js"
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def index() -> dict:
    return json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_titles_are_text(index):
    """No pilcrow (a notebook heading's anchor link), no tags: a title is shown as text."""
    bad = [
        d["title"] for d in index["docs"] if "\u00b6" in d["title"] or re.search(r"<\w", d["title"])
    ]
    assert bad == []


def test_a_notebook_is_indexed_once_without_its_prompts_and_buttons(index):
    notebook = [d for d in index["docs"] if d["location"].startswith("notebooks/watching_vm/")]
    text = " ".join(d["text"] for d in notebook)
    assert "Copied!" not in text and "In\u00a0[" not in text and "In [" not in text
    # Each code cell once: the notebook's first cell prints the interpreter's version.
    assert text.count("print(sys.version)") == 1
    # A markdown cell's heading takes the code cells under it into its section.
    sections = {d["location"].split("#")[-1]: d["text"] for d in notebook}
    assert "dis.dis(shop.total)" in sections["the-bytecode-the-compiler-wrote"]


def test_version_tab_labels_are_words_apart(index):
    runs = [d["location"] for d in index["docs"] if re.search(r"3\.1\d3\.1\d", d["text"])]
    assert runs == []


@pytest.mark.parametrize("path", html_pages(), ids=lambda p: str(p.relative_to(SITE)))
def test_every_page_names_the_site_search_worker(path: Path):
    match = CONFIG.search(path.read_text(encoding="utf-8"))
    if match is None:
        pytest.skip("no theme configuration (a redirect or a fragment)")
    url = urlsplit(json.loads(match[1])["search"])
    # 404.html is served at any depth, so its links are absolute (site_url's path is /).
    worker = (
        SITE / url.path.lstrip("/") if url.path.startswith("/") else path.parent / url.path
    ).resolve()
    assert worker == (SITE / "assets" / "search" / "worker.js").resolve()
    material = (worker.parent / parse_qs(url.query)["material"][0]).resolve()
    assert material.is_file() and material.parent == (SITE / "assets/javascripts/workers").resolve()


def test_no_search_hook_attribute_is_left_in_a_page():
    left = [p for p in html_pages() if "data-search-exclude" in p.read_text(encoding="utf-8")]
    assert left == []


def rules(function: str, *args: str):
    """Call one of rules.js's functions under Node, the way the worker's global scope has them."""
    script = (
        f"require({json.dumps(str(RULES))});"
        f"const out = globalThis.SiteSearchRules.{function}(...{json.dumps(args)});"
        "process.stdout.write(JSON.stringify(out));"
    )
    done = subprocess.run([node(), "-e", script], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


H, J = "\u2010", "\u2060"  # a flag's hyphen in the index; the mark before a flag's capital


@pytest.mark.parametrize(
    ("query", "read"),
    [
        ("-B", f"{H}{J}B^10 {H}{J}B"),
        ("python -m pyc", f"python^10 {H}m^10 pyc^10 pyc"),
        ("-X importtime", f"{H}{J}X^10 importtime^10 importtime"),
        ("--check-hash-based-pycs", f"{H}{H}check^10 hash^10 based^10 pycs^10 pycs"),
        ("ImportError: no known parent", "ImportError^10 no^10 known^10 parent^10 parent"),
        ("No module named 'spam'", "No^10 module^10 named^10 spam^10 'spam'"),
        ("sys.path.", "sys.path^10 sys.path"),
        ("a - b", "a^10 b^10 b"),
        ('"cache tag"', "+cache +tag"),
        ('"-B python"', f"+{H}{J}B +python"),
        ('namespace "package', "+package namespace^10"),
    ],
)
def test_a_query_is_read_as_the_reader_means_it(query, read):
    assert rules("readQuery", query) == read


@pytest.mark.parametrize(
    ("token", "words"),
    [
        (
            "sys.implementation.cache_tag",
            [
                "sys.implementation.cache_tag",
                "implementation.cache_tag",
                "cache_tag",
                "sys",
                "implementation",
                "cache",
                "tag",
            ],
        ),
        ("__pycache__", ["__pycache__", "pycache"]),
        (f"-{J}b", [f"{H}{J}b"]),
        ("--check", [f"{H}{H}check"]),
        (".pth", [".pth", "pth"]),
        ("sys.path.", ["sys.path", "path", "sys"]),
        ("...", []),
    ],
)
def test_an_index_word_stands_for_itself_and_its_parts(token, words):
    assert rules("wordsOf", token) == words


def test_a_flag_keeps_its_case_and_a_word_its_hyphens():
    text = "python -B, compileall -b, -OO, hash-based, --check-hash-based-pycs"
    assert rules("markFlags", text) == (
        f"python -{J}B, compileall -b, -{J}O{J}O, hash-based, --check-hash-based-pycs"
    )


def test_a_result_with_every_word_comes_first():
    page = lambda loc, score, terms: {"location": loc, "score": score, "terms": terms}  # noqa: E731
    items = [
        [page("a/", 0, {}), page("a/#title", 5000.0, {"python": True, "-b": False})],
        [page("b/", 0, {}), page("b/#text", 10.0, {"python": True, "-b": True})],
    ]
    ranked = rules("rank", items)
    assert [group[0]["location"] for group in ranked] == ["b/#text", "a/#title"]


@pytest.mark.parametrize("path", html_pages(), ids=lambda p: str(p.relative_to(SITE)))
def test_the_search_dialog_has_a_name(path: Path):
    text = path.read_text(encoding="utf-8")
    dialogs = re.findall(r'<div class="md-search"[^>]*role="dialog"[^>]*>', text)
    assert all('aria-label="Search"' in d for d in dialogs), dialogs


def test_the_search_index_holds_every_word_and_no_other(index):
    """lunr's token set, as the site's worker builds it, has exactly the words that have
    postings: lunr 2.3.9 merges some nodes of it when words hold digits (3.12.5, line 1),
    dropping words and inventing others, on which a query throws (worker.js's fix)."""
    found = harness()
    assert found["phantom"] == [] and found["lost"] == [], found


@pytest.mark.parametrize(
    "query", ["1", "line 1", 'File "<stdin>", line 1', "3.12", "sys.path[-1]", "-B"]
)
def test_a_query_with_numbers_finds_results(query):
    assert harness(query)["queries"][query]["results"] > 0
