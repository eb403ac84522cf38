"""Version tabs that write themselves: a block is written once, the update run groups outputs."""

from __future__ import annotations

import pytest
from conftest import LANE, OTHER_LANE
from pmv.versions import label

VERSION_BLOCK = (
    '```{.pycon changes="each prints its own"}\n>>> import sys; sys.version_info[:2]\n```\n'
)
BOTH = (LANE, OTHER_LANE)


def _tuple(minor: str) -> str:
    return str(tuple(int(p) for p in minor.split(".")))


def test_a_block_whose_output_changes_by_version_becomes_version_tabs(project, two_lanes):
    page = project.page("docs/page.md", f"Text.\n\n{VERSION_BLOCK}\n<!-- verified-with -->\n")
    result = project.pytest("docs", "--update-examples", lanes=BOTH)
    assert result.returncode == 0, result.stdout
    text = page.read_text()
    for minor in BOTH:
        assert (
            f'=== "{minor}"\n\n    ```{{.pycon changes="each prints its own"}}\n'
            "    >>> import sys; sys.version_info[:2]\n"
            f"    {_tuple(minor)}\n    ```\n" in text
        )
    assert project.pytest("docs", lanes=BOTH).returncode == 0
    # One lane's update keeps the other's tab.
    assert project.pytest("docs", "--update-examples").returncode == 0
    assert page.read_text() == text


def test_a_block_with_the_same_output_everywhere_has_no_tabs(project, two_lanes):
    page = project.page("docs/page.md", "```{.pycon}\n>>> 6 * 7\n```\n\n<!-- verified-with -->\n")
    assert project.pytest("docs", "--update-examples", lanes=BOTH).returncode == 0
    assert page.read_text().startswith("```{.pycon}\n>>> 6 * 7\n42\n```\n")
    assert "===" not in page.read_text()


def test_outputs_that_differ_only_in_the_cache_tag_share_one_tab(project, two_lanes):
    statement = ">>> import sys; sys.implementation.cache_tag"
    page = project.page(
        "docs/page.md", f"```{{.pycon}}\n{statement}\n```\n\n<!-- verified-with -->\n"
    )
    assert project.pytest("docs", "--update-examples", lanes=BOTH).returncode == 0
    assert page.read_text().startswith(
        "```{.pycon}\n>>> import sys; sys.implementation.cache_tag\n'cpython-31X'\n```\n"
    )
    assert project.pytest("docs", lanes=BOTH).returncode == 0


def test_an_output_that_changes_in_one_version_splits_a_shared_tab(project, two_lanes):
    """The page says 42 for both; the run finds the second lane prints something else."""
    verified = f"<!-- verified-with -->\nVerified on CPython {LANE}.0 (x), {OTHER_LANE}.0 (x).\n"
    statement = f">>> import sys; 42 if sys.version_info[:2] == {_tuple(LANE)} else 43"
    page = project.page("docs/page.md", f"```{{.pycon}}\n{statement}\n42\n```\n\n{verified}")
    assert project.pytest("docs", "--update-examples", lanes=BOTH).returncode == 0
    text = page.read_text()
    assert f'=== "{LANE}"\n\n    ```{{.pycon}}\n    {statement}\n    42\n' in text
    assert f'=== "{OTHER_LANE}"\n\n    ```{{.pycon}}\n    {statement}\n    43\n' in text
    # Tabs need the author's word on what changed: the next run asks for it, at the first tab.
    result = project.pytest("docs", lanes=BOTH)
    assert result.returncode == 1
    assert "docs/page.md:3: this block's output differs by version (its tabs)" in result.stdout
    assert 'changes="' in result.stdout


@pytest.mark.parametrize("where", ["input", "options"])
def test_a_tab_edited_apart_from_the_first_is_a_page_error(project, where):
    other = "3.15" if LANE != "3.15" else "3.14"
    second = ">>> 2 + 2\n4" if where == "input" else ">>> 1 + 1\n2"
    info = "{.pycon}" if where == "input" else '{.pycon timeout="5"}'
    project.page(
        "docs/page.md",
        f'=== "{LANE}"\n\n    ```{{.pycon}}\n    >>> 1 + 1\n    2\n    ```\n\n'
        f'=== "{other}"\n\n    ```{info}\n    {second.replace(chr(10), chr(10) + "    ")}\n'
        "    ```\n",
    )
    result = project.pytest("docs")
    assert result.returncode == 1
    what = "input" if where == "input" else "fence options"
    assert f"docs/page.md:10: this version tab's {what} differ" in result.stdout
    assert "the first tab" in result.stdout and "(line 3)" in result.stdout


@pytest.mark.parametrize("where", ["input", "options"])
def test_an_update_rewrites_the_other_tabs_from_an_edited_first_tab(project, two_lanes, where):
    first = ">>> 2 + 2" if where == "input" else ">>> 1 + 1"
    info = "{.pycon}" if where == "input" else '{.pycon timeout="5"}'
    page = project.page(
        "docs/page.md",
        f'=== "{LANE}"\n\n    ```{info}\n    {first}\n    2\n    ```\n\n'
        f'=== "{OTHER_LANE}"\n\n    ```{{.pycon}}\n    >>> 1 + 1\n    2\n    ```\n\n'
        "<!-- verified-with -->\n",
    )
    result = project.pytest("docs", "--update-examples", lanes=BOTH)
    assert result.returncode == 0, result.stdout
    expected = "4" if where == "input" else "2"
    assert page.read_text().startswith(f"```{info}\n{first}\n{expected}\n```\n"), page.read_text()
    assert project.pytest("docs", lanes=BOTH).returncode == 0


def test_a_tab_claiming_a_version_that_did_not_verify_the_page_is_an_error(project):
    others = [v for v in ("3.14", "3.15") if v != LANE]
    project.page(
        "docs/page.md",
        f'=== "{label([others[0]])}"\n\n    ```{{.pycon}}\n    >>> 1\n    1\n    ```\n\n'
        f"<!-- verified-with -->\nVerified on CPython {LANE}.0 (pyenv).\n",
    )
    result = project.pytest("docs")
    assert result.returncode == 1
    assert f"docs/page.md:3: this version tab claims {others[0]}, which no interpreter ran" in (
        result.stdout
    )
    assert f"update-{others[0]} -- docs/page.md" in result.stdout


def test_a_label_naming_an_unsupported_version_is_an_error(project):
    project.page("docs/page.md", '=== "3.9"\n\n    ```{.pycon}\n    >>> 1\n    1\n    ```\n')
    result = project.pytest("docs")
    assert 'docs/page.md:1: the tab "3.9" names 3.9, which the site does not cover' in (
        result.stdout
    )


def test_an_update_drops_the_tabs_of_a_version_the_site_no_longer_covers(project):
    """Dropping a version is a change to SUPPORTED plus one update run."""
    page = project.page(
        "docs/page.md",
        '=== "3.9"\n\n    ```{.pycon}\n    >>> 6 * 7\n    41\n    ```\n\n'
        f'=== "{LANE}"\n\n    ```{{.pycon}}\n    >>> 6 * 7\n    42\n    ```\n',
    )
    result = project.pytest("docs", "--update-examples")
    assert result.returncode == 0, result.stdout
    assert page.read_text() == "```{.pycon}\n>>> 6 * 7\n42\n```\n"


def test_the_records_of_one_update_per_lane_merge_into_the_same_page(project, two_lanes, tmp_path):
    """CI's jobs each update one lane; merging their records writes what one run on both would."""
    from pmv.run.merge import merge_records
    from pmv.run.records import RunRecord

    original = f"Text.\n\n{VERSION_BLOCK}\n<!-- verified-with -->\n"
    page = project.page("docs/page.md", original)
    for minor in BOTH:
        page.write_text(original)
        record = tmp_path / f"{minor}.json"
        result = project.pytest(
            "docs", "--update-examples", f"--blocks-record={record}", lanes=(minor,)
        )
        assert result.returncode == 0, result.stdout
    page.write_text(original)
    records = [RunRecord.read(tmp_path / f"{minor}.json") for minor in BOTH]
    counts, problems = merge_records(records, project.root)
    assert problems == []
    merged = page.read_text()
    page.write_text(original)
    assert project.pytest("docs", "--update-examples", lanes=BOTH).returncode == 0
    assert merged == page.read_text()
    # One block rewritten; the verified-with line, the page's own, names both lanes.
    assert counts == {"docs/page.md": 1}
    assert all(f"CPython {minor}." in merged or f", {minor}." in merged for minor in BOTH)


def test_a_line_wider_than_a_phone_is_a_page_error_unless_the_block_says_why(project):
    command = "$ echo " + "x" * 80
    page = project.page("docs/page.md", f"```{{.console}}\n{command}\n```\n")
    assert project.pytest("docs", "--update-examples").returncode == 0
    result = project.pytest("docs")
    assert "docs/page.md:2: this line is 87 columns wide, more than the 80" in result.stdout
    page.write_text(page.read_text().replace("{.console}", '{.console wide="a long word"}'))
    assert project.pytest("docs").returncode == 0


def test_an_update_writes_the_verified_line_of_a_page_that_already_has_tabs(project):
    """The check that tabs claim only verified versions waits for the update to write both."""
    tab = f'=== "{LANE}"\n\n    ```{{.pycon}}\n    >>> 6 * 7\n    42\n    ```\n'
    page = project.page("docs/page.md", f"{tab}\n<!-- verified-with -->\n")
    assert project.pytest("docs").returncode == 1
    assert project.pytest("docs", "--update-examples").returncode == 0
    assert "Verified on CPython " in page.read_text()
    assert project.pytest("docs").returncode == 0


def test_the_verified_line_is_dated_when_an_update_changes_the_page(project, monkeypatch):
    page = project.page("docs/page.md", "```{.pycon}\n>>> 6 * 7\n```\n\n<!-- verified-with -->\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # 2025-12-02
    assert project.pytest("docs", "--update-examples").returncode == 0
    assert page.read_text().rstrip().endswith(" Last updated on 2025-12-02.")
    # An update that changes nothing keeps the date; one that changes an output moves it.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764720000")  # 2025-12-03
    assert project.pytest("docs", "--update-examples").returncode == 0
    assert page.read_text().rstrip().endswith(" Last updated on 2025-12-02.")
    page.write_text(page.read_text().replace(">>> 6 * 7\n42", ">>> 6 * 8"))
    assert project.pytest("docs", "--update-examples").returncode == 0
    assert ">>> 6 * 8\n48" in page.read_text()
    assert page.read_text().rstrip().endswith(" Last updated on 2025-12-03.")
    assert project.pytest("docs").returncode == 0


def test_a_one_lane_update_gives_its_tab_mates_its_new_output(project, two_lanes):
    """The contributor's loop: an edited input, an update on the one version they have. The
    versions that agreed with it take its new output (their own runs check it), rather than
    keeping outputs the new input never printed, in tabs with no change to note."""
    verified = f"<!-- verified-with -->\nVerified on CPython {LANE}.0 (x), {OTHER_LANE}.0 (x).\n"
    page = project.page("docs/page.md", f"```{{.pycon}}\n>>> 6 * 7\n41\n```\n\n{verified}")
    assert project.pytest("docs", "--update-examples").returncode == 0
    assert page.read_text().startswith("```{.pycon}\n>>> 6 * 7\n42\n```\n")
    assert project.pytest("docs").returncode == 0


def test_an_update_refuses_a_later_tab_edited_alone(project):
    """Three tabs, the middle one edited: the update would write the first's input over it."""
    tab = '=== "{}"\n\n    ```{{.pycon}}\n    >>> {}\n    2\n    ```\n\n'
    page = project.page(
        "docs/page.md",
        tab.format("3.10", "1 + 1") + tab.format("3.11", "3 - 1") + tab.format("3.12", "1 + 1"),
    )
    result = project.pytest("docs", "--update-examples")
    assert result.returncode == 1
    assert "docs/page.md:10: this version tab's input was edited apart from the first" in (
        result.stdout
    )
    assert ">>> 3 - 1" in page.read_text()


def test_a_stamp_naming_another_release_fails_with_the_line_a_diff_and_the_command(project):
    """The verified-with line is the page's: each lane checks that it names its exact release,
    even where every output agrees, and an update writes the run's release in."""
    stamp = (
        f"<!-- verified-with -->\nVerified on CPython {LANE}.0 (x). Last updated on 2025-12-02.\n"
    )
    page = project.page("docs/page.md", f"```{{.pycon}}\n>>> 6 * 7\n42\n```\n\n{stamp}")
    result = project.pytest("docs")
    assert result.returncode == 1
    assert f"docs/page.md:7: the page's verified-with line names {LANE}.0 of Python {LANE}" in (
        result.stdout
    )
    assert f"-Verified on CPython {LANE}.0 (x). Last updated on 2025-12-02." in result.stdout
    assert f"python3 noxfile.py -s update-{LANE} -- docs/page.md" in result.stdout
    assert project.pytest("docs", "--update-examples").returncode == 0
    assert f"Verified on CPython {LANE}.0 (x)" not in page.read_text()
    assert project.pytest("docs").returncode == 0
