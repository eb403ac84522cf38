"""Version tabs as pmv.run.tabs groups them, unit by unit: which versions share a tab, and
what its text is. The end-to-end tests (test_version_tabs.py) need two lanes; these need none.
"""

from __future__ import annotations

from pathlib import Path

from pmv.page import read_page
from pmv.run import tabs
from pmv.versions import SUPPORTED, version_key

PAGE = "```{.pycon}\n>>> import sys\n```\n"


def block(tmp_path: Path, text: str = PAGE):
    path = tmp_path / "docs" / "page.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    page = read_page(path, tmp_path)
    assert page.problems == [], page.problems
    return page.blocks[0]


def test_one_output_on_every_version_is_one_group(tmp_path):
    outputs = dict.fromkeys(SUPPORTED, ">>> 1\n1\n")
    assert tabs.groups(block(tmp_path), outputs) == [(list(SUPPORTED), ">>> 1\n1\n")]


def test_a_version_that_differs_splits_the_versions_where_it_stands(tmp_path):
    first, *rest = SUPPORTED
    outputs = {first: "old\n", **dict.fromkeys(rest, "new\n")}
    assert tabs.groups(block(tmp_path), outputs) == [([first], "old\n"), (rest, "new\n")]


def test_equal_outputs_apart_do_not_share_a_tab(tmp_path):
    a, b, c = SUPPORTED[:3]
    outputs = {a: "same\n", b: "other\n", c: "same\n"}
    assert tabs.groups(block(tmp_path), outputs) == [
        ([a], "same\n"),
        ([b], "other\n"),
        ([c], "same\n"),
    ]


def test_outputs_that_differ_in_the_versions_own_digit_share_a_tab_written_with_x(tmp_path):
    a, b = "3.11", "3.12"
    outputs = {a: "spam.cpython-311.pyc\n", b: "spam.cpython-312.pyc\n"}
    assert tabs.groups(block(tmp_path), outputs) == [([a, b], "spam.cpython-31X.pyc\n")]


def test_a_block_gated_to_some_versions_groups_only_those(tmp_path):
    gated = block(tmp_path, '```{.pycon python=">=3.14"}\n>>> 1\n```\n')
    outputs = dict.fromkeys(SUPPORTED, "x\n")
    assert tabs.groups(gated, outputs) == [
        ([v for v in SUPPORTED if version_key(v) >= version_key("3.14")], "x\n")
    ]
