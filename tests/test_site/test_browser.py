"""The site as a reader uses it, in headless Chromium: every feature the theme promises works,
and no page reaches for another host or logs an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SITE, html_pages

PAGES = [
    "/" + str(p.relative_to(SITE).parent).removeprefix(".")
    for p in html_pages()
    if p.name == "index.html" and p.parent.name not in ("search", "assets")
]


def visit(page, server: str, path: str):
    response = page.goto(server + path, wait_until="networkidle")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors_or_foreign_requests(page, server, path):
    visit(page, server, path)
    assert page.foreign_requests == [], f"{path} requested other hosts"
    assert page.console_errors == [], f"{path} logged errors"


def test_palette_toggle_switches_between_light_and_dark(page, server):
    visit(page, server, "/")
    scheme = lambda: page.locator("body").get_attribute("data-md-color-scheme")  # noqa: E731
    first = scheme()
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    assert {first, scheme()} == {"default", "slate"}


def search(page, server: str, text: str):
    visit(page, server, "/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(text, delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    return results


def test_search_suggests_finds_and_highlights(page, server):
    results = search(page, server, "bytecod")
    assert results.count() > 0
    # The completion of the word being typed, shown greyed out behind it.
    page.wait_for_function(
        "document.querySelector('.md-search__suggest').textContent === 'bytecode'"
    )
    results.locator("a[href*='h=bytecod']:visible").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("mark[data-md-highlight]").count() > 0


def test_search_finds_words_inside_dunder_and_dotted_names(page, server):
    """The search separator splits __pycache__ and sys.dont_write_bytecode into words."""
    for word in ("pycache", "dont"):
        results = search(page, server, word)
        links = [a.get_attribute("href") for a in results.locator("a").all()]
        assert any("/pyc/" in link for link in links), f"{word!r} found only {links}"


def test_version_tabs_are_linked_across_the_site(page, server):
    visit(page, server, "/pyc/")
    tab_sets = page.locator(".tabbed-set", has=page.locator("label", has_text="3.11"))
    assert tab_sets.count() >= 2
    tab_sets.nth(0).locator("label", has_text="3.11").click()
    for i in range(tab_sets.count()):
        checked = tab_sets.nth(i).locator("input:checked")
        label = tab_sets.nth(i).locator(f"label[for='{checked.get_attribute('id')}']")
        assert label.inner_text().strip() == "3.11"


def test_code_blocks_have_copy_buttons(page, server):
    visit(page, server, "/pyc/")
    blocks = page.locator("div.highlight pre").count()
    assert blocks > 0
    assert page.locator("div.highlight button[data-md-type='copy']").count() == blocks


def test_instant_navigation_keeps_the_document(page, server):
    visit(page, server, "/")
    page.evaluate("window.__still_here = true")
    page.locator(".md-nav__link", has_text="Bytecode cache").first.click()
    page.wait_for_url("**/pyc/")
    page.locator("h1").first.wait_for()
    assert page.evaluate("window.__still_here === true"), "the click reloaded the whole page"


def test_edit_this_page_links_to_the_markdown(page, server):
    visit(page, server, "/pyc/")
    href = page.locator("a.md-content__button[title*='Edit']").get_attribute("href")
    assert href.endswith("/edit/main/docs/pyc.md")


def test_notebook_is_rendered_with_its_outputs(page, server):
    visit(page, server, "/notebooks/pyc_anatomy/")
    assert page.locator(".jp-Cell").count() > 5
    assert "bytes in all" in page.locator(".jp-OutputArea").all_inner_texts().__str__()


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", PAGES)
def test_screenshot(page, server, path, scheme, tmp_path):
    """Full-page screenshots in both palettes, kept where SITE_SCREENSHOTS points."""
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    visit(page, server, path)
    assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
    out = Path(os.environ.get("SITE_SCREENSHOTS", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    name = (path.strip("/").replace("/", "_") or "home") + f"-{scheme}.png"
    page.screenshot(path=str(out / name), full_page=True)
