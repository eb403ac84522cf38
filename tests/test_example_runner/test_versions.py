"""Version conditions, and what the records of several interpreters add up to."""

from __future__ import annotations

import json
import sys

from example_runner.records import summarise_records

MINOR = f"{sys.version_info.major}.{sys.version_info.minor}"
OTHER = "3.10" if MINOR != "3.10" else "3.11"


def test_a_version_gated_block_runs_only_on_matching_interpreters(project, tmp_path):
    page = project.page(
        "docs/page.md",
        f"""
        ```{{.pycon python="{MINOR}"}}
        >>> import sys; sys.version_info[:2]
        ```

        ```{{.pycon python="{OTHER}"}}
        >>> import sys; sys.version_info[:2]
        ```

        ```{{.pycon python=">={MINOR}"}}
        >>> 1 + 1
        ```
        """,
    )
    record = tmp_path / "record.json"
    result = project.pytest("docs", "--update-examples", f"--blocks-record={record}", "-rs")
    assert result.returncode == 0, result.stdout
    assert f'python="{OTHER}": not run on Python {MINOR}' in result.stdout
    text = page.read_text()
    ours = f"{tuple(sys.version_info[:2])}\n```\n"
    theirs = f'```{{.pycon python="{OTHER}"}}\n>>> import sys; sys.version_info[:2]\n```'
    assert ours + "\n" + theirs in text
    outcomes = {b["line"]: b["outcome"] for b in json.loads(record.read_text())["blocks"]}
    assert outcomes == {1: "updated", 5: "not-applicable", 9: "updated"}


def _record(tmp_path, python, blocks, update=False):
    path = tmp_path / f"{python}.json"
    path.write_text(
        json.dumps({"python": python, "version": python + ".0", "update": update, "blocks": blocks})
    )
    return path


def _block(line, outcome, kind="pycon", condition=None):
    return {
        "id": f"docs/p.md#{line}",
        "path": "docs/p.md",
        "line": line,
        "kind": kind,
        "condition": condition,
        "outcome": outcome,
    }


def test_records_fail_a_block_that_ran_on_no_interpreter(tmp_path):
    files = [
        _record(
            tmp_path, "3.10", [_block(1, "passed"), _block(5, "not-applicable", condition="3.14")]
        ),
        _record(
            tmp_path, "3.11", [_block(1, "passed"), _block(5, "not-applicable", condition="3.14")]
        ),
    ]
    report, problems = summarise_records(files, tmp_path)
    assert "  pycon        1      1      2\n" in report
    assert problems == [
        'docs/p.md:5 (pycon, python="3.14") ran on no interpreter: this run had 3.10, 3.11. '
        "A block must be run by the suite somewhere; gate it to a version that is available, "
        "or cite the source for that version in prose instead."
    ]


def test_records_catch_an_unconditioned_block_whose_output_differs_by_version(tmp_path):
    files = [
        _record(tmp_path, "3.10", [_block(1, "updated")], update=True),
        _record(tmp_path, "3.12", [_block(1, "passed")], update=True),
        _record(tmp_path, "3.13", [_block(1, "updated")], update=True),
    ]
    _, problems = summarise_records(files, tmp_path)
    assert len(problems) == 1
    assert "its output on 3.13 differs from its output on 3.10" in problems[0]


def test_records_without_any_session_are_a_failure(tmp_path):
    assert summarise_records([], tmp_path)[1] == ["no interpreter ran the examples"]
