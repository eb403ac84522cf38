"""Every page of the built site, in both palettes, visited once each: it loads cleanly, with no
WCAG 2 A or AA violation that axe-core finds (contrast, links told apart by more than colour,
names, keyboard access), and it fits a phone's width.

axe-core comes from the npm lock at the repository root (package.json), installed by the site
session; it runs inside the page, after Material and the site's scripts have run.
"""

from __future__ import annotations

import os

import pytest
from conftest import ROOT, SITE, html_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "/" + str(p.relative_to(SITE).parent).removeprefix(".")
    for p in html_pages()
    if p.name == "index.html" and p.parent.name not in ("search", "assets")
]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        message = f"no {AXE.relative_to(ROOT)}: run `npm ci` (the site session does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def summary(violations: list[dict]) -> str:
    lines = []
    for rule in violations:
        lines.append(f"{rule['id']} ({rule['impact']}): {rule['help']} [{len(rule['nodes'])}]")
        for node in rule["nodes"][:3]:
            lines.append(
                f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1]}"
            )
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_each_page_in_each_palette(page, server, axe_source, path, scheme):
    """One visit of the page per palette, for everything a page owes there: it loads with no
    error logged and nothing asked of another host; axe-core finds no violation; and (once, in
    the light palette) at 390 px it does not scroll sideways, only code and tables that are too
    wide do, inside their own boxes."""
    from test_browser import VIEWPORTS, visit

    page.emulate_media(color_scheme=scheme)
    visit(page, server, path)
    assert page.foreign_requests == [], f"{path} requested other hosts"
    assert page.console_errors == [], f"{path} logged errors"
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
    )
    assert violations == [], f"{path} ({scheme}):\n{summary(violations)}"
    if scheme == "light":
        phone = VIEWPORTS["phone"]["width"]
        page.set_viewport_size(VIEWPORTS["phone"])
        page.wait_for_function(f"window.innerWidth === {phone}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= phone, f"{path}: {width}px wide at {phone}px"


def test_the_checker_finds_a_violation(page, server, axe_source):
    """The check itself: grey text on grey, which no page has, is reported."""
    from test_browser import visit

    visit(page, server, "/")
    page.evaluate(
        "document.querySelector('article p').style.color = '#aaa';"
        "document.querySelector('article p').style.background = '#ccc'"
    )
    page.add_script_tag(content=axe_source)
    ids = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']}))"
        ".violations.map(v => v.id)"
    )
    assert "color-contrast" in ids
