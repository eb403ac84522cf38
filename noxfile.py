"""Every task of the project, for contributors and CI alike.

Run it with any Python 3.10+; the first run installs its own pinned nox:

    python3 noxfile.py -s serve     build the site, serve it on http://127.0.0.1:8000
    python3 noxfile.py              the whole test suite on every available interpreter
    python3 noxfile.py -s update    rewrite the expected outputs in docs/ on every interpreter
    python3 noxfile.py -l           list the sessions
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PYPROJECT = ROOT / "pyproject.toml"
BOOTSTRAP = ROOT / ".nox" / "_bootstrap"


def _bootstrap_and_run_nox() -> None:
    """Install the pinned nox into .nox/_bootstrap once, then hand this command line to it."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        from pip._vendor import tomli as tomllib

    pins = tomllib.loads(PYPROJECT.read_text())["dependency-groups"]["nox"]
    python = BOOTSTRAP / "bin" / "python"
    stamp = BOOTSTRAP / "pins.txt"
    wanted = "\n".join(pins)
    if not (python.exists() and stamp.exists() and stamp.read_text() == wanted):
        print(f"noxfile.py: installing {' '.join(pins)} into {BOOTSTRAP.relative_to(ROOT)}")
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(BOOTSTRAP)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pins],
            check=True,
        )
        stamp.write_text(wanted)
    argv = [str(python), "-m", "nox", "--noxfile", str(Path(__file__).resolve()), *sys.argv[1:]]
    os.execv(argv[0], argv)


if __name__ == "__main__":
    _bootstrap_and_run_nox()

import nox  # noqa: E402  (only importable once bootstrapped)

SUPPORTED_PYTHONS = ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15"]
DOCS_PYTHONS = ["3.12", "3.13", "3.14", "3.15"]  # mkdocs-jupyter 0.27 needs Python >= 3.12
BLOCK_RECORDS = ROOT / ".nox" / "_block-records"

nox.needs_version = ">=2025.2.9"  # dependency groups from pyproject.toml
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
# A missing interpreter is reported and skipped, on a laptop and under CI=true alike; the
# `blocks` session then fails if some example ran on no interpreter at all.
nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["lint", "tests", "site"]


def _put_pyenv_interpreters_on_path() -> None:
    """Let `python3.X` name pyenv's interpreters even when they are not pyenv's global ones.

    pyenv's shims refuse to run a version that is not selected, and nox would then report the
    interpreter as broken instead of using it.
    """
    pyenv = shutil.which("pyenv")
    if not pyenv:
        return
    root = Path(subprocess.run([pyenv, "root"], capture_output=True, text=True).stdout.strip())
    installed = sorted((root / "versions").glob("3.*"), key=_version_key, reverse=True)
    bins = []
    for minor in SUPPORTED_PYTHONS:
        matches = [p for p in installed if p.name.startswith(minor + ".") and _is_final(p.name)]
        if matches:
            bins.append(str(matches[0] / "bin"))
    os.environ["PATH"] = os.pathsep.join([*bins, os.environ.get("PATH", "")])


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else -1 for part in path.name.split("."))


def _is_final(name: str) -> bool:
    return all(part.isdigit() for part in name.split("."))


def _available(version: str) -> bool:
    return shutil.which(f"python{version}") is not None


_put_pyenv_interpreters_on_path()
# uv would otherwise download a missing interpreter: a missing one is skipped, never fetched.
os.environ["UV_PYTHON_DOWNLOADS"] = "never"
# Installed packages are byte-compiled once: the test processes import pytest, black and mkdocs
# many times, and with PYTHONDONTWRITEBYTECODE set nothing would ever be cached.
os.environ["UV_COMPILE_BYTECODE"] = "1"
DOCS_PYTHON = next((v for v in reversed(DOCS_PYTHONS) if _available(v)), DOCS_PYTHONS[0])


def _group(name: str) -> list[str]:
    return nox.project.dependency_groups(nox.project.load_toml(PYPROJECT), name)


def _records_dir() -> Path:
    """Where this nox invocation's test sessions record which blocks they ran.

    All sessions of one invocation run in this one process, so its id keys the invocation.
    CI, whose interpreters run in separate jobs, names a shared folder in BLOCK_RECORDS_DIR.
    """
    shared = os.environ.get("BLOCK_RECORDS_DIR")
    return Path(shared).resolve() if shared else BLOCK_RECORDS / str(os.getpid())


# The test process itself: deterministic hashing, and no __pycache__ left in the repository.
PYTEST_ENV = {"PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1", "NO_MKDOCS_2_WARNING": "1"}


def _run_examples(session: nox.Session, *extra: str) -> None:
    session.install(*_group("tests"))
    session.notify("blocks")
    record = _records_dir() / f"{session.python}.json"
    session.run("pytest", f"--blocks-record={record}", *extra, *session.posargs, env=PYTEST_ENV)


@nox.session(python=SUPPORTED_PYTHONS)
def tests(session: nox.Session) -> None:
    """Run every example in docs/ and the runner's own tests on one interpreter."""
    _run_examples(session)


@nox.session(python=SUPPORTED_PYTHONS)
def update(session: nox.Session) -> None:
    """Rewrite the expected output of every example in docs/ for one interpreter."""
    _run_examples(session, "--update-examples", "docs")


@nox.session(python=False)
def blocks(session: nox.Session) -> None:
    """Summarise which blocks ran on which interpreter; fail if a block ran on none."""
    sys.path.insert(0, str(ROOT / "tests"))
    from example_runner.records import summarise_records

    records = _records_dir()
    report, problems = summarise_records(sorted(records.glob("*.json")), ROOT)
    session.log("\n" + report)
    if "BLOCK_RECORDS_DIR" not in os.environ:
        shutil.rmtree(records, ignore_errors=True)
    if problems:
        session.error("\n".join(problems))


def _build_site(session: nox.Session) -> None:
    # No -q: strict mode turns warnings into a failure, and they should be seen.
    session.run("mkdocs", "build", "--strict", "--clean", "--site-dir", "site", env=PYTEST_ENV)


@nox.session(python=DOCS_PYTHON)
def docs(session: nox.Session) -> None:
    """Build the site strictly into site/."""
    session.install(*_group("docs"))
    _build_site(session)


@nox.session(python=DOCS_PYTHON)
def serve(session: nox.Session) -> None:
    """Build the site and serve it, rebuilt on change, on http://127.0.0.1:8000."""
    session.install(*_group("docs"))
    session.run("mkdocs", "serve", "--strict", "--dev-addr", "127.0.0.1:8000", env=PYTEST_ENV)


@nox.session(python=DOCS_PYTHON)
def site(session: nox.Session) -> None:
    """Build the site, then check the HTML and drive it in headless Chromium."""
    session.install(*_group("site"))
    _build_site(session)
    session.run("pytest", "tests/test_site", *session.posargs, env=PYTEST_ENV)


@nox.session(python=DOCS_PYTHON)
def lint(session: nox.Session) -> None:
    """ruff over the tests, the examples and this file."""
    session.install(*_group("lint"))
    targets = ["tests", "examples", "noxfile.py"]
    session.run("ruff", "check", "--no-cache", *targets)
    session.run("ruff", "format", "--no-cache", "--check", *targets)
