"""Fixtures for checking the built site: its HTML files, a local server, headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
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


def _chromium() -> str | None:
    return (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    if executable is None:
        message = "Chromium is not installed (Debian: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + "; under CI it must be")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
