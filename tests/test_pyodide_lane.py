"""The Pyodide check: the sessions that get a Run button are the ones that print, in Pyodide, the
output their page verified on 3.14 (pmv.browser.pyodide_check), and runnable.json says so."""

from __future__ import annotations

import json
import os

import pytest
from pmv.browser import candidates
from pmv.browser import pyodide_check as lane
from pmv.project import PROJECT

ROOT = PROJECT.root


@pytest.fixture(scope="module")
def replayed():
    sessions = candidates.candidates(ROOT)
    try:
        return sessions, lane.replay(sessions)
    except lane.LaneUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(str(exc))
        pytest.skip(str(exc))


def test_runnable_json_is_what_the_lane_finds(replayed):
    sessions, result = replayed
    path = ROOT / candidates.MANIFEST
    written = path.read_text(encoding="utf-8") if path.is_file() else None
    found = lane.problems(sessions, result, written)
    assert not found, "\n".join(found)


def test_the_lane_replays_with_the_pinned_release(replayed):
    _, result = replayed
    lock = json.loads((ROOT / "tests" / "pyodide" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/pyodide"]["version"] == lane.pyodide_version()
    assert result["python"] == "3.14.2"


def test_most_candidates_run_the_same(replayed):
    """A change that broke the engine would leave every block without a button, and the lane
    would record that as 'differs' everywhere: this says so instead."""
    sessions, result = replayed
    runs = [s for s, o in zip(sessions, result["results"], strict=True) if lane.judge(s, o) is None]
    assert len(runs) >= len(sessions) // 2, f"only {len(runs)} of {len(sessions)} run the same"


def _session(expected: str, body: str | None = None) -> candidates.Candidate:
    return candidates.Candidate("docs/x.md", 7, None, False, body or expected, expected)


def test_an_output_that_differs_is_named_with_its_line():
    session = _session(">>> 2**64 > sys.maxsize\nTrue\n>>> 1\n1\n")
    why = lane.judge(session, {"text": ">>> 2**64 > sys.maxsize\nFalse\n>>> 1\n1\n"})
    assert why == "differs at line 2: verified 'True', Pyodide 'False'"
    assert lane.judge(session, {"text": session.expected}) is None


def test_the_version_s_own_cache_tag_counts_as_the_shared_one():
    session = _session(">>> f()\n'spam.cpython-31X.pyc'\n")
    assert lane.judge(session, {"text": ">>> f()\n'spam.cpython-314.pyc'\n"}) is None
    assert lane.judge(session, {"text": ">>> f()\n'spam.cpython-313.pyc'\n"}) is not None


def test_a_stale_manifest_names_the_session_and_the_command():
    session = _session(">>> 1\n1\n")
    result = {"python": "3.14.2", "results": [{"text": ">>> 1\n2\n"}]}
    before = lane.dumps(lane.manifest([session], {**result, "results": [{"text": ">>> 1\n1\n"}]}))
    found = lane.problems([session], result, before)
    assert found[0].startswith("docs/x.md:7: the session `1` no longer runs the same")
    assert found[-1].endswith(f"refresh it with: {lane.REFRESH}")
    assert lane.problems([session], result, lane.dumps(lane.manifest([session], result))) == []


def test_a_session_that_depends_on_the_run_before_gets_no_button():
    session = _session(">>> 1\n1\n")
    why = lane.judge(session, {"text": ">>> 1\n1\n", "again": ">>> 1\n2\n"})
    assert why == "not the same when replayed after the other sessions in reverse order"


def test_two_identical_sessions_of_a_page_are_both_kept():
    sessions = [_session(">>> 1\n1\n"), _session(">>> 1\n1\n")]
    result = {"python": "3.14.2", "results": [{"text": ">>> 1\n1\n"}] * 2}
    assert lane.problems(sessions, result, lane.dumps(lane.manifest(sessions, result))) == []
    one = lane.dumps(lane.manifest(sessions[:1], {**result, "results": result["results"][:1]}))
    assert "is new or changed" in lane.problems(sessions, result, one)[0]
