"""Tables whose rows each interpreter prints for itself."""

from __future__ import annotations

from conftest import LANE

ROW_SCRIPT = """
import sys
major, minor = sys.version_info[:2]
print(f"| {major}.{minor} | {major * 100 + minor} |")
"""
DIRECTIVE = '<!-- table-rows: example="rows" command="python row.py" -->'
MAJOR, MINOR = (int(p) for p in LANE.split("."))
OURS = f"| {LANE} | {MAJOR * 100 + MINOR} |"


def test_update_writes_this_interpreters_row_in_version_order(project):
    project.example("rows", {"row.py": ROW_SCRIPT})
    page = project.page(
        "docs/page.md",
        f"{DIRECTIVE}\n| Python | number |\n|---|---|\n| 3.9 | 309 |\n| 3.99 | 399 |\n\nAfter.\n",
    )
    result = project.pytest("docs", "--update-examples")
    assert result.returncode == 0, result.stdout
    assert page.read_text().endswith(
        f"|---|---|\n| 3.9 | 309 |\n{OURS}\n| 3.99 | 399 |\n\nAfter.\n"
    )
    assert project.pytest("docs").returncode == 0


def test_a_wrong_row_fails_at_its_line_with_both_rows_and_the_refresh_command(project):
    project.example("rows", {"row.py": ROW_SCRIPT})
    project.page("docs/page.md", f"{DIRECTIVE}\n| Python | number |\n|---|---|\n| {LANE} | 1 |\n")
    result = project.pytest("docs")
    assert result.returncode == 1
    assert f"docs/page.md:4: the table block's output on Python {LANE}." in result.stdout
    assert f"-| {LANE} | 1 |\n+{OURS}" in result.stdout
    assert f"python3 noxfile.py -s update-{LANE} -- docs/page.md" in result.stdout


def test_a_command_that_prints_no_row_for_this_version_fails(project):
    project.page(
        "docs/page.md",
        """<!-- table-rows: command="echo '| 2.7 | 207 |'" -->\n| Python | n |\n|---|---|\n""",
    )
    result = project.pytest("docs", "--update-examples")
    assert result.returncode == 1
    assert f"must exit 0 and print one table row starting with '| {LANE} |'" in result.stdout


def test_a_directive_without_a_table_or_command_is_an_error(project):
    project.page("docs/page.md", "<!-- table-rows: example='x' -->\nNo table.\n")
    result = project.pytest("docs")
    assert "docs/page.md:1: table-rows needs command=" in result.stdout
    assert "docs/page.md:1: table-rows must be followed by a table" in result.stdout
