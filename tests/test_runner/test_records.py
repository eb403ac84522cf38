"""What the records of one or several runs add up to: every block ran where it was asked to."""

from __future__ import annotations

import re

from pmv.run.records import BlockRecord, RunRecord, summarise


def _run(requested, lanes, blocks, deselected=()):
    labels = {lane: f"{lane}.0, pyenv" for lane in lanes}
    return RunRecord(list(requested), labels, False, blocks, list(deselected))


def _block(line, outcomes, kind="pycon", condition=None, rows=None):
    return BlockRecord(
        f"docs/p.md#{kind}{line}", "docs/p.md", line, kind, condition, rows, outcomes
    )


def test_a_block_gated_to_a_version_the_run_did_not_ask_for_is_not_missing():
    """One page on one interpreter: blocks of other versions are none of this run's business."""
    run = _run(["3.12"], ["3.12"], [_block(1, {"3.12": "passed"}), _block(5, {}, condition="3.11")])
    report, problems = summarise([run])
    assert problems == []
    assert "3.12: 3.12.0, pyenv" in report


def test_a_block_that_ran_on_no_interpreter_the_run_asked_for_fails():
    run = _run(["3.10", "3.14"], ["3.10"], [_block(5, {}, condition="3.14")])
    _, problems = summarise([run])
    assert problems == [
        'docs/p.md:5 (pycon, python="3.14") ran on no interpreter: it holds on 3.14; this run '
        "asked for 3.10, 3.14 and had 3.10. Run it where one of its versions is available (a "
        "lane from the Debian chroot, or CI), or cite the source for that version in prose."
    ]


def test_the_records_of_several_jobs_are_judged_together():
    """CI runs one lane per job: a block gated to 3.11 ran in the 3.11 job."""
    gated = {"condition": "3.11"}
    jobs = [
        _run(["3.10"], ["3.10"], [_block(1, {"3.10": "passed"}), _block(5, {}, **gated)]),
        _run(
            ["3.11"],
            ["3.11"],
            [_block(1, {"3.11": "passed"}), _block(5, {"3.11": "passed"}, **gated)],
        ),
    ]
    report, problems = summarise(jobs)
    assert problems == []
    assert re.search(r"\n  pycon +1 +2 +3\n", report), report


def test_a_deselected_block_is_not_reported_missing():
    run = _run(["3.12"], ["3.12"], [_block(1, {})], deselected=["docs/p.md#pycon1"])
    assert summarise([run])[1] == []


def test_a_row_for_a_version_no_interpreter_checked_fails():
    table = _block(3, {"3.12": "passed"}, kind="table", rows=["3.12", "3.9"])
    _, problems = summarise([_run(["3.12"], ["3.12"], [table])])
    assert problems == [
        "docs/p.md:3 (table) has rows for 3.9, which no interpreter of this run checked: "
        "a row may only state what the suite ran."
    ]


def test_a_record_survives_being_written_and_read(tmp_path):
    run = _run(["3.12"], ["3.12"], [_block(1, {"3.12": "updated"}, rows=None)])
    run.write(tmp_path / "r.json")
    assert RunRecord.read(tmp_path / "r.json") == run


def test_no_records_at_all_are_a_failure():
    assert summarise([])[1] == ["no interpreter ran the examples"]
