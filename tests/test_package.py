"""The project's code is one package, pmv, that imports the ordinary way.

- Every module imports on its own, first, in a fresh interpreter: no circle of imports that
  only an earlier import breaks.
- No module or subpackage takes a standard library module's name: MkDocs puts a hook's folder
  first on sys.path while it loads it, and a `copy.py` there would shadow `copy`.
- Nothing reaches into the package by a file path or edits sys.path: pyproject's pythonpath
  (pytest) and the noxfile's PYTHONPATH are its one place on sys.path.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys

import pytest
from pmv.project import PROJECT

PACKAGE = PROJECT.root / "tests" / "pmv"
MODULES = sorted(
    ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    for path in PACKAGE.rglob("*.py")
)
# What a module needs of its own environment's packages: the site build's (mkdocs), the
# noxfile's (nox), a python block's process (pytest-examples). Each is imported there.
THIRD_PARTY = {
    "mkdocs": "the site build",
    "jupytext": "the site build",
    "nox": "the noxfile",
    "pytest_examples": "a python block",
}
# A sys.path edit or an import by file path that names the project's own folders. (A session
# in the browser puts "" on its own sys.path, as `python -c` does: that is the reader's.)
REACHING = re.compile(
    r"sys\.path\.(?:insert|append)\([^)]*(?:ROOT|PROJECT|__file__|tests|Path)"
    r"|spec_from_file_location\("
)


@pytest.mark.parametrize("module", MODULES)
def test_every_module_imports_on_its_own(module):
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(PACKAGE.parent)},
        timeout=60,
    )
    missing = re.search(r"ModuleNotFoundError: No module named '(\w+)", done.stderr)
    absent = missing and missing[1] in THIRD_PARTY and not importlib.util.find_spec(missing[1])
    if done.returncode and absent:
        pytest.skip(f"{module} needs {missing[1]}, which {THIRD_PARTY[missing[1]]} has")
    assert done.returncode == 0, f"import {module} fails on its own:\n{done.stderr}"


def test_no_module_takes_a_standard_library_name():
    taken = [
        module
        for module in MODULES
        for part in module.split(".")
        if part in sys.stdlib_module_names
    ]
    assert taken == [], (
        f"these shadow the standard library where their folder is on sys.path: {taken}"
    )


def test_nothing_imports_the_project_by_path_or_edits_sys_path():
    sources = [*PACKAGE.rglob("*.py"), *(PROJECT.root / "tests").glob("test*.py")]
    sources += [*(PROJECT.root / "tests").glob("test_*/*.py"), PROJECT.root / "noxfile.py"]
    found = []
    for path in sources:
        if path == PROJECT.root / "tests" / "test_package.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if REACHING.search(line.split("#", 1)[0]):
                found.append(f"{PROJECT.shown(path)}:{number}: {line.strip()}")
    assert found == [], "\n".join(found)
