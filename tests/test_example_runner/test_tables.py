"""Tables whose rows each interpreter prints for itself."""

from __future__ import annotations

import json
import sys

from example_runner.records import summarise_records

MINOR = f"{sys.version_info.major}.{sys.version_info.minor}"
ROW_SCRIPT = """
import sys
major, minor = sys.version_info[:2]
print(f"| {major}.{minor} | {major * 100 + minor} |")
"""
DIRECTIVE = '<!-- table-rows: example="rows" command="python row.py" -->'
OURS = f"| {MINOR} | {sys.version_info[0] * 100 + sys.version_info[1]} |"


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


def test_a_wrong_row_fails_with_both_rows_and_the_refresh_command(project):
    project.example("rows", {"row.py": ROW_SCRIPT})
    project.page("docs/page.md", f"{DIRECTIVE}\n| Python | number |\n|---|---|\n| {MINOR} | 1 |\n")
    result = project.pytest("docs")
    assert result.returncode == 1
    assert f"docs/page.md:1: the table's row for Python {MINOR} is not what" in result.stdout
    assert f"- | {MINOR} | 1 |\n+ {OURS}" in result.stdout
    assert "noxfile.py -s update-" in result.stdout


def test_a_command_that_prints_no_row_for_this_version_fails(project):
    project.page(
        "docs/page.md",
        """<!-- table-rows: command="echo '| 2.7 | 207 |'" -->\n| Python | n |\n|---|---|\n""",
    )
    result = project.pytest("docs", "--update-examples")
    assert result.returncode == 1
    assert f"must exit 0 and print one table row starting with '| {MINOR} |'" in result.stdout


def test_a_directive_without_a_table_or_command_is_an_error(project):
    project.page("docs/page.md", "<!-- table-rows: example='x' -->\nNo table.\n")
    result = project.pytest("docs")
    assert "docs/page.md:1: table-rows needs command=" in result.stdout
    assert "docs/page.md:1: table-rows must be followed by a table" in result.stdout


def test_records_fail_a_row_that_no_interpreter_checked(tmp_path):
    block = {
        "id": "docs/p.md#table0",
        "path": "docs/p.md",
        "line": 3,
        "kind": "table",
        "condition": None,
        "rows": ["3.12", "3.14"],
        "outcome": "passed",
    }
    record = tmp_path / "3.12.json"
    record.write_text(
        json.dumps({"python": "3.12", "version": "3.12.1", "update": False, "blocks": [block]})
    )
    _, problems = summarise_records([record], tmp_path)
    assert problems == [
        "docs/p.md:3 (table) has rows for 3.14, which no interpreter of this run checked: "
        "a row may only state what the suite ran."
    ]
