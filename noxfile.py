"""Every task of the project, for contributors and CI alike.

Run it with any Python 3.10+; the first run installs its own pinned nox:

    python3 noxfile.py -s serve     build the site, serve it on http://127.0.0.1:8000
    python3 noxfile.py              the whole test suite on every available interpreter
    python3 noxfile.py -s update    rewrite the expected outputs in docs/ on every interpreter
    python3 noxfile.py -l           list the sessions
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# The nox group of uv.lock, exported with its hashes: pip installs it before uv exists.
BOOTSTRAP_REQUIREMENTS = ROOT / "bootstrap-requirements.txt"
BOOTSTRAP = ROOT / ".nox" / "_bootstrap"


def _bootstrap_and_run_nox() -> None:
    """Install the locked nox and uv into .nox/_bootstrap once, then hand this command line to
    nox. pip checks every file against its hash in bootstrap-requirements.txt."""
    python = BOOTSTRAP / "bin" / "python"
    stamp = BOOTSTRAP / "installed-from.txt"
    wanted = BOOTSTRAP_REQUIREMENTS.read_text()
    if not (python.exists() and stamp.exists() and stamp.read_text() == wanted):
        print(
            f"noxfile.py: installing nox and uv into {BOOTSTRAP.relative_to(ROOT)}, "
            f"from {BOOTSTRAP_REQUIREMENTS.name} (locked, with hashes)"
        )
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(BOOTSTRAP)], check=True)
        install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        # --no-deps: the file lists every package already, each with its hashes.
        install += ["--require-hashes", "--no-deps", "-r", str(BOOTSTRAP_REQUIREMENTS)]
        subprocess.run(install, check=True)
        stamp.write_text(wanted)
    argv = [str(python), "-m", "nox", "--noxfile", str(Path(__file__).resolve()), *sys.argv[1:]]
    # The project's code is the package tests/pmv, which this noxfile and its sessions import:
    # its one place on sys.path, for this process (the noxfile takes it out of the environment
    # again, so that nothing else inherits it; pmv.tasks passes it on where it is needed).
    os.execve(argv[0], argv, {**os.environ, "PYTHONPATH": str(ROOT / "tests")})


if __name__ == "__main__":
    _bootstrap_and_run_nox()

import nox  # noqa: E402  (only importable once bootstrapped)

try:
    from pmv import tasks
    from pmv.lanes import chroot_build, finder
    from pmv.run import messages
    from pmv.versions import SUPPORTED
except ImportError as exc:
    sys.exit(f"noxfile.py: {exc}: run it as `python3 noxfile.py`, which puts tests/ on sys.path")
os.environ.pop("PYTHONPATH", None)

nox.needs_version = ">=2025.2.9"  # nox.project.load_toml, for [tool.uv] settings
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
# A missing docs interpreter is reported and skipped; a missing lane is the runner's to report.
nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["lint", "tests", "pyodide", "site", "walkthrough"]

# uv would otherwise download a missing interpreter: a missing one is skipped, never fetched.
os.environ["UV_PYTHON_DOWNLOADS"] = "never"
# Installed packages are byte-compiled once: the test processes import pytest and mkdocs many
# times, and with PYTHONDONTWRITEBYTECODE set nothing would ever be cached.
os.environ["UV_COMPILE_BYTECODE"] = "1"


# --- the examples ------------------------------------------------------------------------


@nox.session(python=False)
def tests(session: nox.Session) -> None:
    """Every page's blocks on every supported version found, and the runner's own tests."""
    tasks.examples(session, list(SUPPORTED), runner_tests=True)


@nox.session(python=False)
def runner(session: nox.Session) -> None:
    """The example runner's own tests and the pages' checks (or the posargs'), on the lanes
    found; the pages' blocks are the tests session's."""
    tasks.runner_tests(session)


@nox.session(python=False)
def update(session: nox.Session) -> None:
    """Write the outputs of every supported version found into the pages (or the posargs'),
    then the generated pages."""
    tasks.examples(session, list(SUPPORTED), "--update-examples")
    tasks.after_update(session)


def _lane_sessions(minor: str) -> None:
    def check_found(session: nox.Session) -> None:
        if finder.find(minor) is None:
            session.skip(messages.missing_lane(minor))

    @nox.session(name=f"tests-{minor}", python=False, default=False)
    def tests_lane(session: nox.Session) -> None:
        check_found(session)
        tasks.examples(session, [minor])

    @nox.session(name=f"update-{minor}", python=False, default=False)
    def update_lane(session: nox.Session) -> None:
        check_found(session)
        tasks.examples(session, [minor], "--update-examples")
        tasks.after_update(session)

    tests_lane.__doc__ = f"The pages' blocks (all, or the posargs' pages) on Python {minor}."
    update_lane.__doc__ = f"Write Python {minor}'s outputs into the pages (or the posargs')."


for _minor in SUPPORTED:
    _lane_sessions(_minor)


@nox.session(python=False)
def merge(session: nox.Session) -> None:
    """Write the outputs recorded by one update run per lane (CI's jobs) into the pages."""
    from pmv.run.merge import merge_records
    from pmv.run.records import RunRecord

    found = [RunRecord.read(p) for p in sorted(tasks.records_folder().glob("*.json"))]
    counts, problems = merge_records(found, ROOT)
    for page, count in counts.items():
        session.log(f"rewrote {count} block(s) in {page}")
    if problems:
        session.error("\n".join(problems))
    tasks.after_update(session)


@nox.session(python=False)
def blocks(session: nox.Session) -> None:
    """Judge the records of several runs together (CI: one per lane job, in BLOCK_RECORDS_DIR)."""
    tasks.judge(session, sorted(tasks.records_folder().glob("*.json")))


@nox.session(python=False)
def generate(session: nox.Session) -> None:
    """Write the generated pages (pmv.reference): notes, short answers, glossary, errors,
    what changed, and the home page's map."""
    tasks.generate(session)


@nox.session(python=False)
def pyodide(session: nox.Session) -> None:
    """Replay every candidate session in Pyodide under Node: the ones that print the page's
    verified 3.14 output get a Run button; check tests/pyodide/runnable.json says so
    (`-- --update` rewrites it)."""
    tasks.pyodide_check(session, update="--update" in session.posargs)


@nox.session(python=False)
def matrix(session: nox.Session) -> None:
    """The versions the site covers and the releases its pages name, as the workflows' matrices
    (written to GITHUB_OUTPUT in a GitHub job)."""
    tasks.write_matrix(session)


@nox.session(python=False, name="chroot")
def chroot_(session: nox.Session) -> None:
    """Build the Debian sid chroot for the 3.13, 3.14 and 3.15 lanes (needs root)."""
    usable, why = chroot_build.ensure(log=session.log)
    if not usable:
        session.error(why)
    session.log(f"the Debian chroot is ready: {chroot_build.shown_root()}")


@nox.session(python=False)
def walkthrough(session: nox.Session) -> None:
    """Replay CONTRIBUTING.md's walk-through (a correction on 3.12) and its recipes (add a
    page, a block kind, a Python version) on throwaway clones."""
    # The commands are read from CONTRIBUTING.md itself (pmv.walkthrough and pmv.recipes say
    # how), so neither can drift from what works; a clone keeps this working tree untouched.
    session.run(sys.executable, "-m", "pmv.walkthrough", env=tasks.PYTHONPATH, external=True)
    session.run(sys.executable, "-m", "pmv.recipes", env=tasks.PYTHONPATH, external=True)


@nox.session(python=False, default=False)
def recipes(session: nox.Session) -> None:
    """Replay CONTRIBUTING.md's recipes alone (or those whose titles the posargs name)."""
    session.run(
        *(sys.executable, "-m", "pmv.recipes", *session.posargs),
        env=tasks.PYTHONPATH,
        external=True,
    )


# --- the site ----------------------------------------------------------------------------


@nox.session(python=False)
def serve(session: nox.Session) -> None:
    """Build the site and serve it on http://127.0.0.1:8000, an edited page rebuilt alone."""
    tasks.serve(session)


@nox.session(python=False)
def docs(session: nox.Session) -> None:
    """Build the site strictly into site/."""
    tasks.build_site(session, tasks.docs_python(session, "docs"))


@nox.session(python=False)
def site(session: nox.Session) -> None:
    """Build the site, then check the HTML and drive it in headless Chromium."""
    # Screenshots are for people to look at, and slow: they have their own session.
    # test_package.py again: the site modules import in the site venv, which has mkdocs.
    tasks.built_site_tests(
        session, "-m", "not screenshots", "tests/test_site", "tests/test_package.py"
    )


@nox.session(python=False)
def screenshots(session: nox.Session) -> None:
    """Build the site and screenshot every page at 1280 and 390 px in both palettes, into
    test-artifacts/screenshots/ (or SITE_SCREENSHOTS)."""
    tasks.built_site_tests(session, "-m", "screenshots", "tests/test_site/test_browser.py")


@nox.session(python=False, default=False)
def lighthouse(session: nox.Session) -> None:
    """Build the site, then Lighthouse (mobile, simulated throttling) on every page, 3 runs
    each (or the posargs': `-- --runs 1 /pyc/`), against the site's thresholds. Slow: minutes."""
    python = tasks.docs_python(session, "site")
    tasks.npm_ci(session, tasks.PROJECT.lighthouse)
    tasks.build_site(session, python)
    session.run(
        python, "-m", "pmv.lighthouse", *session.posargs, env=tasks.PYTHONPATH, external=True
    )


@nox.session(python=False)
def lint(session: nox.Session) -> None:
    """ruff over the code; zizmor and GitHub's schemas over .github/; the locks against
    pyproject.toml and package.json; codespell over the prose."""
    tasks.lint(session)
