"""Checks of the built HTML: everything written in a page was rendered, and nothing is fetched
from another host."""

from __future__ import annotations

import html
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT, SITE, html_pages
from pmv.page import read_page

DOCS = ROOT / "docs"
LEAKED_OPTIONS = re.compile(r"\{\s*\.[\w-]+[^}]*\}|\b(example|python|returncode|timeout)=\"")
# Resources a browser loads by itself; a canonical or a hyperlink is not one of them.
LOADED = {
    "stylesheet",
    "preload",
    "modulepreload",
    "icon",
    "apple-touch-icon",
    "manifest",
    "prefetch",
}


class PageReader(HTMLParser):
    """Collects a page's visible text and the URLs the browser would load."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.loads: list[str] = []
        self.code_languages: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.loads.append(attrs["src"])
        if tag == "link" and LOADED & set((attrs.get("rel") or "").split()):
            self.loads.append(attrs.get("href") or "")
        for cls in (attrs.get("class") or "").split():
            if cls.startswith("language-"):
                self.code_languages.append(cls.removeprefix("language-"))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)
        else:
            # Fonts and stylesheets pulled in from inline CSS.
            self.loads += re.findall(r"""(?:@import\s+|url\()\s*['"]?([^'")\s]+)""", data)


def read(path: Path) -> PageReader:
    reader = PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


PAGES = html_pages()


def page_id(path: Path) -> str:
    return str(path.relative_to(SITE))


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_no_fence_markers_or_fence_options_in_the_text(path: Path):
    text = "".join(read(path).text)
    assert "```" not in text, f"{page_id(path)}: a code fence was not rendered"
    leaked = LEAKED_OPTIONS.search(text)
    assert leaked is None, f"{page_id(path)}: fence options leaked into the text: {leaked[0]!r}"
    # An HTML comment that holds "-->" ends there, and the rest of it is shown as text.
    assert "-->" not in text, f"{page_id(path)}: an HTML comment ended early and shows as text"


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_nothing_loaded_from_another_host(path: Path):
    foreign = [url for url in read(path).loads if urlsplit(url).netloc or url.startswith("//")]
    assert foreign == [], f"{page_id(path)} loads from other hosts: {foreign}"


def test_the_site_has_pages():
    assert len(PAGES) >= 4


@pytest.mark.parametrize(
    "source", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS))
)
def test_every_code_fence_of_a_page_is_rendered_as_code(source: Path):
    """A block that superfences does not understand vanishes; count them back in the HTML."""
    parsed = read_page(source, ROOT)
    written: Counter[str] = Counter()
    for block in parsed.blocks:
        # A block written in version tabs is one fence per tab.
        written[block.lang] += len(block.variants) or 1
    written.update(lang for _, lang in parsed.listings)
    page = source.relative_to(DOCS).with_suffix("")
    built = SITE / (page.parent if page.name == "index" else page) / "index.html"
    shown = Counter(read(built).code_languages)
    for language in ("python", "py", "pycon", "console"):
        assert shown[language] == written[language], (
            f"{source.relative_to(ROOT)} has {written[language]} {language} blocks, "
            f"the built page shows {shown[language]}"
        )


# Paths of the machine that built the site: a notebook (run at build time, not by the runner,
# which masks paths) or a generated page must never show them. /home/you and /tmp are the
# placeholders docs/about.md lists.
MACHINE_PATHS = re.compile(
    r"/root/|/home/(?!you\b)[\w.-]+|\.nox/|\.cache/|/tmp/(?:tmp|example-runner-|block-|pytest-)\w*"
    r"|/var/folders/|" + re.escape(str(ROOT))
)


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_no_path_of_the_building_machine_reaches_a_page(path: Path):
    text = "".join(read(path).text)
    leaked = sorted(set(MACHINE_PATHS.findall(text)))
    assert leaked == [], f"{page_id(path)} shows paths of the machine that built it: {leaked}"


@pytest.mark.parametrize(
    "source", sorted(DOCS.rglob("*.md")), ids=lambda p: str(p.relative_to(DOCS))
)
def test_definition_lists_are_rendered_as_definition_lists(source: Path):
    """A `term` line followed by `:   definition` is a <dl>, never a paragraph with a colon."""
    terms = len(re.findall(r"^\S.*\n:   ", source.read_text(encoding="utf-8"), re.M))
    built = SITE / source.relative_to(DOCS).with_suffix("") / "index.html"
    if source.name == "index.md":
        built = SITE / source.relative_to(DOCS).parent / "index.html"
    html = built.read_text(encoding="utf-8")
    found = html.count("<dt>")
    assert found == terms, f"{source.name}: {terms} definition terms, the HTML has {found}"
    assert "\n: " not in "".join(read(built).text)


@pytest.mark.parametrize("path", html_pages(), ids=lambda p: str(p.relative_to(SITE)))
def test_every_session_block_says_what_its_copy_button_copies(path: Path):
    """pmv.website.copy_buttons: each console and pycon block carries its commands or code as
    data-copy, without a prompt."""
    text = path.read_text(encoding="utf-8")
    blocks = re.findall(r'<div class="language-(?:pycon|console) highlight"([^>]*)>', text)
    # Counted apart from the hook's own pattern: every session block the page renders.
    sessions = [lang for lang in read(path).code_languages if lang in ("pycon", "console")]
    assert len(blocks) == len(sessions), f"{len(sessions)} session blocks, {len(blocks)} matched"
    for attrs in blocks:
        copy = re.search(r'data-copy="([^"]*)"', attrs)
        assert copy, f"{path.relative_to(SITE)}: a session block without data-copy"
        lines = copy[1].replace("&gt;", ">").splitlines()
        assert not any(line.startswith(("$ ", ">>> ", "... ")) for line in lines), lines


# The pages of examples (they end with the verified line), but the home page, whose headings
# are its map's.
EXAMPLE_PAGES = [
    str(p.parent.relative_to(SITE))
    for p in PAGES
    if p.name == "index.html" and p.parent != SITE and "Verified on CPython" in p.read_text()
]


@pytest.mark.parametrize("name", EXAMPLE_PAGES)
def test_every_section_has_a_report_link_to_the_filled_in_form(name: str):
    """pmv.website.report_links: under each h2 and h3, a link to the wrong-claim issue form with the
    page, the section's anchor and the releases that verified the page filled in."""
    text = (SITE / name / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h[23] id="([^"]+)"[^>]*>.*?</h[23]>(.{0,900})', text, re.S)
    assert headings, f"/{name}/ has no sections"
    verified = re.search(r"Verified on CPython (.+?)\. Last updated", text)[1]
    for anchor, after in headings:
        link = re.match(r'<div class="pmv-report"><a href="([^"]+)"', after)
        assert link, f"/{name}/#{anchor}: no report link under the heading"
        query = parse_qs(urlsplit(html.unescape(link[1])).query)
        assert query["template"] == ["wrong-claim.yml"]
        assert query["anchor"] == [f"#{anchor}"]
        assert query["page"][0].endswith(f"/{name}/")
        assert query["verified"] == [html.unescape(verified)]


def test_the_report_links_are_not_searched():
    index = (SITE / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Report a wrong claim" not in index


def test_the_version_picker_offers_the_supported_versions(site):
    """The build writes pyproject.toml's list into the picker's script (pmv.website.versions)."""
    from pmv.versions import SUPPORTED

    script = (site / "assets" / "versions.js").read_text(encoding="utf-8")
    listed = re.search(r"const VERSIONS = \[([^\]]*)\]", script)[1]
    assert tuple(re.findall(r'"([^"]+)"', listed)) == SUPPORTED
