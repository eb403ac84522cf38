"""A notebook cell that raises fails the build. pmv.website.notebook_check, run before the build,
names the cell by its line in the notebook's .py, with a traceback free of colour codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pmv.project import PROJECT
from pmv.website import notebook_check

ROOT = PROJECT.root
BROKEN = '# %%\nx = 1\n\n# %%\nraise ValueError("this cell fails")\n'
NOTEBOOKS = {
    "broken.py": BROKEN,
    # The raising statement is the second line of the notebook's second code cell, line 10.
    "deep.py": (
        "# %% [markdown]\n# A function, then a cell that calls it.\n\n"
        '# %%\ndef fail():\n    raise ValueError("deep")\n\n'
        '# %%\nprint("before")\nfail()\n'
    ),
    # Runs in its own directory, as mkdocs-jupyter runs it: it reads its neighbour.
    "fine.py": (
        '# %%\nfrom pathlib import Path\n\n# %%\nassert Path("data.txt").read_text() == "x"\n'
    ),
    "data.txt": "x",
}


def jupyter_options() -> dict:
    # MkDocs' own loader: mkdocs.yml has its tags (!ENV), read as the build reads them.
    from mkdocs.utils.yaml import get_yaml_loader

    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=get_yaml_loader())
    plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "mkdocs-jupyter" in p)
    return plugin["mkdocs-jupyter"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("project")
    notebooks = root / "examples" / "notebooks"
    notebooks.mkdir(parents=True)
    for name, text in NOTEBOOKS.items():
        (notebooks / name).write_text(text)
    return root


@pytest.fixture(scope="module")
def checked(project: Path) -> subprocess.CompletedProcess:
    """notebook_check.py over the three notebooks, run as the site build runs it."""
    names = ["fine.py", "broken.py", "deep.py"]
    return subprocess.run(
        [sys.executable, "-m", "pmv.website.notebook_check"]
        + [f"examples/notebooks/{name}" for name in names],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT / "tests")},
        capture_output=True,
        text=True,
        timeout=180,
    )


def report(checked: subprocess.CompletedProcess, first_line: str, *lines: str | re.Pattern):
    """Check that stderr has `first_line`, then each of `lines` in this order, all before the
    next notebook's report.

    Other lines may come between: the kernels share this stderr, and log to it (`[IPKernelApp]
    WARNING | ...`, or libzmq's assertion at a kernel's exit), whenever they like.
    """
    found = checked.stderr.splitlines()
    assert first_line in found, f"no line {first_line!r} in:\n{checked.stderr}"
    start = found.index(first_line)
    end = next((i for i in range(start + 1, len(found)) if found[i].startswith("examples/")), None)
    own = found[start + 1 : end]
    at = 0
    for line in lines:
        matches = (
            i
            for i in range(at, len(own))
            if (line.search(own[i]) if isinstance(line, re.Pattern) else own[i] == line)
        )
        at = next(matches, -1) + 1
        assert at, f"no line {line!r} in order in the report:\n" + "\n".join([first_line, *own])


def test_a_raising_cell_is_named_by_its_line_in_the_py(checked):
    assert checked.returncode == 1
    report(
        checked,
        "examples/notebooks/broken.py:5: cell 2 raised ValueError: this cell fails",
        # The cell's source, numbered as in the .py, then the traceback.
        '5 | raise ValueError("this cell fails")',
        re.compile(r"^ValueError +Traceback \(most recent call last\)$"),
        '----> 1 raise ValueError("this cell fails")',
        "ValueError: this cell fails",
    )


def test_the_line_is_the_statement_that_raised_in_a_later_cell(checked):
    report(
        checked,
        "examples/notebooks/deep.py:10: cell 2 raised ValueError: deep",
        ' 9 | print("before")',
        "10 | fail()",
        "Its output before it raised:",
        "before",
        re.compile(r"^Cell In\[2\], line 2$"),
        re.compile(r"^Cell In\[1\], line 2, in fail\(\)$"),
        "ValueError: deep",
    )


def test_the_report_has_no_colour_codes(checked):
    assert "\x1b[" not in checked.stderr + checked.stdout


def test_a_notebook_that_runs_runs_in_its_own_directory(checked):
    assert "examples/notebooks/fine.py: 2 code cells ran" in checked.stdout.splitlines()
    assert "examples/notebooks/fine.py:" not in checked.stderr


def test_the_check_leaves_no_file_behind(checked, project: Path):
    left = sorted(p.name for p in (project / "examples" / "notebooks").iterdir())
    assert left == sorted(NOTEBOOKS)


def test_the_check_runs_the_notebooks_as_mkdocs_jupyter_is_configured_to():
    options = jupyter_options()
    assert options["execute"] is True
    assert options["allow_errors"] is notebook_check.ALLOW_ERRORS is False
    assert options["kernel_name"] == notebook_check.KERNEL_NAME
    assert options["notebook_dirs"] == {"notebooks": "examples/notebooks"}


def test_a_raising_cell_fails_the_strict_build_naming_the_notebook(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "broken.py").write_text(BROKEN)
    options = {**jupyter_options(), "notebook_dirs": {"notebooks": "notebooks"}}
    options["custom_template"] = str(ROOT / options["custom_template"])
    config = {"site_name": "fixture", "plugins": [{"mkdocs-jupyter": options}]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert build.returncode != 0
    assert "Error reading page 'notebooks/broken.py'" in build.stderr
    assert 'raise ValueError("this cell fails")' in build.stderr
