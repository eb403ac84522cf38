"""Which browser the site's browser tests drive, and what they say when there is none.

No browser is needed: each test makes stand-in executables (shell scripts) in a temporary
folder and points PATH and SITE_BROWSER at them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import conftest
import pytest
from conftest import BROWSER_VARIABLE, find_browser, require_browser, under_ci


def executable(folder: Path, name: str, prints: str = "Chromium 1.2.3") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\necho '{prints}'\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def no_debian_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """BROWSER_PLACES with /usr/bin/chromium moved to a path of the test's own, absent at first:
    this machine may have the real one."""
    stand_in = tmp_path / "debian" / "chromium"
    places = tuple(
        str(stand_in) if p == "/usr/bin/chromium" else p for p in conftest.BROWSER_PLACES
    )
    assert places != conftest.BROWSER_PLACES, "the search no longer looks at /usr/bin/chromium"
    monkeypatch.setattr(conftest, "BROWSER_PLACES", places)
    return stand_in


def environ(bin_folder: Path, **variables: str) -> dict[str, str]:
    return {"PATH": str(bin_folder), **variables}


def test_site_browser_wins_over_chromium_on_path(tmp_path: Path, no_debian_chromium: Path):
    executable(tmp_path / "bin", "chromium")
    chosen = executable(tmp_path / "elsewhere", "chrome")
    search = find_browser(environ(tmp_path / "bin", SITE_BROWSER=str(chosen)))
    assert search.executable == str(chosen)
    assert f"{BROWSER_VARIABLE}={chosen}" in search.describe()


def test_site_browser_may_be_a_name_on_path(tmp_path: Path, no_debian_chromium: Path):
    executable(tmp_path / "bin", "chromium")
    chrome = executable(tmp_path / "bin", "google-chrome")
    search = find_browser(environ(tmp_path / "bin", SITE_BROWSER="google-chrome"))
    assert search.executable == str(chrome)


@pytest.mark.parametrize("broken", ["missing", "not-executable", "not-on-path"])
def test_a_site_browser_that_cannot_run_is_reported_not_replaced(
    tmp_path: Path, no_debian_chromium: Path, broken: str
):
    executable(tmp_path / "bin", "chromium")
    named = {
        "missing": str(tmp_path / "no-such-chrome"),
        "not-executable": str(tmp_path / "plain-file"),
        "not-on-path": "no-such-chrome",
    }[broken]
    (tmp_path / "plain-file").write_text("not a browser\n")
    search = find_browser(environ(tmp_path / "bin", SITE_BROWSER=named))
    assert search.executable is None
    message = search.describe()
    assert f"{BROWSER_VARIABLE}={named}" in message
    assert {
        "missing": "does not exist",
        "not-executable": "is not an executable file",
        "not-on-path": "is not on PATH",
    }[broken] in message
    # Outside CI too: the contributor asked for that browser, so the tests fail, not skip.
    with pytest.raises(pytest.fail.Exception, match=BROWSER_VARIABLE):
        require_browser(search, {})


def test_chromium_on_path_comes_before_google_chrome(tmp_path: Path, no_debian_chromium: Path):
    chromium = executable(tmp_path / "bin", "chromium")
    executable(tmp_path / "bin", "google-chrome")
    search = find_browser(environ(tmp_path / "bin"))
    assert search.executable == str(chromium)
    assert search.describe() == f"{chromium} (`chromium` on PATH)"


def test_debian_chromium_is_found_off_path(tmp_path: Path, no_debian_chromium: Path):
    executable(no_debian_chromium.parent, no_debian_chromium.name)
    executable(tmp_path / "bin", "google-chrome")
    search = find_browser(environ(tmp_path / "bin"))
    assert search.executable == str(no_debian_chromium)


@pytest.mark.parametrize("name", ["google-chrome", "google-chrome-stable"])
def test_google_chrome_when_there_is_no_chromium(
    tmp_path: Path, no_debian_chromium: Path, name: str
):
    """GitHub's Ubuntu runners: Google Chrome on PATH, and no apt-installed Chromium."""
    chrome = executable(tmp_path / "bin", name)
    search = find_browser(environ(tmp_path / "bin"))
    assert search.executable == str(chrome)
    assert f"(`{name}` on PATH)" in search.describe()


def test_a_link_shows_where_the_browser_really_is(tmp_path: Path, no_debian_chromium: Path):
    real = executable(tmp_path / "opt", "chrome")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "google-chrome").symlink_to(real)
    search = find_browser(environ(tmp_path / "bin"))
    assert search.describe().startswith(f"{tmp_path / 'bin' / 'google-chrome'} -> {real} ")


def test_no_browser_names_every_place_looked_and_how_to_install_one(
    tmp_path: Path, no_debian_chromium: Path
):
    (tmp_path / "bin").mkdir()
    search = find_browser(environ(tmp_path / "bin"))
    assert search.executable is None
    message = search.describe()
    assert f"{BROWSER_VARIABLE}: not set" in message
    for place in conftest.BROWSER_PLACES:
        assert place in message
    assert "apt-get install chromium" in message
    assert f"set {BROWSER_VARIABLE} to" in message


def test_no_browser_skips_outside_ci_and_fails_under_it(tmp_path: Path, no_debian_chromium: Path):
    (tmp_path / "bin").mkdir()
    search = find_browser(environ(tmp_path / "bin"))
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        require_browser(search, {})
    with pytest.raises(pytest.fail.Exception, match=r"Under CI \(CI=true\)"):
        require_browser(search, {"CI": "true"})


@pytest.mark.parametrize(
    ("value", "expected"), [(None, False), ("", False), ("false", False), ("true", True)]
)
def test_under_ci(value: str | None, expected: bool):
    assert under_ci({} if value is None else {"CI": value}) is expected


def test_the_header_names_the_browser_and_its_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_debian_chromium: Path
):
    executable(tmp_path / "bin", "google-chrome", prints="Google Chrome 140.0.1")
    search = find_browser(environ(tmp_path / "bin"))
    monkeypatch.setattr(conftest, "_browser_search", lambda: search)
    (line,) = conftest.pytest_report_header(None)
    chrome = tmp_path / "bin" / "google-chrome"
    assert line == f"site browser: {chrome} (`google-chrome` on PATH), Google Chrome 140.0.1"


def test_the_header_says_why_there_is_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_debian_chromium: Path
):
    (tmp_path / "bin").mkdir()
    search = find_browser(environ(tmp_path / "bin"))
    monkeypatch.setattr(conftest, "_browser_search", lambda: search)
    (line,) = conftest.pytest_report_header(None)
    assert line.startswith("site browser: no Chromium-family browser found; looked at:")
    assert os.linesep + f"  {BROWSER_VARIABLE}: not set" in line


def test_a_browser_that_does_not_start_says_what_it_printed(tmp_path: Path):
    chrome = executable(tmp_path / "bin", "google-chrome")
    search = find_browser(environ(tmp_path / "bin", SITE_BROWSER=str(chrome)))
    said = "[pid=7][err] chrome: error while loading shared libraries: libnss3.so"
    error = (
        "BrowserType.launch: Target page, context or browser has been closed\n"
        f"Browser logs:\n\n<launching> {chrome} --headless\n{said}\n"
        f"Call log:\n  - <launching> {chrome} --headless\n  - {said}\n"
    )
    message = conftest._launch_failure(search, error)
    assert message.splitlines() == [
        f"the site's browser, {chrome} ({BROWSER_VARIABLE}={chrome}), did not start:"
        " BrowserType.launch: Target page, context or browser has been closed",
        f"  {said}",
        f"Set {BROWSER_VARIABLE} to another Chromium or Google Chrome executable, or on Debian"
        " `sudo apt-get install chromium`.",
    ]


def test_a_failed_browser_test_names_its_browser(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    chrome = executable(tmp_path / "bin", "google-chrome", prints="Google Chrome 140.0.1")
    pytester.makeconftest(Path(conftest.__file__).read_text())
    pytester.makepyfile(
        test_fails="""
        import pytest

        @pytest.fixture
        def browser():  # a stand-in: the test only needs to be one that uses the browser
            return None

        def test_in_the_browser(browser):
            assert False, "the page did not change"
        """
    )
    monkeypatch.setenv(BROWSER_VARIABLE, str(chrome))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            f"site browser: {chrome} ({BROWSER_VARIABLE}={chrome}), Google Chrome 140.0.1",
            "*- site browser -*",
            f"{chrome} ({BROWSER_VARIABLE}={chrome})",
        ]
    )
