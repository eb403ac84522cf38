"""The locks are up to date and hash every package (pmv.locks), and each kind of stale lock is
named by its file and line with the command that refreshes it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pmv.locks import (
    EXPORT_FIX,
    NPM_FIX,
    NPM_FOLDERS,
    ROOT,
    UV_LOCK_FIX,
    _line_of,
    bootstrap_export_problems,
    npm_lock_problems,
    unhashed_python_packages,
    uv_lock_problems,
)


def test_uv_lock_is_up_to_date_with_pyproject():
    problems = uv_lock_problems()
    assert not problems, "\n".join(problems)


def test_every_python_package_in_uv_lock_has_its_hashes():
    problems = unhashed_python_packages()
    assert not problems, "\n".join(problems)


def test_the_bootstrap_requirements_are_uv_lock_s_nox_group():
    problems = bootstrap_export_problems()
    assert not problems, "\n".join(problems)


def test_package_lock_is_up_to_date_and_hashes_every_package():
    problems = npm_lock_problems()
    assert not problems, "\n".join(problems)


def test_the_lighthouse_lock_is_up_to_date_and_hashes_every_package():
    problems = npm_lock_problems(NPM_FOLDERS[0])
    assert not problems, "\n".join(problems)


def test_the_pyodide_lock_is_up_to_date_and_hashes_every_package():
    problems = npm_lock_problems(NPM_FOLDERS[1])
    assert not problems, "\n".join(problems)


def _copy(tmp_path: Path) -> Path:
    """The files the locks are checked against, in a folder a test may change them in."""
    for name in ("pyproject.toml", "uv.lock", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, tmp_path / name)
    return tmp_path


def test_a_changed_pin_is_named_by_its_line_with_the_command_that_relocks(tmp_path):
    copy = _copy(tmp_path)
    text = (copy / "pyproject.toml").read_text()
    (copy / "pyproject.toml").write_text(text.replace('"pyyaml==6.0.4"', '"pyyaml==6.0.3"'))
    line = _line_of(text, '"pyyaml==6.0.4"')
    assert uv_lock_problems(copy, ask_uv=False) == [
        f"pyproject.toml:{line}: pyyaml==6.0.3 (tests), uv.lock has pyyaml==6.0.4; {UV_LOCK_FIX}"
    ]


def test_a_group_s_python_changed_without_relocking_is_named(tmp_path):
    copy = _copy(tmp_path)
    text = (copy / "pyproject.toml").read_text()
    old = 'docs = { requires-python = ">=3.12" }'
    (copy / "pyproject.toml").write_text(text.replace(old, old.replace("3.12", "3.13")))
    [problem] = uv_lock_problems(copy, ask_uv=False)
    assert problem.startswith(f"pyproject.toml:{_line_of(text, old)}: group docs needs Python")


def test_a_package_from_outside_pypi_or_without_hashes_is_named(tmp_path):
    copy = _copy(tmp_path)
    text = (copy / "uv.lock").read_text()
    text += '\n[[package]]\nname = "spam"\nversion = "1.0"\nsource = { git = "https://x/spam" }\n'
    (copy / "uv.lock").write_text(text)
    [problem] = unhashed_python_packages(copy)
    line = _line_of(text, 'name = "spam"')
    assert problem.startswith(f"uv.lock:{line}: spam 1.0 is not a PyPI package")
    assert problem.endswith(UV_LOCK_FIX)


def test_a_hand_edited_bootstrap_requirement_is_caught(tmp_path):
    copy = _copy(tmp_path)
    shutil.copy2(ROOT / "bootstrap-requirements.txt", copy / "bootstrap-requirements.txt")
    path = copy / "bootstrap-requirements.txt"
    path.write_text(path.read_text().replace("nox==", "nox>=", 1))
    [problem] = bootstrap_export_problems(copy)
    assert problem.startswith(f"bootstrap-requirements.txt: not uv.lock's nox group; {EXPORT_FIX}")


def test_an_npm_package_without_its_integrity_hash_is_named(tmp_path):
    copy = _copy(tmp_path)
    lock = json.loads((copy / "package-lock.json").read_text())
    del lock["packages"]["node_modules/axe-core"]["integrity"]
    text = json.dumps(lock, indent=2)
    (copy / "package-lock.json").write_text(text)
    [problem] = npm_lock_problems(copy)
    line = _line_of(text, '"node_modules/axe-core": {')
    assert line > 1 and problem.startswith(f"package-lock.json:{line}: node_modules/axe-core ")
    assert problem.endswith(NPM_FIX)


def test_a_package_json_pin_the_lock_lacks_is_named(tmp_path):
    copy = _copy(tmp_path)
    manifest = json.loads((copy / "package.json").read_text())
    manifest["devDependencies"]["axe-core"] = "4.14.2"
    (copy / "package.json").write_text(json.dumps(manifest))
    problems = npm_lock_problems(copy)
    assert problems and all(p.endswith(NPM_FIX) for p in problems)
    assert any("package.json pins 4.14.2" in p for p in problems)
