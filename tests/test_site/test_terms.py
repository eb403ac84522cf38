"""A term's definition in place (pmv.website.terms, docs/assets/terms.js and terms.css).

The HTML checks read the built pages against the pages' `<!-- term: ... -->` markers: the first
use of a term in each section, and only it, is marked, never in code blocks, headings or links
or in the section that defines the term, and its definition links to that section. The browser
checks use it as readers do: by keyboard, with a mouse, and by tapping on a phone.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SITE, html_pages
from playwright.sync_api import expect
from pmv.conventions.pages import anchors, read
from pmv.markdown_reader import slugify
from test_browser import VIEWPORTS, visit

DOCS = ROOT / "docs"
# Where a use is never marked; and the page that gathers the definitions already.
LEFT_ALONE = {"pre", "h1", "h2", "h3", "h4", "h5", "h6", "a", "dt", "button", "label", "summary"}
HIDDEN_COPIES = {"clipboard-copy-txt", "zeroclipboard-container"}  # a notebook's code, copied
GLOSSARY = "glossary"
USE = ".md-content .pmv-term__use"


@dataclass(frozen=True)
class Defined:
    name: str
    definition: str
    page: str  # the page's URL path, "imports/"
    anchor: str


def _url(source: Path) -> str:
    page = source.relative_to(DOCS).with_suffix("")
    return "" if str(page) == "index" else f"{page}/"


def _defined() -> dict[str, Defined]:
    terms = {}
    for source in sorted(DOCS.rglob("*.md")):
        for term in read(source).terms:
            anchor = slugify(term.heading)
            assert anchor in anchors(source), f"{source}:{term.line}: no heading #{anchor}"
            terms[term.name.lower()] = Defined(term.name, term.definition, _url(source), anchor)
    return terms


TERMS = _defined()
# A term's use, as the hook matches it: whole, with a plural "s" after a word's last letter.
USED = re.compile(
    r"(?<![\w.\-])(?:"
    + "|".join(
        re.escape(t.name) + ("s?" if t.name[-1].isalpha() and t.name[-1].islower() else "")
        for t in sorted(TERMS.values(), key=lambda t: len(t.name), reverse=True)
    )
    + r")(?![\w\-]|\.\w)",
    re.IGNORECASE,
)


def _term(used: str) -> Defined:
    key = used.lower()
    return TERMS.get(key) or TERMS[key[:-1]]


@dataclass
class Mark:
    term: str  # as the definition names it
    used: str  # the word in the text
    section: str
    inside: list[str]  # the elements it is in
    describedby: str | None
    definition_id: str | None = None
    href: str | None = None


@dataclass
class Built:
    """A built page's article: its marks, its sections' uses of terms, the ids it has."""

    marks: list[Mark] = field(default_factory=list)
    # (section, term name, marked?) for each use outside the places left alone, in order
    uses: list[tuple[str, str, bool]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.built = Built()
        self.open: list[tuple[str, dict]] = []
        self.section = ""
        self.mark: Mark | None = None
        self.in_definition = 0

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if "id" in attrs:
            self.built.ids.add(attrs["id"])
        if tag in ("h1", "h2", "h3"):
            self.section = attrs.get("id", "")
        classes = (attrs.get("class") or "").split()
        if tag == "button" and "pmv-term__use" in classes:
            self.mark = Mark("", "", self.section, [_name(t, a) for t, a in self.open], None)
            self.mark.describedby = attrs.get("aria-describedby")
            self.built.marks.append(self.mark)
        if tag == "span" and "pmv-term__definition" in classes:
            self.in_definition = len(self.open) + 1
            self.built.marks[-1].definition_id = attrs.get("id")
        if self.in_definition and tag == "a":
            self.built.marks[-1].href = attrs.get("href")
        if tag not in ("br", "img", "hr", "input", "wbr", "meta", "link"):
            self.open.append((tag, attrs))

    def handle_endtag(self, tag) -> None:
        while self.open:
            if len(self.open) == self.in_definition:
                self.in_definition = 0
            if self.open.pop()[0] == tag:
                break
        if tag == "button":
            self.mark = None

    def handle_data(self, data) -> None:
        if self.in_definition:
            if self.open[-1][0] == "strong":
                self.built.marks[-1].term = data
            return
        if self.mark is not None:
            self.mark.used += data
            self.built.uses.append((self.section, _term(data).name, True))
            return
        if any(_left_alone(tag, attrs) for tag, attrs in self.open):
            return
        for match in USED.finditer(data):
            self.built.uses.append((self.section, _term(match[0]).name, False))


def _left_alone(tag: str, attrs: dict) -> bool:
    return tag in LEFT_ALONE or bool(set((attrs.get("class") or "").split()) & HIDDEN_COPIES)


def _name(tag: str, attrs: dict) -> str:
    """An element as a message names it: its tag, and its class if it is a hidden copy."""
    hidden = set((attrs.get("class") or "").split()) & HIDDEN_COPIES
    return f"{tag}.{min(hidden)}" if hidden else tag


def _article(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index('<article class="md-content__inner')
    return text[start : text.index("</article>", start)]


def built(url: str) -> Built:
    reader = _Reader()
    reader.feed(_article(SITE / url / "index.html"))
    reader.close()
    return reader.built


PAGES = [
    str(p.relative_to(SITE).parent).removeprefix(".") + ("/" if p.parent != SITE else "")
    for p in html_pages()
    if p.name == "index.html" and p.parent.name not in ("search", "assets", "404")
]


def test_every_term_is_defined_in_place_somewhere():
    marked = {mark.term for url in PAGES for mark in built(url).marks}
    missing = sorted(t.name for t in TERMS.values() if t.name not in marked)
    assert missing == [], f"terms whose definition no page shows in place: {missing}"


@pytest.mark.parametrize("url", PAGES)
def test_a_term_is_marked_at_its_first_use_in_each_section_only(url):
    page = built(url)
    if url.rstrip("/") == GLOSSARY:
        assert page.marks == [], "the glossary shows the definitions already"
        return
    for mark in page.marks:
        where = f"/{url}#{mark.section}: {mark.used!r}"
        left_alone = [e for e in mark.inside if e in LEFT_ALONE or "." in e]
        assert not left_alone, f"{where} is marked inside {mark.inside}"
    seen: dict[tuple[str, str], bool] = {}
    for section, name, marked in page.uses:
        term = TERMS[name.lower()]
        where = f"/{url}#{section}: {name!r}"
        if term.page == url and _section_of(term) == section:
            assert not marked, f"{where} is marked in the section that defines it"
            continue
        if (section, name) in seen:
            assert not marked, f"{where} is marked, but it is not its first use in the section"
        else:
            assert marked, f"{where}: its first use in the section is not marked"
            seen[(section, name)] = True


def _section_of(term: Defined) -> str:
    """The h1-h3 section that holds the heading a term is defined under."""
    source = DOCS / (f"{term.page.rstrip('/')}.md" if term.page else "index.md")
    section = ""
    for line in source.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^(#{1,6})\s+(.+?)\s*(?:\{[^}]*\})?\s*$", line)
        if heading and len(heading[1]) <= 3:
            section = slugify(heading[2])
        if heading and slugify(heading[2]) == term.anchor:
            return section
    raise AssertionError(f"{source}: no heading #{term.anchor}")


def test_a_use_inside_inline_code_is_marked():
    inline = [m for url in PAGES for m in built(url).marks if "code" in m.inside]
    assert any(m.term == "sys.modules" for m in inline), "`sys.modules` is never marked"


@pytest.mark.parametrize("url", PAGES)
def test_a_definition_links_to_the_section_that_defines_it(url):
    page = built(url)
    for mark in page.marks:
        term = TERMS[mark.term.lower()]
        where = f"/{url}#{mark.section}: {mark.used!r}"
        assert mark.describedby and mark.describedby == mark.definition_id, (
            f"{where}: the button is not described by its definition"
        )
        assert mark.href, f"{where}: the definition has no link"
        target, _, anchor = html.unescape(mark.href).partition("#")
        resolved = posixpath.normpath(posixpath.join("/" + url, target)) if target else "/" + url
        expected = "/" + term.page
        assert resolved.rstrip("/") + "/" == expected.rstrip("/") + "/" or (
            resolved == "/" and expected == "/"
        ), f"{where}: links to {mark.href}, not to {expected}#{term.anchor}"
        assert anchor == term.anchor, f"{where}: links to #{anchor}, not #{term.anchor}"
        assert anchor in built(term.page).ids, f"{where}: /{term.page} has no #{anchor}"


def test_definitions_stay_out_of_the_search_index():
    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    # The glossary's sections are the definitions; every other section has none.
    text = " ".join(
        html.unescape(doc["text"])
        for doc in index["docs"]
        if not doc["location"].startswith(f"{GLOSSARY}/")
    )
    indexed = [t.name for t in TERMS.values() if t.definition in text]
    assert indexed == [], f"the index has these terms' definitions in sections: {indexed}"
    assert "sys.modules" in text, "a marked word itself is still indexed"


# In the browser: the first marked word of the imports page, in its opening paragraph.
FIRST = "imports/"


def _first_use(page):
    use = page.locator(USE).first
    expect(use, f"no marked term on /{FIRST}").to_be_attached()
    return use, page.locator(f"[id='{use.get_attribute('aria-describedby')}']")


def test_keyboard_focus_shows_a_definition_and_escape_hides_it(page, server):
    visit(page, server, "/" + FIRST)
    use, definition = _first_use(page)
    expect(definition).to_be_hidden()
    # Tab from the start of the paragraph the word is in: the word is its first tab stop.
    paragraph = use.locator("xpath=ancestor::p[1]")
    paragraph.click(position={"x": 1, "y": 1})
    page.keyboard.press("Tab")
    expect(use).to_be_focused()
    expect(definition).to_be_visible()
    expect(use).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(definition).to_be_hidden()
    expect(use).to_have_attribute("aria-expanded", "false")
    expect(use).to_be_focused()
    # From the link inside the definition, Escape closes it too, and focus goes back to the word.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # back on the word, which shows it; the next Tab is its link
    expect(use).to_be_focused()
    expect(definition).to_be_visible()
    page.keyboard.press("Tab")
    expect(definition.locator("a")).to_be_focused()
    page.keyboard.press("Escape")
    expect(definition).to_be_hidden()
    expect(use).to_be_focused()


def test_hovering_shows_a_definition_and_its_link_can_be_reached(page, server):
    visit(page, server, "/" + FIRST)
    use, definition = _first_use(page)
    use.hover()
    expect(definition).to_be_visible()
    link = definition.locator("a")
    link.hover()
    expect(definition).to_be_visible()
    page.mouse.move(1, 1)
    expect(definition).to_be_hidden()


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(viewport=VIEWPORTS["phone"], has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("where", ["paragraph", "table"])
def test_a_tap_shows_a_definition_on_a_phone(phone, server, where):
    visit(phone, server, "/" + FIRST)
    scope = ".md-content p" if where == "paragraph" else ".md-content td"
    use = phone.locator(f"{scope} .pmv-term__use").first
    expect(use, f"no marked term in a {where} of /{FIRST}").to_be_attached()
    definition = phone.locator(f"[id='{use.get_attribute('aria-describedby')}']")
    use.scroll_into_view_if_needed()
    use.tap()
    expect(definition).to_be_visible()
    box = definition.bounding_box()
    width = VIEWPORTS["phone"]["width"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"off the screen: {box}"
    # Not clipped by a table's scrolling wrapper: its middle is the definition, on top.
    on_top = phone.evaluate(
        "([x, y, id]) => document.elementFromPoint(x, y)?.closest(`[id='${id}']`) !== null",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, definition.get_attribute("id")],
    )
    assert on_top, f"the definition {where} is hidden under other content"
    use.tap()
    expect(definition).to_be_hidden()
