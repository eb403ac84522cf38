"""Fixtures for checking the built site: its HTML files, a local server, a headless browser."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The built site: site/, or the folder SITE_DIR names (a second build beside the first).
SITE = Path(os.environ.get("SITE_DIR") or ROOT / "site").resolve()
# Where test_screenshot keeps its screenshots, for a person to look at (git-ignored).
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# Keep Chromium off the network: this machine has none, and a page must need none.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-published",
        action="store_true",
        help="add the built site's new pages and heading anchors to tests/test_site/published.txt"
        " (test_stable_links.py); it never removes one",
    )


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site in {SITE}: run `python3 noxfile.py -s site`, which builds it")
    return SITE


def html_pages() -> list[Path]:
    return sorted(SITE.rglob("*.html"))


@pytest.fixture(scope="session")
def server(site: Path) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1.

    Like `mkdocs serve`, the sitemap names the address the site is served from: Material's
    instant navigation only takes over links to the pages the sitemap lists, and compares ports.
    """
    sitemap = (site / "sitemap.xml").read_text()
    published = re.search(r"<loc>(.*?)</loc>", sitemap)[1]  # the home page comes first

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path != "/sitemap.xml":
                return super().do_GET()
            body = sitemap.replace(published, origin + "/").encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    handler = functools.partial(Handler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{httpd.server_port}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield origin
    httpd.shutdown()
    httpd.server_close()


# The browser tests drive a Chromium-family browser, found in this order: the executable
# SITE_BROWSER names, then Chromium (Debian's package installs /usr/bin/chromium, which a PATH
# without /usr/bin still finds; Fedora's is chromium-browser), then Google Chrome, which
# GitHub's Ubuntu runners have on PATH.
BROWSER_VARIABLE = "SITE_BROWSER"
BROWSER_PLACES = (
    "chromium",
    "/usr/bin/chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
)
INSTALL_A_BROWSER = (
    "Install one: on Debian `sudo apt-get install chromium`; elsewhere set"
    f" {BROWSER_VARIABLE} to the executable of Chromium or Google Chrome, e.g. on macOS"
    f" `{BROWSER_VARIABLE}='/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'"
    " python3 noxfile.py -s site`."
)


@dataclass(frozen=True)
class BrowserSearch:
    """The browser found for the tests, how it was found, and every place looked at."""

    executable: str | None
    found_by: str
    looked: tuple[str, ...]
    # Why there is no browser when SITE_BROWSER named one that cannot be run: a mistake to
    # report, never a reason to fall back on another browser.
    problem: str | None = None

    def describe(self) -> str:
        if self.executable is not None:
            # A link says where the browser really is: /usr/bin/google-chrome is
            # /opt/google/chrome/google-chrome, and /snap/bin/chromium a snap.
            real = os.path.realpath(self.executable)
            shown = self.executable if real == self.executable else f"{self.executable} -> {real}"
            return f"{shown} ({self.found_by})"
        if self.problem is not None:
            return self.problem
        places = "".join(f"\n  {place}" for place in self.looked)
        return f"no Chromium-family browser found; looked at:{places}\n{INSTALL_A_BROWSER}"


def _runnable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_browser(environ: Mapping[str, str] = os.environ) -> BrowserSearch:
    """The browser SITE_BROWSER names, else the first of BROWSER_PLACES that exists."""
    named = environ.get(BROWSER_VARIABLE, "").strip()
    path = environ.get("PATH", os.defpath)
    if named:
        how = f"{BROWSER_VARIABLE}={named}"
        # A bare name is looked up on PATH, as a shell would: SITE_BROWSER=google-chrome.
        found = named if os.sep in named else shutil.which(named, path=path)
        if found is not None and _runnable(found):
            return BrowserSearch(found, how, (how,))
        if found is None:
            why = "is not on PATH"
        elif not os.path.exists(found):
            why = "does not exist"
        else:
            why = "is not an executable file"
        problem = (
            f"{how}, but {named!r} {why}: set {BROWSER_VARIABLE} to the path of a Chromium or"
            f" Google Chrome executable, or unset it to use the first of"
            f" {', '.join(BROWSER_PLACES)} found."
        )
        return BrowserSearch(None, how, (how,), problem)
    looked = [f"{BROWSER_VARIABLE}: not set"]
    for place in BROWSER_PLACES:
        if os.sep in place:
            if _runnable(place):
                return BrowserSearch(place, place, (*looked, place))
            looked.append(f"{place}: no such executable")
            continue
        found = shutil.which(place, path=path)
        if found is not None:
            return BrowserSearch(found, f"`{place}` on PATH", (*looked, f"`{place}` on PATH"))
        looked.append(f"`{place}` on PATH: not found")
    return BrowserSearch(None, "", tuple(looked))


def under_ci(environ: Mapping[str, str] = os.environ) -> bool:
    """CI=true, as GitHub sets it: there a browser test that cannot run is a failure."""
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@functools.cache
def _browser_search() -> BrowserSearch:
    # Once per session, so that the header and the tests name the same browser.
    return find_browser()


def _browser_version(executable: str) -> str:
    """The browser's own account of itself, `Chromium 131.0...`, or why it gave none."""
    try:
        done = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"`{executable} --version` failed: {error}"
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return f"`{executable} --version` exited with {done.returncode}"
    return lines[0]


def pytest_report_header(config: pytest.Config) -> list[str]:
    search = _browser_search()
    if search.executable is None:
        return [f"site browser: {search.describe()}"]
    return [f"site browser: {search.describe()}, {_browser_version(search.executable)}"]


def require_browser(search: BrowserSearch, environ: Mapping[str, str] = os.environ) -> str:
    """The browser's executable; without one the test is skipped, or fails under CI or when
    SITE_BROWSER names one that cannot be run."""
    if search.executable is not None:
        return search.executable
    if under_ci(environ):
        message = f"{search.describe()}\nUnder CI (CI=true) the browser tests must run."
        pytest.fail(message, pytrace=False)
    if search.problem is not None:
        pytest.fail(search.describe(), pytrace=False)
    pytest.skip(search.describe())


def _launch_failure(search: BrowserSearch, error: str) -> str:
    """Why the browser did not start: Playwright's first line and what the browser printed."""
    lines = error.strip().splitlines()
    # Playwright logs the browser's stderr as `  - [pid=N][err] ...`: a missing library, say.
    # Both its logs and its call log hold them: each once.
    printed = list(dict.fromkeys(line.strip(" -") for line in lines if "][err]" in line))[:8]
    said = "".join(f"\n  {line}" for line in printed)
    return (
        f"the site's browser, {search.describe()}, did not start: {lines[0] if lines else error}"
        f"{said}\nSet {BROWSER_VARIABLE} to another Chromium or Google Chrome executable, or"
        " on Debian `sudo apt-get install chromium`."
    )


@pytest.fixture(scope="session")
def browser():
    search = _browser_search()
    executable = require_browser(search)
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as error:
            failure = _launch_failure(search, str(error))
        else:
            failure = None
        # Outside the except: the message is the whole story, Playwright's traceback and its
        # full command line would bury it.
        if failure is not None:
            pytest.fail(failure, pytrace=False)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """A failed browser test names the browser it ran in, as the header does."""
    report = yield
    search = _browser_search()
    # A fixture that failed (no browser, or one that did not start) has said which already.
    uses_browser = "browser" in getattr(item, "fixturenames", ())
    if report.when == "call" and report.failed and search.executable and uses_browser:
        report.sections.append(("site browser", search.describe()))
    return report


@pytest.fixture
def page(browser, server):
    """A fresh browser page that records every request to a host other than the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.foreign_requests = []
    page.console_errors = []
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((server, "data:", "blob:"))
            else page.foreign_requests.append(r.url)
        ),
    )
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()


@dataclass
class Screenshots:
    """The folder the screenshots are kept in, and those this session wrote."""

    folder: Path
    written: list[Path] = field(default_factory=list)


SCREENSHOTS_KEY = pytest.StashKey[Screenshots]()


@pytest.fixture(scope="session")
def screenshots(request: pytest.FixtureRequest) -> Screenshots:
    """test-artifacts/screenshots/ at the repository root, or the folder SITE_SCREENSHOTS names."""
    folder = Path(os.environ.get("SITE_SCREENSHOTS") or SCREENSHOTS).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    kept = request.config.stash[SCREENSHOTS_KEY] = Screenshots(folder)
    return kept


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    kept = config.stash.get(SCREENSHOTS_KEY, None)
    if kept is None or not kept.written:
        return
    try:
        shown = kept.folder.relative_to(Path.cwd())
    except ValueError:
        shown = kept.folder
    terminalreporter.write_sep("-", "screenshots")
    terminalreporter.write_line(f"{len(kept.written)} screenshots of the site in {shown}/")
