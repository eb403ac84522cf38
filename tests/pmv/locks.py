"""The locks are up to date and hash every package: uv.lock with pyproject.toml,
bootstrap-requirements.txt with uv.lock, package-lock.json with package.json.

tests/test_locks.py runs these checks in the runner's tests (`python3 noxfile.py -s tests`);
the lint session runs `python -m pmv.locks`, which prints each problem and exits 1.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from pmv.project import PROJECT
from pmv.toml import loads

ROOT = PROJECT.root
UV = ".nox/_bootstrap/bin/uv"
UV_LOCK_FIX = f"run `{UV} lock` and commit uv.lock"
EXPORT = ["export", "--frozen", "--only-group", "nox", "--no-emit-project"]
EXPORT += ["--format", "requirements-txt"]
EXPORT_FIX = (
    f"run `{UV} {' '.join(EXPORT)} -o bootstrap-requirements.txt` and commit the file "
    "(after `uv lock`, if uv.lock is stale too)"
)
NPM_FIX = "run `npm install --package-lock-only --ignore-scripts` and commit package-lock.json"


def _run_uv(root: Path, *args: str) -> subprocess.CompletedProcess:
    # Not a session's venv: uv would take UV_PROJECT_ENVIRONMENT or VIRTUAL_ENV as the project's.
    skip = {"UV_PROJECT_ENVIRONMENT", "VIRTUAL_ENV"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(UV_PYTHON_DOWNLOADS="never", NO_COLOR="1")
    # uv looks for an interpreter only to read markers with: this one will do.
    command = [PROJECT.uv(), *args, "--python", sys.executable, "--project", str(root)]
    return subprocess.run(command, capture_output=True, text=True, cwd=root, env=env, timeout=120)


def _line_of(text: str, needle: str, after: int = 0) -> int:
    """The 1-based line of the first `needle` at or after character `after` (else the first)."""
    at = text.find(needle, after)
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _requirement(pin: str) -> tuple[str, str]:
    """A requirement's normalised name and its specifier, spaces and marker dropped."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*([^;]*)", pin)
    name, specifier = (match.group(1), match.group(2)) if match else (pin, "")
    return re.sub(r"[-_.]+", "-", name).lower(), specifier.replace(" ", "")


def uv_lock_problems(root: Path = ROOT, *, ask_uv: bool = True) -> list[str]:
    """Where pyproject.toml's groups and uv.lock disagree, each as FILE:LINE: what, and the fix.

    The pins are compared here, so that each stale one is named by its line; then uv itself
    checks the whole lock (`uv lock --check`), which needs no network while the lock is good.
    """
    pyproject_text = (root / "pyproject.toml").read_text()
    pyproject = loads(pyproject_text)
    if not (root / "uv.lock").is_file():
        return [f"uv.lock: missing; {UV_LOCK_FIX}"]
    lock = loads((root / "uv.lock").read_text())
    project = pyproject["project"]["name"]
    own = next((p for p in lock.get("package", []) if p["name"] == project), None)
    if own is None:
        return [f"uv.lock: does not lock the project {project!r}; {UV_LOCK_FIX}"]
    locked = own.get("metadata", {}).get("requires-dev", {})
    problems = []
    groups = pyproject.get("dependency-groups", {})
    for group, pins in groups.items():
        header = pyproject_text.find(f"\n{group} = [")
        # A package may be pinned twice, each under its own marker (one per Python range).
        in_lock: dict[str, set[str]] = {}
        for entry in locked.get(group, []):
            in_lock.setdefault(entry["name"], set()).add(entry.get("specifier", ""))
        if group not in locked:
            line = _line_of(pyproject_text, f"\n{group} = [") + 1
            problems.append(f"pyproject.toml:{line}: group {group} is not in uv.lock")
            continue
        for pin in pins:
            if not isinstance(pin, str):
                continue  # an include-group: its own pins are checked under its own name
            name, specifier = _requirement(pin)
            if specifier not in in_lock.get(name, set()):
                line = _line_of(pyproject_text, f'"{pin}"', max(header, 0))
                found = sorted(in_lock.get(name, ()))
                had = " and ".join(f"{name}{s}" for s in found) if found else f"no {name}"
                problems.append(f"pyproject.toml:{line}: {pin} ({group}), uv.lock has {had}")
    for group in sorted(set(locked) - set(groups)):
        problems.append(f"uv.lock: locks group {group}, which pyproject.toml no longer has")
    settings = pyproject.get("tool", {}).get("uv", {}).get("dependency-groups", {})
    needs = own.get("group-requires-python", {})
    for group, setting in settings.items():
        wanted = setting.get("requires-python")
        if wanted and needs.get(group) != wanted:
            line = _line_of(pyproject_text, f"\n{group} = {{ requires-python") + 1
            locked_for = needs.get(group, "the project's Python")
            problems.append(
                f"pyproject.toml:{line}: group {group} needs Python {wanted}, "
                f"uv.lock has it for {locked_for}"
            )
    if problems:
        return [f"{p}; {UV_LOCK_FIX}" for p in problems]
    if ask_uv:
        checked = _run_uv(root, "lock", "--check")
        if checked.returncode != 0:
            said = (checked.stderr.strip().splitlines() or ["(uv said nothing)"])[-1]
            problems.append(f"uv.lock: `uv lock --check` failed: {said}; {UV_LOCK_FIX}")
    return problems


def unhashed_python_packages(root: Path = ROOT) -> list[str]:
    """Every package of uv.lock but the project itself comes from PyPI with its files' hashes."""
    if not (root / "uv.lock").is_file():
        return [f"uv.lock: missing; {UV_LOCK_FIX}"]
    text = (root / "uv.lock").read_text()
    problems = []
    for package in loads(text).get("package", []):
        source = package.get("source", {})
        if source.get("virtual") == ".":
            continue
        files = [package.get("sdist", {}), *package.get("wheels", [])]
        hashed = [f for f in files if f.get("hash", "").startswith("sha256:")]
        if "registry" not in source or not hashed or len(hashed) != len([f for f in files if f]):
            line = _line_of(text, f'name = "{package["name"]}"\nversion = "{package["version"]}"')
            problems.append(
                f"uv.lock:{line}: {package['name']} {package['version']} is not a PyPI "
                f"package with a sha256 for each of its files ({source}); pin it in "
                f"pyproject.toml to a release on PyPI, then {UV_LOCK_FIX}"
            )
    return problems


def bootstrap_export_problems(root: Path = ROOT) -> list[str]:
    """bootstrap-requirements.txt is uv.lock's nox group, exported (the header aside)."""
    path = root / "bootstrap-requirements.txt"
    exported = _run_uv(root, "-q", *EXPORT)
    if exported.returncode != 0:
        said = (exported.stderr.strip().splitlines() or ["(uv said nothing)"])[-1]
        return [f"uv.lock: exporting the nox group failed: {said}; {UV_LOCK_FIX}"]

    def body(text: str) -> list[str]:
        lines = text.splitlines()
        while lines and lines[0].startswith("#"):
            lines.pop(0)
        return lines

    written = body(path.read_text()) if path.is_file() else []
    wanted = body(exported.stdout)
    if written == wanted:
        return []
    diff = difflib.unified_diff(written, wanted, path.name, "uv export", lineterm="", n=0)
    shown = "\n".join(list(diff)[:30])
    return [f"{path.name}: not uv.lock's nox group; {EXPORT_FIX}\n{shown}"]


def npm_lock_problems(root: Path = ROOT) -> list[str]:
    """package-lock.json names package.json's packages, and an integrity hash for each."""
    manifest = json.loads((root / "package.json").read_text())
    lock_path = root / "package-lock.json"
    if not lock_path.is_file():
        return [f"package-lock.json: missing; {NPM_FIX}"]
    text = lock_path.read_text()
    lock = json.loads(text)
    packages = lock.get("packages")
    if lock.get("lockfileVersion", 0) < 2 or not isinstance(packages, dict):
        return [f"package-lock.json:1: not a lockfileVersion 2 or 3 lock; {NPM_FIX}"]
    problems = []
    top = packages.get("", {})
    for field in ("dependencies", "devDependencies", "optionalDependencies"):
        if manifest.get(field, {}) != top.get(field, {}):
            line = _line_of(text, f'"{field}"', max(text.find('"": {'), 0))
            problems.append(
                f"package-lock.json:{line}: {field} {top.get(field, {})} but package.json's "
                f"are {manifest.get(field, {})}; {NPM_FIX}"
            )
    for where, package in packages.items():
        if not where or package.get("link"):
            continue
        if not str(package.get("integrity", "")).startswith("sha512-"):
            line = _line_of(text, f'"{where}": {{')
            problems.append(
                f"package-lock.json:{line}: {where} {package.get('version')} has no sha512 "
                f"integrity hash; {NPM_FIX}"
            )
        name = where.rsplit("node_modules/", 1)[-1]
        wanted = {**manifest.get("dependencies", {}), **manifest.get("devDependencies", {})}
        direct = where == f"node_modules/{name}" and name in wanted
        if direct and wanted[name] != package.get("version"):
            line = _line_of(text, f'"{where}": {{')
            problems.append(
                f"package-lock.json:{line}: {name} {package.get('version')}, but "
                f"package.json pins {wanted[name]}; {NPM_FIX}"
            )
    return problems


# npm packages kept apart from the browser tests' (each is large, and only its session needs it):
# Lighthouse for the lighthouse session, Pyodide for the Run buttons and the Pyodide check.
NPM_FOLDERS = (PROJECT.lighthouse, PROJECT.pyodide)


def folder_lock_problems() -> list[str]:
    """The same checks on each such folder's lock, named from the repository's root (run the
    npm command in that folder)."""
    return [
        f"{folder.relative_to(ROOT).as_posix()}/{problem}"
        for folder in NPM_FOLDERS
        for problem in npm_lock_problems(folder)
    ]


def problems() -> list[str]:
    """Every problem with every lock."""
    return [
        *uv_lock_problems(),
        *unhashed_python_packages(),
        *bootstrap_export_problems(),
        *npm_lock_problems(),
        *folder_lock_problems(),
    ]


if __name__ == "__main__":
    found = problems()
    print("\n".join(found) or "uv.lock, bootstrap-requirements.txt, the npm locks: up to date")
    sys.exit(1 if found else 0)
