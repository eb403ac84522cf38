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
LOCK = ROOT / "uv.lock"
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
    os.execv(argv[0], argv)


if __name__ == "__main__":
    _bootstrap_and_run_nox()

import nox  # noqa: E402  (only importable once bootstrapped)
from nox.command import CommandFailed  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from example_runner import chroot, hints, interpreters, records  # noqa: E402
from example_runner.versions import SUPPORTED  # noqa: E402

DOCS_PYTHONS = ["3.12", "3.13", "3.14", "3.15"]  # mkdocs-jupyter 0.27 needs Python >= 3.12
LINT_PYTHONS = ["3.11", *DOCS_PYTHONS]  # check-jsonschema 0.39 needs Python >= 3.11
RECORDS = ROOT / ".nox" / "_block-records"

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
# The test process itself: no __pycache__ left in the repository.
PYTEST_ENV = {
    "PYTHONDONTWRITEBYTECODE": "1",
    "NO_MKDOCS_2_WARNING": "1",
    "EXAMPLE_RUNNER_CACHE": str(ROOT / ".cache" / "example-runner"),
}


def _group_requires_python(group: str) -> str | None:
    """The Python a group needs beyond the project's 3.10, from [tool.uv.dependency-groups]."""
    settings = nox.project.load_toml(PYPROJECT).get("tool", {}).get("uv", {})
    return settings.get("dependency-groups", {}).get(group, {}).get("requires-python")


def _venv(session: nox.Session, name: str, group: str, python: str) -> str:
    """A venv in .nox/NAME of this Python, holding exactly a dependency group as uv.lock has it.

    `uv sync --locked` runs every time: a fraction of a second when nothing changed. It makes
    the venv again for another Python, checks each file it installs against the lock's hashes,
    removes what the lock does not name, and refuses a lock out of date with pyproject.toml.
    """
    venv = ROOT / ".nox" / name
    uv = str(Path(sys.executable).parent / "uv")
    try:
        session.run(
            uv,
            "sync",
            "-q",
            "--locked",
            "--only-group",
            group,
            "--python",
            python,
            "--project",
            str(ROOT),
            env={"UV_PROJECT_ENVIRONMENT": str(venv)},
            external=True,
        )
    except CommandFailed:
        # uv says only that the lock is stale: this names each pin that differs, by its line.
        session.run(sys.executable, "tests/test_locks.py", success_codes=[0, 1], external=True)
        session.error(
            f"installing the {group} group from {LOCK.name} into .nox/{name} failed (above). "
            f"If uv says the lockfile needs to be updated, {PYPROJECT.name} changed since "
            f"{LOCK.name} was made: run `.nox/_bootstrap/bin/uv lock` (and, if the nox group "
            f"changed, the command at the top of {BOOTSTRAP_REQUIREMENTS.name}), then commit "
            f"both"
        )
    session.env["PATH"] = os.pathsep.join([str(venv / "bin"), os.environ["PATH"]])
    return str(venv / "bin" / "python")


def _native_python(session: nox.Session, group: str, minors: list[str]) -> str:
    """The newest native interpreter of these versions, for a group that needs a newer Python
    than the project's (found when it runs)."""
    for minor in reversed(minors):
        found = interpreters.find_native(minor)
        if found is not None:
            return found.executable
    needs = _group_requires_python(group) or f"one of Python {', '.join(minors)}"
    session.error(f"the {group} group needs Python {needs}; found none of {', '.join(minors)}")


def _runner_python(session: nox.Session) -> str:
    """The runner's venv, on the Python that runs this noxfile, shared by every lane session.

    The runner runs on any Python 3.10+; the interpreters under test are found by the runner
    (tests/example_runner/interpreters.py), not by nox, so one venv serves all of them.
    """
    return _venv(session, "_runner", "tests", sys.executable)


def _docs_python(session: nox.Session, group: str) -> str:
    """A venv for the site build on the newest native Python >= 3.12 (found when it runs)."""
    return _venv(session, f"_{group}", group, _native_python(session, group, DOCS_PYTHONS))


def _lint_python(session: nox.Session) -> str:
    """The lint venv, on the Python that runs this noxfile when it is 3.11 or newer."""
    if sys.version_info >= (3, 11):
        return _venv(session, "_lint", "lint", sys.executable)
    return _venv(session, "_lint", "lint", _native_python(session, "lint", LINT_PYTHONS))


def _examples(session: nox.Session, lanes: list[str], *extra: str, runner_tests=False) -> None:
    """Run the pages' blocks (the posargs' pages, or all of docs/) on these lanes, then judge
    the record against exactly these lanes: a block gated to another version is not missing."""
    python = _runner_python(session)
    if set(lanes) & set(chroot.minors()):
        _ensure_chroot(session, required=len(lanes) > 1 and "CI" in os.environ)
    # CI, whose lanes run in separate jobs, names a folder that a later job judges together.
    folder = Path(os.environ.get("BLOCK_RECORDS_DIR", RECORDS)).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / f"{session.name}.json"
    own = [
        "tests/test_example_runner",
        "tests/test_pages.py",
        "tests/test_conventions.py",
        "tests/test_reference.py",
        "tests/test_locks.py",
    ]
    own_tests = own if runner_tests else []
    targets = list(session.posargs) or ["docs", *own_tests]
    lane_args = [arg for lane in lanes for arg in ("--python", lane)]
    session.run(
        python,
        "-m",
        "pytest",
        *lane_args,
        f"--blocks-record={record}",
        *extra,
        *targets,
        env=PYTEST_ENV,
        external=True,
    )
    report, problems = records.summarise([records.RunRecord.read(record)])
    session.log("\n" + report)
    if problems:
        session.error("\n".join(problems))


def _ensure_chroot(session: nox.Session, *, required: bool) -> None:
    """Build the Debian chroot whose interpreters are the 3.13 to 3.15 lanes, once.

    Without it those lanes fall back to pyenv's 3.13 or are reported missing; under CI, whose
    run must have every lane, that is a failure.
    """
    usable, why = chroot.ensure(log=session.log)
    if not usable:
        if required:
            session.error(why)
        session.warn(why)


@nox.session(python=False, name="chroot")
def chroot_(session: nox.Session) -> None:
    """Build the Debian sid chroot for the 3.13, 3.14 and 3.15 lanes (needs root)."""
    usable, why = chroot.ensure(log=session.log)
    if not usable:
        session.error(why)
    session.log(f"the Debian chroot is ready: {chroot.shown_root()}")


@nox.session(python=False)
def tests(session: nox.Session) -> None:
    """Every page's blocks on every supported version found, and the runner's own tests."""
    _examples(session, list(SUPPORTED), runner_tests=True)


@nox.session(python=False)
def update(session: nox.Session) -> None:
    """Write the outputs of every supported version found into the pages (or the posargs'),
    then the generated pages."""
    _examples(session, list(SUPPORTED), "--update-examples")
    _generate(session)
    _pyodide_lane(session, update=True)


@nox.session(python=False)
def generate(session: nox.Session) -> None:
    """Write the generated pages (tests/reference): notes, short answers, glossary, errors,
    what changed, and the home page's map."""
    _generate(session)


PYODIDE = ROOT / "tests" / "pyodide"


@nox.session(python=False)
def pyodide(session: nox.Session) -> None:
    """Replay every candidate session in Pyodide under Node: the ones that print the page's
    verified 3.14 output get a Run button; check tests/pyodide/runnable.json says so
    (`-- --update` rewrites it)."""
    _pyodide_lane(session, update="--update" in session.posargs)


def _pyodide_lane(session: nox.Session, *, update: bool) -> None:
    python = _runner_python(session)
    if update and shutil.which("npm") is None:
        session.warn(
            "no npm: tests/pyodide/runnable.json not refreshed (`-s pyodide` says if stale)"
        )
        return
    _npm_ci(session, PYODIDE)
    if update:
        session.run(python, "tests/pyodide/lane.py", "--update", external=True)
        return
    args = [a for a in session.posargs if a != "--update"]
    session.run(
        python, "-m", "pytest", "tests/test_pyodide_lane.py", *args, env=PYTEST_ENV, external=True
    )


def _generate(session: nox.Session) -> None:
    python = _runner_python(session)
    session.run(python, "-m", "reference", env={"PYTHONPATH": str(ROOT / "tests")}, external=True)


def _lane_sessions(minor: str) -> None:
    def check_found(session: nox.Session) -> None:
        if interpreters.find(minor) is None:
            session.skip(hints.missing_lane(minor))

    @nox.session(name=f"tests-{minor}", python=False, default=False)
    def tests_lane(session: nox.Session) -> None:
        check_found(session)
        _examples(session, [minor])

    @nox.session(name=f"update-{minor}", python=False, default=False)
    def update_lane(session: nox.Session) -> None:
        check_found(session)
        _examples(session, [minor], "--update-examples")
        _generate(session)
        # Its output may be carried to the 3.14 tab, which the Run buttons are judged against.
        _pyodide_lane(session, update=True)

    tests_lane.__doc__ = f"The pages' blocks (all, or the posargs' pages) on Python {minor}."
    update_lane.__doc__ = f"Write Python {minor}'s outputs into the pages (or the posargs')."


for _minor in SUPPORTED:
    _lane_sessions(_minor)


@nox.session(python=False)
def merge(session: nox.Session) -> None:
    """Write the outputs recorded by one update run per lane (CI's jobs) into the pages."""
    sys.path.insert(0, str(ROOT / "tests"))
    from example_runner.merge import merge_records

    folder = Path(os.environ.get("BLOCK_RECORDS_DIR", RECORDS)).resolve()
    found = [records.RunRecord.read(p) for p in sorted(folder.glob("*.json"))]
    counts, problems = merge_records(found, ROOT)
    for page, count in counts.items():
        session.log(f"rewrote {count} block(s) in {page}")
    if problems:
        session.error("\n".join(problems))
    _generate(session)
    _pyodide_lane(session, update=True)


@nox.session(python=False)
def blocks(session: nox.Session) -> None:
    """Judge the records of several runs together (CI: one per lane job, in BLOCK_RECORDS_DIR)."""
    folder = Path(os.environ.get("BLOCK_RECORDS_DIR", RECORDS)).resolve()
    report, problems = records.summarise(
        [records.RunRecord.read(p) for p in sorted(folder.glob("*.json"))]
    )
    session.log("\n" + report)
    if problems:
        session.error("\n".join(problems))


@nox.session(python=False)
def walkthrough(session: nox.Session) -> None:
    """Replay CONTRIBUTING.md's walk-through (a correction on 3.12) on a throwaway clone."""
    # The commands are read from CONTRIBUTING.md itself (tests/walkthrough.py says how), so the
    # walk-through cannot drift from what works; a clone keeps this working tree untouched.
    session.run(sys.executable, "tests/walkthrough.py", *session.posargs, external=True)


def _build_env() -> dict[str, str]:
    """The site build's environment, which the notebooks' kernels inherit: nothing of this
    machine's but PATH, the same fixed values as the blocks' (sandbox.FIXED_ENV), a new HOME."""
    from example_runner.sandbox import FIXED_ENV

    home = ROOT / ".nox" / "_build-home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    return {
        **FIXED_ENV,
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "PYTHONDONTWRITEBYTECODE": "1",
        "NO_MKDOCS_2_WARNING": "1",
    }


def _build_site(session: nox.Session, python: str) -> None:
    _npm_ci(session, PYODIDE)  # the Run buttons' Pyodide files, which the build copies
    env = _build_env()
    # The notebooks first, as mkdocs-jupyter runs them: a raising cell is named by its line.
    notebooks = sorted((ROOT / "examples" / "notebooks").glob("*.py"))
    session.run(
        python,
        "tests/notebook_check.py",
        *(str(p.relative_to(ROOT)) for p in notebooks),
        env=env,
        include_outer_env=False,
        external=True,
    )
    # No -q: strict mode turns warnings into a failure, and they should be seen.
    session.run(
        python,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "--site-dir",
        "site",
        env=env,
        include_outer_env=False,
        external=True,
    )


@nox.session(python=False)
def docs(session: nox.Session) -> None:
    """Build the site strictly into site/."""
    _build_site(session, _docs_python(session, "docs"))


@nox.session(python=False)
def serve(session: nox.Session) -> None:
    """Build the site and serve it on http://127.0.0.1:8000, an edited page rebuilt alone."""
    if not (ROOT / ".nox" / "_docs").is_dir():
        session.log("first run: installing the docs environment into .nox/_docs (once)")
    python = _docs_python(session, "docs")
    _npm_ci(session, PYODIDE)
    session.log(
        "building every page and running the notebooks (some seconds), then serving on "
        "http://127.0.0.1:8000; after that an edited page is rebuilt alone (--dirty), in about "
        "a second. Links to other pages are checked by `-s docs`, the strict build."
    )
    # --dirty rebuilds only the changed files: the notebooks run once, at the first build, as
    # the interpreter does not change while serving. MkDocs' strict mode refuses --dirty.
    session.run(
        python,
        "-m",
        "mkdocs",
        "serve",
        "--dirty",
        "--dev-addr",
        "127.0.0.1:8000",
        env=PYTEST_ENV,
        external=True,
    )


def _node_modules(session: nox.Session) -> None:
    """The npm packages the browser tests load into pages (axe-core)."""
    _npm_ci(session, ROOT)


def _npm_ci(session: nox.Session, folder: Path) -> None:
    """A folder's npm packages, from its package-lock.json with its integrity hashes:
    installed again only when the lock changes."""
    import hashlib

    lock = folder / "package-lock.json"
    stamp = folder / "node_modules" / ".installed-from"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.is_file() and stamp.read_text() == wanted:
        return
    npm = shutil.which("npm")
    if npm is None:
        session.error(f"{folder.relative_to(ROOT) or '.'}: npm (Node 20 or newer) is needed")
    session.chdir(folder)
    session.run(npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent", external=True)
    session.chdir(ROOT)
    stamp.write_text(wanted)


def _built_site_tests(session: nox.Session, *selection: str) -> None:
    """Build the site, then run these of tests/test_site on it."""
    python = _docs_python(session, "site")
    _node_modules(session)
    _build_site(session, python)
    session.run(python, "-m", "pytest", *selection, *session.posargs, env=PYTEST_ENV, external=True)


@nox.session(python=False)
def site(session: nox.Session) -> None:
    """Build the site, then check the HTML and drive it in headless Chromium."""
    # Screenshots are for people to look at, and slow: they have their own session.
    _built_site_tests(session, "-m", "not screenshots", "tests/test_site")


@nox.session(python=False)
def screenshots(session: nox.Session) -> None:
    """Build the site and screenshot every page at 1280 and 390 px in both palettes, into
    test-artifacts/screenshots/ (or SITE_SCREENSHOTS)."""
    _built_site_tests(session, "-m", "screenshots", "tests/test_site/test_browser.py")


@nox.session(python=False, default=False)
def lighthouse(session: nox.Session) -> None:
    """Build the site, then Lighthouse (mobile, simulated throttling) on every page, 3 runs
    each (or the posargs': `-- --runs 1 /pyc/`), against the site's thresholds. Slow: minutes."""
    python = _docs_python(session, "site")
    _npm_ci(session, ROOT / "tests" / "lighthouse")
    _build_site(session, python)
    session.run(python, "tests/lighthouse/run.py", *session.posargs, external=True)


@nox.session(python=False)
def lint(session: nox.Session) -> None:
    """ruff over the code; zizmor and GitHub's schemas over .github/; the locks against
    pyproject.toml and package.json; codespell over the prose."""
    python = _lint_python(session)
    tools = Path(python).parent
    targets = ["tests", "examples", "hooks", "noxfile.py"]

    def files(pattern: str) -> list[str]:
        return sorted(str(path.relative_to(ROOT)) for path in ROOT.glob(pattern))

    workflows = files(".github/workflows/*.yml")
    forms = [f for f in files(".github/ISSUE_TEMPLATE/*.yml") if not f.endswith("/config.yml")]
    schema_fix = (
        "each line is FILE::$.KEY.PATH: what is wrong there ('Best Match' first); the "
        "syntax: https://docs.github.com/en/actions/reference/workflow-syntax-for-"
        "github-actions, https://docs.github.com/en/communities/using-templates-to-encourage-"
        "useful-issues-and-pull-requests/syntax-for-issue-forms"
    )
    # Each check runs even when one before it failed, so one run lists every problem.
    checks = [
        (
            "ruff's lint of the code",
            ["ruff", "check", "--no-cache", *targets],
            "each finding names its file:line; `.nox/_lint/bin/ruff check --fix FILE` applies "
            "the ones marked [*]",
        ),
        (
            "ruff's format check",
            ["ruff", "format", "--no-cache", "--check", *targets],
            "`.nox/_lint/bin/ruff format FILE` rewrites each file it names",
        ),
        (
            "the workflows against GitHub's schema",
            ["check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows],
            schema_fix,
        ),
        (
            "the issue forms against GitHub's schema",
            ["check-jsonschema", "--builtin-schema", "vendor.github-issue-forms", *forms],
            schema_fix,
        ),
        (
            "the issue chooser against GitHub's schema",
            [
                "check-jsonschema",
                "--builtin-schema",
                "vendor.github-issue-config",
                ".github/ISSUE_TEMPLATE/config.yml",
            ],
            schema_fix,
        ),
        (
            "zizmor's offline audits of the workflows",
            # --strict-collection: a workflow zizmor cannot read fails, not skipped with a
            # warning. The online audits (is each SHA its action's) run in ci.yml.
            ["zizmor", "--offline", "--pedantic", "--strict-collection", ".github/workflows"],
            "each finding names its file:line and links its audit's page, which says the fix "
            "(an action's SHA: see the comment at the top of ci.yml); a finding that is wrong "
            "here is silenced with `# zizmor: ignore[AUDIT]` on its line, and a comment why",
        ),
        (
            "the locks against pyproject.toml and package.json",
            # The bootstrap's Python: it has uv beside it, and tomli on 3.10.
            [sys.executable, "tests/test_locks.py"],
            "each line is FILE:LINE: what is stale, and the command that refreshes it",
        ),
        (
            "codespell over the prose",
            ["codespell", "docs", "examples", *files("*.md"), *files(".github/**/*.*")],
            "each line is FILE:LINE: WORD ==> FIX; fix the word (`codespell -w FILE` does it), "
            "or, if it is right here (a name, a quotation), add it to ignore-words-list under "
            "[tool.codespell] in pyproject.toml, saying why",
        ),
    ]
    failed = []
    for what, (tool, *args), fix in checks:
        try:
            # No Rust backtrace under zizmor's one-line errors. (An absolute tool stays itself.)
            session.run(str(tools / tool), *args, env={"RUST_BACKTRACE": "0"}, external=True)
        except CommandFailed:
            failed.append(f"{what} failed (above): {fix}")
    if failed:
        session.error("\n".join(failed))
