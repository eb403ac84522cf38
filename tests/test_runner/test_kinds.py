"""Every kind of block against its own sample (pmv.kinds.base.Sample): the kind's test.

A new kind needs no test file of its own: its sample is run here, in check mode and in update
mode, on the runner's lane, like any page.
"""

from __future__ import annotations

import pytest
from conftest import LANE
from pmv.kinds import KINDS


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_a_kind_writes_its_samples_output_and_then_holds_it(project, kind):
    sample = kind.sample
    assert sample is not None, (
        f"the {kind.name} kind has no sample: give it `sample = Sample(...)` (pmv.kinds.base),"
        " which is its test"
    )
    project.example("sample", sample.files)
    page = project.page("docs/sample.md", sample.page)
    before = project.pytest("docs")
    assert before.returncode == 1, f"the sample passes without its output:\n{before.stdout}"
    assert "docs/sample.md:" in before.stdout
    updated = project.pytest("docs", "--update-examples")
    assert updated.returncode == 0, updated.stdout
    assert sample.wants.replace("{minor}", LANE) in page.read_text(), page.read_text()
    after = project.pytest("docs")
    assert after.returncode == 0, after.stdout


def test_every_kind_has_its_own_name_and_claims_no_other_kinds_language():
    names = [kind.name for kind in KINDS]
    assert len(set(names)) == len(names), names
    claimed = [lang for kind in KINDS for lang in kind.languages]
    assert len(set(claimed)) == len(claimed), claimed
