"""GitHub's expressions as the replay evaluates them (pmv.replay.expressions)."""

from __future__ import annotations

import pytest
from pmv.replay.expressions import Evaluator, ExpressionError, condition, substitute

CONTEXTS = {
    "matrix": {"python": "3.12", "release": "3.12.1"},
    "needs": {"versions": {"outputs": {"matrix": '{"include": [{"python": "3.12"}]}'}}},
    "steps": {"tests": {"outcome": "failure"}, "patch": {"outputs": {"changed": "true"}}},
    "github": {"event_name": "push", "ref": "refs/heads/main"},
}


def evaluator(failed: bool = False) -> Evaluator:
    def status(name: str) -> bool:
        return {"success": not failed, "failure": failed, "always": True, "cancelled": False}[name]

    return Evaluator(CONTEXTS, status)


def test_a_string_with_expressions_is_filled_in():
    assert substitute("examples on ${{ matrix.release }}", evaluator()) == "examples on 3.12.1"


def test_a_whole_expression_keeps_its_type():
    matrix = substitute("${{ fromJSON(needs.versions.outputs.matrix) }}", evaluator())
    assert matrix == {"include": [{"python": "3.12"}]}


def test_a_path_that_names_nothing_is_null():
    assert substitute("${{ steps.nope.outputs.x }}", evaluator()) is None
    assert substitute("[${{ steps.nope.outputs.x }}]", evaluator()) == "[]"


@pytest.mark.parametrize(
    ("text", "failed", "expected"),
    [
        ("matrix.python == '3.12'", False, True),
        ("matrix.python == '3.12'", True, False),  # success() is implied
        ("failure() && steps.tests.outcome == 'failure'", True, True),
        ("failure() && steps.tests.outcome == 'failure'", False, False),
        ("always() && needs.versions.result == 'failure'", False, False),
        ("github.event_name == 'push' && github.ref == 'refs/heads/main'", False, True),
        ("${{ github.event_name == 'pull_request' }}", False, False),
        ("steps.patch.outputs.changed == 'TRUE'", False, True),  # strings: any case
        ("!cancelled()", True, True),
        (None, True, False),
    ],
)
def test_if_conditions(text, failed, expected):
    assert condition(text, evaluator(failed)) is expected


def test_an_expression_the_replay_cannot_read_is_an_error():
    with pytest.raises(ExpressionError):
        substitute("${{ hashFiles('x') }}", evaluator())
    with pytest.raises(ExpressionError):
        substitute("${{ matrix.python == }}", evaluator())
