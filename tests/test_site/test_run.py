"""Run buttons (pmv.website.run_buttons, docs/assets/run/): a session runs in Pyodide in the
reader's browser, from this site's files only, and nothing of Pyodide loads before the first
click.

Pyodide takes seconds to start on a slow or loaded machine: the waits for a run's output are
long, and each is a wait for a state, never a sleep.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT, SITE, html_pages
from playwright.sync_api import expect
from test_browser import visit

RUNS = 120_000  # ms: a cold start of Pyodide on a loaded machine, with room to spare
PYODIDE_FILES = re.compile(r"/assets/(pyodide/|run/(worker|engine|panel)\.mjs)")
MANIFEST = json.loads((ROOT / "tests" / "pyodide" / "runnable.json").read_text())
PAGE = "/namespaces/"


def marked_blocks() -> dict[str, int]:
    counts = {}
    for path in html_pages():
        found = len(
            re.findall(r'<div class="language-pycon highlight" data-run="', path.read_text())
        )
        if found:
            counts[path.relative_to(SITE).as_posix()] = found
    return counts


def open_first(page, path=PAGE):
    visit(page, server_of(page), path)
    block = page.locator("div[data-run]").first
    button = page.locator(".pmv-run__open").first
    expect(button).to_be_visible()
    return block, button


def server_of(page) -> str:
    return page.server


@pytest.fixture
def site_page(page, server):
    page.server = server
    return page


def ran(page):
    """The open panel once its run has ended: its status says how long the run took."""
    panel = page.locator(".pmv-run__panel").first
    expect(panel.locator(".pmv-run__status")).to_have_text(
        re.compile(r"^Ran in \d+ ms\.$"), timeout=RUNS
    )
    return panel


def first_of_two(page):
    """The page's marked blocks, the first one's panel once it has run, the second's button."""
    visit(page, page.server, PAGE)
    blocks = page.locator("div[data-run]")
    # Each block's own button: a button gives way to its editor, so "the second button" moves.
    first, second = (
        blocks.nth(i).locator("xpath=following-sibling::div[1]//button") for i in (0, 1)
    )
    first.click()
    return blocks, ran(page), second


def run_first(page, path=PAGE):
    """The page's first marked block, clicked: its panel once the verified session has run."""
    _, button = open_first(page, path)
    button.click()
    return ran(page)


def run_edited(page, code: str):
    """The first block's panel, once it has run, with this code run in it: its output."""
    panel = run_first(page)
    panel.locator("textarea").fill(code)
    panel.get_by_role("button", name="Run", exact=True).click()
    return panel.locator(".pmv-run__output")


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip("\n").split("\n")]


def test_every_session_the_lane_passed_is_marked_and_no_other():
    runs = sum(entry["runs"] for entry in MANIFEST["sessions"])
    assert sum(marked_blocks().values()) == runs, marked_blocks()


def test_the_build_holds_what_a_click_needs():
    about = json.loads((SITE / "assets" / "pyodide" / "files.json").read_text())
    assert about["pyodide"] == MANIFEST["pyodide"]
    for name, size in about["sizes"].items():
        assert (SITE / "assets" / "pyodide" / name).stat().st_size == size, name
    examples = set()
    for path in html_pages():
        examples |= set(re.findall(r'data-run="([^"]+)"', path.read_text()))
    for example in examples:
        assert (SITE / "assets" / "run" / "examples" / f"{example}.json").is_file(), example


def test_the_button_names_the_python_the_lane_ran():
    script = (ROOT / "docs" / "assets" / "run" / "run.js").read_text()
    assert f'const PYTHON = "{MANIFEST["python"]}";' in script


def test_a_page_loads_no_pyodide_file_before_a_click(site_page):
    requests = []
    site_page.on("request", lambda r: requests.append(r.url))
    open_first(site_page)
    expect(site_page.locator(".pmv-run__open")).to_have_count(
        marked_blocks()["namespaces/index.html"]
    )
    site_page.wait_for_load_state("networkidle")  # nothing fetched later on, either
    assert not [url for url in requests if PYODIDE_FILES.search(url)]


def test_a_run_shows_the_verified_output_and_keeps_it(site_page):
    block, button = open_first(site_page)
    verified = block.locator("code").text_content()
    button.click()
    panel = ran(site_page)
    output = panel.locator(".pmv-run__output")
    assert lines(output.text_content()) == lines(verified)
    # The verified output is still there, and said to be the one the suite checked.
    expect(block).to_be_visible()
    expect(panel).to_contain_text("The block above is the output the test suite verified")
    expect(panel).to_contain_text("CPython 3.14.2 compiled to WebAssembly, in your browser")
    assert site_page.foreign_requests == []
    assert site_page.console_errors == []


def test_an_edited_session_shows_its_own_output(site_page):
    output = run_edited(site_page, "def twice(x):\n    return 2 * x\n\ntwice(21)\nprint('edited')")
    expected = [">>> def twice(x):", "...     return 2 * x", "...", ">>> twice(21)", "42",
                ">>> print('edited')", "edited"]  # fmt: skip
    expect(output).to_have_text("\n".join(expected) + "\n", timeout=RUNS)


def test_an_exception_shows_a_traceback(site_page):
    expect(run_edited(site_page, "1 / 0")).to_have_text(
        ">>> 1 / 0\nTraceback (most recent call last):\n  ...\n"
        "ZeroDivisionError: division by zero\n",
        timeout=RUNS,
    )


def test_keyboard_alone_runs_a_session(site_page):
    _, button = open_first(site_page)
    # From the top of the page, Tab alone reaches the first Run button (after the header, the
    # navigation and the article's links and code before it).
    for _ in range(400):
        if button.evaluate("b => b === document.activeElement"):
            break
        site_page.keyboard.press("Tab")
    expect(button).to_be_focused()
    site_page.keyboard.press("Enter")
    editor = site_page.get_by_role("textbox", name="The session's code: edit it, then Run")
    expect(editor).to_be_focused()
    panel = ran(site_page)
    site_page.keyboard.press("Control+A")
    site_page.keyboard.type("6 * 7")
    site_page.keyboard.press("Tab")
    expect(panel.get_by_role("button", name="Run", exact=True)).to_be_focused()
    site_page.keyboard.press("Enter")
    output = panel.locator(".pmv-run__output")
    expect(output).to_have_text(">>> 6 * 7\n42\n", timeout=RUNS)
    expect(output).to_have_attribute("aria-live", "polite")
    expect(output).to_have_accessible_name(re.compile("^Output in your browser"))


def test_a_second_visit_takes_pyodide_from_the_cache(browser, server):
    context = browser.new_context()
    try:
        first = context.new_page()
        first.server = server
        run_first(first)
        second = context.new_page()
        second.server = server
        fetched = []
        second.on("request", lambda r: fetched.append(r.url))
        run_first(second)
        big = [url for url in fetched if url.endswith((".wasm", ".zip", "asm.mjs"))]
        assert big == [], "Pyodide's files were fetched again"
    finally:
        context.close()


def test_without_javascript_there_is_no_button(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + PAGE)
        expect(page.locator("div[data-run]").first).to_be_visible()
        expect(page.locator(".pmv-run__open")).to_have_count(0)
    finally:
        context.close()


def test_a_page_reached_by_instant_navigation_gets_its_buttons(site_page):
    visit(site_page, site_page.server, "/")
    site_page.locator(f'.md-nav a[href$="{PAGE.strip("/")}/"]').first.click()
    expect(site_page).to_have_url(re.compile(PAGE + "$"))
    expect(site_page.locator(".pmv-run__open")).to_have_count(
        marked_blocks()["namespaces/index.html"]
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_open_editor_and_its_output_meet_wcag_aa(site_page, scheme):
    """The page test (test_accessibility.py) sees the buttons; this sees what a click adds."""
    from test_accessibility import AXE, summary

    if not AXE.is_file():
        pytest.skip(f"no {AXE.relative_to(ROOT)}: run `npm ci` (the site session does)")
    site_page.emulate_media(color_scheme=scheme)
    run_first(site_page)
    site_page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = site_page.evaluate(
        "async () => (await axe.run('.pmv-run__panel', {runOnly: ['wcag2a', 'wcag2aa']}))"
        ".violations"
    )
    assert violations == [], summary(violations)


def test_an_open_editor_fits_a_phone(browser, server):
    from test_browser import VIEWPORTS

    context = browser.new_context(viewport=VIEWPORTS["phone"], has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.server = server
        run_first(page)
        wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, f"the page scrolls {wide} px sideways with the editor open"
    finally:
        context.close()


def test_each_run_starts_from_a_clean_slate(site_page):
    """One interpreter serves every run, so each undoes the last: a module imported then is
    imported afresh, and a file written then is gone (session.py's prepare)."""
    panel = run_first(site_page)
    output = panel.locator(".pmv-run__output")
    run = panel.get_by_role("button", name="Run", exact=True)
    panel.locator("textarea").fill("import counter\ncounter.bump()\nopen('note', 'w').write('x')")
    run.click()
    expect(output).to_have_text(
        ">>> import counter\n>>> counter.bump()\n1\n>>> open('note', 'w').write('x')\n1\n",
        timeout=RUNS,
    )
    panel.locator("textarea").fill(
        "import os\n'note' in os.listdir()\nimport counter\ncounter.bump()"
    )
    run.click()
    expect(output).to_have_text(
        ">>> import os\n>>> 'note' in os.listdir()\nFalse\n>>> import counter\n"
        ">>> counter.bump()\n1\n",
        timeout=RUNS,
    )


def test_the_about_page_names_the_pyodide_the_lane_ran():
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    assert f"{MANIFEST['pyodide']}: CPython {MANIFEST['python']} compiled to WebAssembly" in about


def test_a_page_without_sessions_is_as_it_was():
    """Only a page with a marked block loads run.js: the others' first visit is unchanged."""
    for path in html_pages():
        text = path.read_text()
        assert ("assets/run/run.js" in text) == ('data-run="' in text), path.relative_to(SITE)


def test_instant_navigation_from_a_page_without_sessions_gets_the_buttons(site_page):
    visit(site_page, site_page.server, "/about/")
    site_page.locator('.md-nav a[href$="namespaces/"]').first.click()
    expect(site_page).to_have_url(re.compile(PAGE + "$"))
    expect(site_page.locator(".pmv-run__open")).to_have_count(
        marked_blocks()["namespaces/index.html"]
    )
    site_page.locator('.md-nav a[href$="pyc/"]').first.click()
    expect(site_page).to_have_url(re.compile("/pyc/$"))
    expect(site_page.locator(".pmv-run__open")).to_have_count(marked_blocks()["pyc/index.html"])


def test_a_verified_session_never_runs_after_edited_code(site_page):
    """Edited code can change what no reset undoes (here a module loaded at start-up): the next
    verified session gets a new interpreter, so it still prints its verified output."""
    blocks, panel, second = first_of_two(site_page)
    panel.locator("textarea").fill("import json\njson.x = 1\njson.x")
    panel.get_by_role("button", name="Run", exact=True).click()
    expect(panel.locator(".pmv-run__output")).to_have_text(
        ">>> import json\n>>> json.x = 1\n>>> json.x\n1\n", timeout=RUNS
    )
    second.click()
    other = site_page.locator(".pmv-run__panel").nth(1)
    expect(other.locator(".pmv-run__status")).to_have_text(re.compile(r"^Ran in"), timeout=RUNS)
    verified = blocks.nth(1).locator("code").text_content()
    assert lines(other.locator(".pmv-run__output").text_content()) == lines(verified)
    other.locator("textarea").fill("import json\nhasattr(json, 'x')")
    other.get_by_role("button", name="Run", exact=True).click()
    expect(other.locator(".pmv-run__output")).to_have_text(
        ">>> import json\n>>> hasattr(json, 'x')\nFalse\n", timeout=RUNS
    )


def test_a_build_without_the_pyodide_package_fails_saying_how_to_get_it(tmp_path, monkeypatch):
    from mkdocs.exceptions import PluginError
    from pmv.website import run_buttons as hook

    monkeypatch.setattr(hook, "PACKAGE", tmp_path)
    with pytest.raises(PluginError, match=r"run `npm ci --ignore-scripts` in tests/pyodide"):
        hook.on_config({})
    for name in hook.PYODIDE_FILES:
        (tmp_path / name).write_text("")
    assert hook.on_config({}) == {}


def test_an_editor_that_cannot_load_says_so_and_can_be_tried_again(site_page):
    site_page.route("**/assets/run/panel.mjs", lambda route: route.abort())
    _, button = open_first(site_page)
    button.click()
    expect(site_page.locator(".pmv-run__note").first).to_have_text(
        "The editor could not be loaded. Try again, or reload the page."
    )
    expect(button).to_be_enabled()
    site_page.unroute("**/assets/run/panel.mjs")
    button.click()
    ran(site_page)


def test_a_python_that_cannot_start_says_so_and_starts_at_the_next_run(site_page):
    site_page.route("**/assets/pyodide/files.json", lambda route: route.fulfill(status=404))
    _, button = open_first(site_page)
    button.click()
    panel = site_page.locator(".pmv-run__panel").first
    expect(panel.locator(".pmv-run__status")).to_have_text(
        "Python could not start or run here. Reload the page to try again.", timeout=RUNS
    )
    run = panel.get_by_role("button", name="Run", exact=True)
    expect(run).to_be_enabled()
    expect(panel.get_by_role("button", name="Stop")).to_be_hidden()
    site_page.unroute("**/assets/pyodide/files.json")
    run.click()
    ran(site_page)


def test_runs_of_two_blocks_take_turns_and_stop_ends_only_its_own(site_page):
    blocks, one, second = first_of_two(site_page)
    one.locator("textarea").fill("while True: pass")
    one.get_by_role("button", name="Run", exact=True).click()
    expect(one.locator(".pmv-run__status")).to_have_text("Running…")
    second.click()
    two = site_page.locator(".pmv-run__panel").nth(1)
    expect(two.locator(".pmv-run__status")).to_have_text("Waiting for another block's run to end…")
    one.get_by_role("button", name="Stop").click()
    expect(one.locator(".pmv-run__status")).to_have_text(
        "Stopped. Python starts again at the next Run."
    )
    expect(two.locator(".pmv-run__status")).to_have_text(re.compile(r"^Ran in"), timeout=RUNS)
    assert lines(two.locator(".pmv-run__output").text_content()) == lines(
        blocks.nth(1).locator("code").text_content()
    )


def test_an_endless_output_is_cut(site_page):
    output = run_edited(site_page, "for i in range(100_000): print(i)")
    expect(output).to_contain_text("… (output cut at 200,000 characters)", timeout=RUNS)
    assert len(output.text_content()) < 201_000
