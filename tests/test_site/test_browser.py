"""The site as a reader uses it, in headless Chromium: every feature the theme promises works,
and no page reaches for another host or logs an error.

Much of a page is rendered after it has loaded: Material's search, copy buttons and instant
navigation, and the version tabs docs/assets/versions.js opens. So a test never reads the page
right after acting on it: it waits, with Playwright's `expect`, for the state it checks, and
fails only when that state has not come in time.
"""

from __future__ import annotations

import html
import re
import struct
import zlib
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

import pytest
import searching
from conftest import SITE, Screenshots, html_pages
from playwright.sync_api import expect

PAGES = [
    "/" + str(p.relative_to(SITE).parent).removeprefix(".")
    for p in html_pages()
    if p.name == "index.html" and p.parent.name not in ("search", "assets")
]
# What the search result's metadata says once the search index is loaded and nothing is typed.
SEARCH_READY = "Type to start searching"
FOUND = re.compile(r"^\s*\d+ matching documents?\s*$")
# A version tab's label, as docs/assets/versions.js reads it: "3.12" or "3.10–3.12".
VERSION_RANGE = re.compile(r"^(\d+\.\d+)(?:\s*[\u2013-]\s*(\d+\.\d+))?$")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def visit(page, server: str, path: str):
    """Load a page and wait until Material is running on it: its search index is loaded.

    Both load states are waited for: "networkidle" alone can come while a slow CPU is still
    parsing the page.
    """
    response = page.goto(server + path, wait_until="load")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    page.wait_for_load_state("networkidle")
    expect(page.locator(".md-search-result__meta")).to_have_text(SEARCH_READY)


def built(path: str) -> str:
    return (SITE / path.strip("/") / "index.html").read_text(encoding="utf-8")


def title(path: str) -> str:
    """The built page's <title>, which instant navigation sets along with the page's content."""
    return html.unescape(re.search(r"<title>(.*?)</title>", built(path))[1])


def test_palette_toggle_switches_between_light_and_dark(page, server):
    page.emulate_media(color_scheme="light")
    visit(page, server, "/")
    body = page.locator("body")
    toggle = page.locator("label.md-header__button[for^='__palette']:visible")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def search(page, server: str, text: str):
    """Type a query into the search box on the home page; the results once they show it.

    Material searches again at every key, and re-renders the result list for each prefix in
    turn. The results of the query typed last are the ones whose links carry it as the terms to
    highlight (`?h=`, empty on a page whose sections alone match); the list is emptied for each
    answer and that query's answer comes last, so once its links are shown the list is final.
    """
    visit(page, server, "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(text, delay=30)
    expect(box).to_have_value(text)
    h = "h=" + quote_plus(text.lower())  # Material lowercases the terms it highlights
    final = f"[href*='?{h}#'], [href$='?{h}']"
    result = page.locator(".md-search-result")
    links = result.locator(".md-search-result__list a")
    expect(links.and_(page.locator(final)).first, f"no result for {text!r}").to_be_attached()
    expect(result.locator(".md-search-result__meta")).to_have_text(FOUND)
    earlier = result.locator(
        ".md-search-result__list a:not([href*='?h=#']):not([href$='?h='])"
        f":not([href*='?{h}#']):not([href$='?{h}'])"
    )
    expect(earlier, f"results of a query before {text!r} are left").to_have_count(0)
    return result.locator(".md-search-result__item")


def test_search_suggests_finds_and_highlights(page, server):
    results = search(page, server, "bytecod")
    # The completion of the word being typed, shown greyed out behind it.
    expect(page.locator(".md-search__suggest")).to_have_text("bytecode")
    link = results.locator("a[href*='h=bytecod']:visible").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url(target)
    expect(page.locator("article mark[data-md-highlight]")).not_to_have_count(0)


def version_tab_groups(path: str) -> list[list[tuple[str, str]]]:
    """Each group of version tabs of a built page ("3.10", "3.11–3.15"): its tabs' input ids
    and labels, in order. docs/assets/versions.js switches exactly these."""
    groups = []
    for labels in re.findall(r'<div class="tabbed-labels">(.*?)</div>', built(path), re.DOTALL):
        tabs = [
            (tab_id, html.unescape(text).strip())
            for tab_id, text in re.findall(r'<label for="([^"]+)">(.*?)</label>', labels)
        ]
        if tabs and all(VERSION_RANGE.match(text) for _, text in tabs):
            groups.append(tabs)
    return groups


def covers(label: str, version: str) -> bool:
    first, last = VERSION_RANGE.match(label).groups()
    key = lambda v: tuple(int(part) for part in v.split("."))  # noqa: E731
    return key(first) <= key(version) <= key(last or first)


def test_the_python_version_picked_in_the_header_opens_its_tabs_site_wide(page, server):
    """Picking a version in the header opens, in every group of version tabs, the tab that
    covers it; pages reached by instant navigation or loaded later open on it too."""
    groups = version_tab_groups("/pyc/")
    # A version whose tab is not open by default somewhere: the first tab of a group is.
    version = next((VERSION_RANGE.match(g[-1][1])[1] for g in groups if len(g) > 1), None)
    assert version is not None, "/pyc/ has no group of version tabs to switch"
    wanted = [next((t for t in g if covers(t[1], version)), None) for g in groups]
    tabs = [(page.locator(f"input[id='{tab_id}']"), text) for tab_id, text in filter(None, wanted)]
    not_first = [t for t, g in zip(wanted, groups, strict=True) if t is not None and t != g[0]]

    def expect_open(when: str) -> None:
        for tab, text in tabs:
            expect(tab, f"{when}: the {text} tab is not open for {version}").to_be_checked()

    visit(page, server, "/pyc/")
    picker = page.locator("select#python-version")
    expect(picker).to_have_value("")
    for tab_id, text in not_first:
        expect(page.locator(f"input[id='{tab_id}']"), f"{text} is open already").not_to_be_checked()
    picker.select_option(version)
    expect(page.locator("html")).to_have_attribute("data-python", version)
    expect_open("once picked")

    nav = page.locator(".md-sidebar--primary a.md-nav__link")
    nav.and_(page.locator("[href$='about/']")).first.click()
    page.wait_for_url("**/about/")
    expect(page).to_have_title(title("/about/"))
    nav.and_(page.locator("[href$='pyc/']")).first.click()
    page.wait_for_url("**/pyc/")
    expect(page).to_have_title(title("/pyc/"))
    expect(picker).to_have_value(version)
    expect_open("after instant navigation")

    visit(page, server, "/pyc/")
    expect(picker).to_have_value(version)
    expect_open("on the next load")


def test_code_blocks_have_copy_buttons(page, server):
    visit(page, server, "/pyc/")
    # The blocks are in the page as served; Material adds their buttons once it runs.
    blocks = page.locator("div.highlight pre").count()
    assert blocks > 0
    expect(page.locator("div.highlight button[data-md-type='copy']")).to_have_count(blocks)


def test_instant_navigation_keeps_the_document(page, server):
    visit(page, server, "/")
    page.evaluate("window.__still_here = true")
    heading = re.search(r'<h1 id="([^"]+)"', built("/pyc/"))[1]
    page.locator(".md-sidebar--primary a.md-nav__link[href$='pyc/']").first.click()
    page.wait_for_url("**/pyc/")
    expect(page).to_have_title(title("/pyc/"))
    expect(page.locator(f"article h1[id='{heading}']")).to_be_visible()
    assert page.evaluate("window.__still_here === true"), "the click reloaded the whole page"


def test_edit_this_page_links_to_the_markdown(page, server):
    visit(page, server, "/pyc/")
    expect(page.locator("a.md-content__button[title*='Edit']")).to_have_attribute(
        "href", re.compile(r"/edit/main/docs/pyc\.md$")
    )


def test_notebook_is_rendered_with_its_outputs(page, server):
    visit(page, server, "/notebooks/pyc_anatomy/")
    expect(page.locator(".jp-Cell").nth(5), "fewer than 6 cells").to_be_attached()
    outputs = page.locator(".jp-OutputArea").filter(has_text="bytes in all")
    expect(outputs).not_to_have_count(0)


def test_a_notebook_output_keeps_its_lines_on_a_phone(page, server):
    """A dis listing is columns: on a phone it scrolls sideways instead of wrapping, and the
    "In [n]:" prompts give their width to the code (docs/assets/notebooks.css)."""
    page.set_viewport_size(VIEWPORTS["phone"])
    visit(page, server, "/notebooks/watching_vm/")
    listing = page.locator(".jp-RenderedText pre").filter(has_text="RETURN_VALUE").first
    expect(listing).to_be_attached()
    line = listing.evaluate("pre => parseFloat(getComputedStyle(pre).lineHeight)")
    lines = listing.evaluate("pre => pre.textContent.replace(/\\n$/, '').split('\\n').length")
    height = listing.evaluate("pre => pre.scrollHeight")
    assert height < (lines + 1) * line, f"{lines} lines take {height}px: they wrap"
    assert listing.evaluate("pre => pre.scrollWidth > pre.clientWidth"), "nothing to scroll?"
    expect(page.locator(".jp-InputPrompt").filter(has_text="In").first).to_be_hidden()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its IHDR chunk, which comes first."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    assert data[12:16] == b"IHDR", "a PNG without its IHDR chunk first"
    return struct.unpack(">II", data[16:24])


def png_top_pixels(data: bytes, size: int = 1 << 20) -> bytes:
    """The first `size` bytes of the decompressed image data: its top rows."""
    idat, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            idat.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    return zlib.decompressobj().decompress(b"".join(idat), size)


@pytest.mark.screenshots
@pytest.mark.parametrize("device", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", PAGES)
def test_screenshot(page, server, path, scheme, device, screenshots: Screenshots):
    """Full-page screenshots in both palettes, on a desktop and a phone, kept for a person to
    look at (in test-artifacts/screenshots/, or where SITE_SCREENSHOTS points)."""
    viewport = VIEWPORTS[device]
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    visit(page, server, path)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    # The layout for the width: the navigation is in a drawer behind a button on a phone only.
    drawer_button = page.locator("label.md-header__button[for='__drawer']")
    if device == "phone":
        expect(drawer_button).to_be_visible()
    else:
        expect(drawer_button).to_be_hidden()
    name = (path.strip("/").replace("/", "_") or "home") + f"-{scheme}-{device}.png"
    file = screenshots.folder / name
    file.unlink(missing_ok=True)
    page.screenshot(path=str(file), full_page=True, animations="disabled")
    screenshots.written.append(file)

    assert file.is_file(), f"no screenshot at {file}"
    data = file.read_bytes()
    width, height = png_size(data)
    # Wider than the viewport would mean the page scrolls sideways.
    assert width == viewport["width"], f"{file.name}: {width} px wide, not {viewport['width']}"
    assert height >= viewport["height"], f"{file.name}: {height} px high"
    assert len(set(png_top_pixels(data))) > 16, f"{file.name}: its top is one blank colour"


def test_png_checks_reject_a_blank_image(tmp_path: Path):
    """The screenshot checks themselves: a one-colour PNG is caught."""
    width, height = 1280, 900
    rows = (b"\x00" + b"\xff\xff\xff" * width) * height

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    blank = PNG_SIGNATURE + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows))
    blank += chunk(b"IEND", b"")
    assert png_size(blank) == (width, height)
    assert len(set(png_top_pixels(blank))) <= 2
    with pytest.raises(AssertionError, match="not a PNG"):
        png_size(b"GIF89a" + blank[6:])


# What readers type or paste, and the section that answers it (a pattern of the result's link):
# it must be among the first three results shown. docs/assets/search/rules.js says how a query
# is read: a flag keeps its hyphen and its case, a name is matched whole and by its parts, and a
# result with every word comes first.
SEARCH_TABLE = [
    # Flags.
    ("-B", r"/pyc/#how-do-i-stop-it"),
    ("python -B", r"/pyc/#how-do-i-stop-it"),
    ("-m", r"/(imports/#python-filepy-python-m-mod|pyc/#python-m-import|packages/#python-m)"),
    ("-X importtime", r"/interpreter-vm/#start-up-frozen-modules-and-x-importtime"),
    ("-X frozen_modules", r"/pyc/#frozen-modules-have-no-pyc-x-frozen_modules"),
    ("-P", r"/search-path/#-p-and-pythonsafepath"),
    ("-OO", r"/pyc/#what-o-and-oo-take-out"),
    ("-I", r"/search-path/#-e-i-and-s"),
    ("--check-hash-based-pycs", r"/pyc/#hash-based-pycs-checked-and-unchecked"),
    # Dunders, dotted names, environment variables.
    ("__pycache__", r"/pyc/#(a-pyc-in-__pycache__-needs-its-source|where-and-under-which-name)"),
    ("cache_tag", r"/pyc/#sysimplementationcache_tag-none"),
    ("sys.implementation.cache_tag", r"/pyc/#sysimplementationcache_tag-none"),
    ("sys.path", r"/search-path/#(how-syspath-is-built|syspath_hooks)"),
    ("sys.dont_write_bytecode", r"/pyc/#sysflagsdont_write_bytecode"),
    ("dont_write_bytecode", r"/pyc/#sysflagsdont_write_bytecode"),
    ("sys.meta_path", r"/search-path/#sysmeta_path"),
    ("__spec__.parent", r"/packages/#(which-package-does-a-module-belong-to|__package__-is)"),
    ("__main__.py", r"/packages/#python-m-pkg-runs-pkg__main__py"),
    ("importlib.reload", r"/imports/#my-edit-doesnt-show-up-importlibreload"),
    ("PYTHONPATH", r"/search-path/#pythonpath"),
    ("PYTHONDONTWRITEBYTECODE", r"/pyc/#sysflagsdont_write_bytecode"),
    ("SOURCE_DATE_EPOCH", r"/pyc/#reproducible-builds"),
    ("dis.dis(adaptive=True)", r"/interpreter-vm/#disdisadaptivetrue-before-and-after-warm-up"),
    ("LOAD_FAST_BORROW", r"/interpreter-vm/#"),
    # Error messages, as the interpreters print them.
    ("UnboundLocalError", r"/namespaces/#unboundlocalerror-cannot-access-local-variable"),
    ("No module named", r"/imports/#modulenotfounderror-no-module-named"),
    (
        "ImportError: attempted relative import with no known parent package",
        r"/packages/#importerror-attempted-relative-import-with-no-known-parent-package",
    ),
    (
        "ImportError: attempted relative import beyond top-level package",
        r"/packages/#importerror-attempted-relative-import-beyond-top-level-package",
    ),
    (
        "No module named shop.tax.__main__; 'shop.tax' is a package and cannot be directly "
        "executed",
        r"/packages/#no-module-named-pkg__main__-pkg-is-a-package-and-cannot-be-directly-executed",
    ),
    ("cannot import name", r"/imports/#importerror-cannot-import-name"),
    ("partially initialized module", r"/imports/#(circular-imports|importerror-cannot-import)"),
    ("bad magic number", r"/pyc/#importerror-bad-magic-number"),
    ("consider renaming", r"/imports/#consider-renaming"),
    ("Error while finding module specification", r"/packages/#error-while-finding-module"),
    # Words.
    ("namespace package", r"/(packages/#namespace-packages|search-path/#namespace-packages)"),
    ("stale", r"/pyc/#when-is-a-pyc-recompiled"),
    ("source deleted", r"/pyc/#a-pyc-in-__pycache__-needs-its-source"),
    ("nonlocal", r"/namespaces/#global-and-nonlocal"),
]


@pytest.fixture(scope="module")
def searched() -> dict[str, searching.Shown]:
    """Every query of this file's search tests, answered by the site's worker at once."""
    queries = {q for q, _ in SEARCH_TABLE} | {q for q, _ in PAGE_TABLE} | set(NAME_QUERIES)
    return searching.shown(*sorted(queries | {"-B"}))


@pytest.mark.parametrize(("query", "section"), SEARCH_TABLE)
def test_search_puts_the_answering_section_in_the_first_three(searched, query, section):
    shown = searched[query].sections
    assert any(re.search(section, href) for href in shown[:3]), shown[:3]


@pytest.mark.parametrize("query", ["-m", "__main__", "No module named"])
def test_the_browser_shows_the_results_as_the_worker_gives_them(page, server, query):
    """The other search tests read the worker's answer (searching.py) as Material lays it out;
    here that reading is held to the result list a reader sees."""
    expected = searching.shown(query)[query]
    sections = paste_search(page, server, query)
    pages = [urlsplit(href).path for href in paste_search(page, server, query, pages=True)]
    assert sections[:6] == expected.sections[:6]
    assert pages[:5] == expected.pages[:5]


PAGE_TABLE = [
    # Three pages show a "No module named" and explain its cause; each is in the first three.
    ("No module named", "/search-path/"),
    ("No module named", "/imports/"),
    ("No module named", "/packages/"),
    # The pyc page owns frozen modules (no pyc is written for them); the VM page shows them
    # at start-up.
    ("frozen modules", "/pyc/"),
    ("frozen modules", "/interpreter-vm/"),
    ("bytecode", "/interpreter-vm/"),
    ("virtual machine", "/interpreter-vm/"),
    ("specialization", "/interpreter-vm/"),
    ("relative import", "/packages/"),
    ("reload", "/imports/"),
    ("nonlocal", "/namespaces/"),
    ("locals snapshot", "/namespaces/"),
    ("class comprehension", "/namespaces/"),
    ("circular import", "/imports/"),
    ("__main__", "/imports/"),
    ("__main__", "/packages/"),
    ("sys.modules", "/imports/"),
    ("lazy import", "/imports/"),
    ("__init__", "/packages/"),
    ("src layout", "/packages/"),
    ("PYTHONSAFEPATH", "/search-path/"),
    ("shadowing", "/search-path/"),
    (".pth", "/search-path/"),
    ("dis", "/interpreter-vm/"),
]


@pytest.mark.parametrize(("query", "page_path"), PAGE_TABLE)
def test_search_lists_the_page_among_the_first_three(searched, query, page_path):
    pages = searched[query].pages
    assert page_path in pages[:3], pages[:3]


def test_a_flag_is_not_read_as_must_not_contain(searched):
    """lunr reads "-B" as "without b"; here it is the flag, and only the flag: compileall's -b
    is another one."""
    shown = searched["-B"].sections
    assert shown[0] == "/pyc/#how-do-i-stop-it", shown
    assert not any("compileall-b" in href for href in shown), shown


NAME_QUERIES = ("sys.dont_write_bytecode", "dont_write_bytecode", "bytecode", "dont")


def test_a_name_is_found_whole_and_by_its_parts(searched):
    for query in NAME_QUERIES:
        shown = searched[query].sections
        assert any("#sysflagsdont_write_bytecode" in href for href in shown), (query, shown)


def test_a_pasted_query_is_searched_without_a_key(page, server):
    """A paste from a menu sends no key to the search box; the search runs all the same."""
    visit(page, server, "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("UnboundLocalError")  # one input event, no key pressed or released
    expect(page.locator(".md-search-result__meta")).to_have_text(FOUND)


def paste_search(page, server: str, query: str, *, pages: bool = False) -> list[str]:
    """Paste the query into Material's search on the home page; the results as shown, first
    to last: the links of the sections it found, without the ones folded away under "N more on
    this page" (or, with pages=True, the pages, each shown at the head of its sections).

    A paste sends one query, so the first list of results that comes is the list for it.
    """
    visit(page, server, "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    expect(box).to_have_value(query)
    expect(page.locator(".md-search-result__meta"), f"no result for {query!r}").to_have_text(FOUND)
    links = page.locator(".md-search-result__list .md-search-result__item a")
    expect(links.first).to_be_attached()
    shown = links.evaluate_all(
        """(links, pages) => links
            .filter((a) => !a.closest("details"))
            .filter((a) => pages ? a.matches(":first-child") : new URL(a.href).hash)
            .map((a) => a.getAttribute("href"))""",
        pages,
    )
    # Material's links carry the words to highlight: https://…/pyc/?h=-b#how-do-i-stop-it
    return [urlsplit(href)._replace(scheme="", netloc="", query="").geturl() for href in shown]


def test_a_copy_button_copies_what_runs(page, server):
    """A console block's button copies its commands, a pycon block's its code: no prompt and
    no output, so the text pasted into a shell or a REPL runs (pmv.website.copy_buttons)."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    visit(page, server, "/pyc/")
    copied = {}
    for lang in ("console", "pycon"):
        block = page.locator(f"div.language-{lang}.highlight").first
        block.hover()
        button = block.locator("button[data-md-type='copy']")
        expect(button).to_be_attached()
        page.evaluate("navigator.clipboard.writeText('')")
        button.click()
        page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
        copied[lang] = page.evaluate("navigator.clipboard.readText()")
    assert copied["console"].splitlines() == ["python spam.py", "ls -A"], copied
    lines = copied["pycon"].splitlines()
    assert lines and not any(line.startswith((">>>", "...")) for line in lines), copied


def test_a_copy_button_on_a_touch_screen_is_not_on_the_text(browser, server):
    """With no hover, Material shows each code block's copy button all the time: the block's
    first line starts below it (docs/assets/readable.css), so no text is under it."""
    context = browser.new_context(viewport=VIEWPORTS["phone"], has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        visit(page, server, "/pyc/")
        overlaps = page.evaluate(
            """() => [...document.querySelectorAll('.md-typeset .highlight')]
                .filter((block) => block.querySelector('.md-code__nav') && block.offsetParent)
                .filter((block) => {
                    const button = block.querySelector('.md-code__nav').getBoundingClientRect();
                    const code = block.querySelector('code');
                    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
                    let node = walker.nextNode();
                    while (node && !node.textContent.trim()) node = walker.nextNode();
                    if (!node) return false;
                    const range = document.createRange();
                    range.selectNodeContents(node);
                    const line = range.getClientRects()[0];
                    return line && line.top < button.bottom && line.bottom > button.top;
                }).length"""
        )
        assert overlaps == 0, f"{overlaps} copy buttons lie on their block's first line"
    finally:
        context.close()
