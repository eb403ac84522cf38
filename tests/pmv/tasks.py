"""What the noxfile's sessions do, so that noxfile.py reads as a menu.

Every session is a few lines in noxfile.py over these: the venvs (each a dependency group of
uv.lock, installed with `uv sync --locked`), the runner's pytest run and its judgement, the
generated pages, the Pyodide check, the site build, the npm packages, the lint checks.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

import nox
from nox.command import CommandFailed

from pmv.lanes import chroot_build, interpreters
from pmv.project import PROJECT
from pmv.run import records
from pmv.versions import SUPPORTED, version_key

ROOT = PROJECT.root
# mkdocs-jupyter 0.27 needs Python >= 3.12, check-jsonschema 0.39 >= 3.11 (pyproject.toml).
DOCS_PYTHONS = [v for v in SUPPORTED if version_key(v) >= (3, 12)]
LINT_PYTHONS = [v for v in SUPPORTED if version_key(v) >= (3, 11)]
RECORDS = PROJECT.nox / "_block-records"
# The package's one place on sys.path, for what runs outside pytest (which has pyproject's
# pythonpath): the site build's hooks, the generated pages, the Pyodide check.
PYTHONPATH = {"PYTHONPATH": str(ROOT / "tests")}
# The test process itself: no __pycache__ left in the repository.
PYTEST_ENV = {
    "PYTHONDONTWRITEBYTECODE": "1",
    "NO_MKDOCS_2_WARNING": "1",
    "EXAMPLE_RUNNER_CACHE": str(PROJECT.cache / "example-runner"),
}
# The site's checks run in pytest-xdist workers, one browser each: a browser check mostly waits
# for the page, so one worker more than the cores keeps them busy.
SITE_WORKERS = (os.cpu_count() or 1) + 1
# The runner's own tests, run with every page by the tests session.
RUNNER_TESTS = [
    "tests/test_runner",
    "tests/test_pages.py",
    "tests/test_conventions.py",
    "tests/test_markdown.py",
    "tests/test_package.py",
    "tests/test_session_grammar.py",
    "tests/test_reference.py",
    "tests/test_locks.py",
]


# --- venvs -------------------------------------------------------------------------------


def venv(session: nox.Session, name: str, group: str, python: str) -> str:
    """A venv in .nox/NAME of this Python, holding exactly a dependency group as uv.lock has it.

    `uv sync --locked` runs every time: a fraction of a second when nothing changed. It makes
    the venv again for another Python, checks each file it installs against the lock's hashes,
    removes what the lock does not name, and refuses a lock out of date with pyproject.toml.
    """
    path = PROJECT.nox / name
    try:
        session.run(
            *(PROJECT.uv(), "sync", "-q", "--locked", "--only-group", group),
            *("--python", python, "--project", str(ROOT)),
            env={"UV_PROJECT_ENVIRONMENT": str(path)},
            external=True,
        )
    except CommandFailed:
        # uv says only that the lock is stale: this names each pin that differs, by its line.
        session.run(
            sys.executable, "-m", "pmv.locks", success_codes=[0, 1], env=PYTHONPATH, external=True
        )
        session.error(
            f"installing the {group} group from uv.lock into .nox/{name} failed (above). "
            "If uv says the lockfile needs to be updated, pyproject.toml changed since "
            "uv.lock was made: run `.nox/_bootstrap/bin/uv lock` (and, if the nox group "
            "changed, the command at the top of bootstrap-requirements.txt), then commit both"
        )
    session.env["PATH"] = os.pathsep.join([str(path / "bin"), os.environ["PATH"]])
    return str(path / "bin" / "python")


def native_python(session: nox.Session, group: str, minors: list[str]) -> str:
    """The newest native interpreter of these versions, for a group that needs a newer Python
    than the project's (found when it runs)."""
    for minor in reversed(minors):
        found = interpreters.find_native(minor)
        if found is not None:
            return found.executable
    needs = PROJECT.group_requires_python(group) or f"one of Python {', '.join(minors)}"
    session.error(f"the {group} group needs Python {needs}; found none of {', '.join(minors)}")


def runner_python(session: nox.Session) -> str:
    """The runner's venv, on the Python that runs this noxfile, shared by every lane session.

    The runner runs on any Python 3.10+; the interpreters under test are found by the runner
    (pmv.lanes.finder), not by nox, so one venv serves all of them.
    """
    return venv(session, "_runner", "tests", sys.executable)


def docs_python(session: nox.Session, group: str) -> str:
    """A venv for the site build on the newest native Python >= 3.12 (found when it runs)."""
    return venv(session, f"_{group}", group, native_python(session, group, DOCS_PYTHONS))


def lint_python(session: nox.Session) -> str:
    """The lint venv, on the Python that runs this noxfile when it is 3.11 or newer."""
    if sys.version_info >= (3, 11):
        return venv(session, "_lint", "lint", sys.executable)
    return venv(session, "_lint", "lint", native_python(session, "lint", LINT_PYTHONS))


# --- the examples ------------------------------------------------------------------------


def records_folder() -> Path:
    # CI, whose lanes run in separate jobs, names a folder that a later job judges together.
    return Path(os.environ.get("BLOCK_RECORDS_DIR", RECORDS)).resolve()


def examples(
    session: nox.Session, lanes: list[str], *extra: str, runner_tests: bool = False
) -> None:
    """Run the pages' blocks (the posargs' pages, or all of docs/) on these lanes, then judge
    the record against exactly these lanes: a block gated to another version is not missing."""
    python = runner_python(session)
    if set(lanes) & set(chroot_build.minors()):
        ensure_chroot(session, required=len(lanes) > 1 and "CI" in os.environ)
    folder = records_folder()
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / f"{session.name}.json"
    targets = list(session.posargs) or ["docs", *(RUNNER_TESTS if runner_tests else [])]
    lane_args = [arg for lane in lanes for arg in ("--python", lane)]
    session.run(
        *(python, "-m", "pytest", *lane_args, f"--blocks-record={record}", *extra, *targets),
        env=PYTEST_ENV,
        external=True,
    )
    judge(session, [record])


def judge(session: nox.Session, paths: list[Path]) -> None:
    """The table of blocks run by kind and lane; fail on a block that no lane ran."""
    report, problems = records.summarise([records.RunRecord.read(p) for p in paths])
    session.log("\n" + report)
    if problems:
        session.error("\n".join(problems))


def ensure_chroot(session: nox.Session, *, required: bool) -> None:
    """Build the Debian chroot whose interpreters are the 3.13 to 3.15 lanes, once.

    Without it those lanes fall back to pyenv's 3.13 or are reported missing; under CI, whose
    run must have every lane, that is a failure.
    """
    usable, why = chroot_build.ensure(log=session.log)
    if not usable:
        if required:
            session.error(why)
        session.warn(why)


def runner_tests(session: nox.Session) -> None:
    """The runner's own tests (and the pages' checks), on the lanes found: no chroot needed."""
    session.run(
        *(runner_python(session), "-m", "pytest", *(session.posargs or RUNNER_TESTS)),
        env=PYTEST_ENV,
        external=True,
    )


def generate(session: nox.Session) -> None:
    session.run(runner_python(session), "-m", "pmv.reference", env=PYTHONPATH, external=True)


def pyodide_check(session: nox.Session, *, update: bool) -> None:
    """Replay the candidate sessions in Pyodide; check (or rewrite) tests/pyodide/runnable.json."""
    python = runner_python(session)
    if update and shutil.which("npm") is None:
        session.warn(
            "no npm: tests/pyodide/runnable.json not refreshed (`-s pyodide` says if stale)"
        )
        return
    npm_ci(session, PROJECT.pyodide)
    if update:
        session.run(
            python, "-m", "pmv.browser.pyodide_check", "--update", env=PYTHONPATH, external=True
        )
        return
    args = [a for a in session.posargs if a != "--update"]
    session.run(
        *(python, "-m", "pytest", "tests/test_pyodide_lane.py", *args),
        env=PYTEST_ENV,
        external=True,
    )


def after_update(session: nox.Session) -> None:
    """What an update changes besides the pages: the generated pages and the Run buttons'
    record (an output carried to the 3.14 tab changes the Run buttons' verdict)."""
    generate(session)
    pyodide_check(session, update=True)


# --- the site ----------------------------------------------------------------------------


def build_env() -> dict[str, str]:
    """The site build's environment, which the notebooks' kernels inherit: nothing of this
    machine's but PATH, the same fixed values as the blocks' (sandbox.FIXED_ENV), a new HOME,
    and the package on sys.path for the hooks."""
    from pmv.lanes.sandbox import FIXED_ENV

    home = PROJECT.nox / "_build-home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    return {
        **FIXED_ENV,
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "PYTHONDONTWRITEBYTECODE": "1",
        "NO_MKDOCS_2_WARNING": "1",
        **PYTHONPATH,
    }


def build_site(session: nox.Session, python: str) -> None:
    npm_ci(session, PROJECT.pyodide)  # the Run buttons' Pyodide files, which the build copies
    env = build_env()
    # The notebooks first, as mkdocs-jupyter runs them: a raising cell is named by its line.
    notebooks = sorted((PROJECT.examples / "notebooks").glob("*.py"))
    session.run(
        *(python, "-m", "pmv.website.notebook_check"),
        *(str(p.relative_to(ROOT)) for p in notebooks),
        env=env,
        include_outer_env=False,
        external=True,
    )
    # No -q: strict mode turns warnings into a failure, and they should be seen.
    session.run(
        *(python, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", "site"),
        env=env,
        include_outer_env=False,
        external=True,
    )


def serve(session: nox.Session) -> None:
    if not (PROJECT.nox / "_docs").is_dir():
        session.log("first run: installing the docs environment into .nox/_docs (once)")
    python = docs_python(session, "docs")
    npm_ci(session, PROJECT.pyodide)
    session.log(
        "building every page and running the notebooks (some seconds), then serving on "
        "http://127.0.0.1:8000; after that an edited page is rebuilt alone (--dirty), in about "
        "a second. Links to other pages are checked by `-s docs`, the strict build."
    )
    # --dirty rebuilds only the changed files: the notebooks run once, at the first build, as
    # the interpreter does not change while serving. MkDocs' strict mode refuses --dirty. The
    # notebooks run in the build's own environment, as in every other build.
    session.run(
        *(python, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", "127.0.0.1:8000"),
        env=build_env(),
        include_outer_env=False,
        external=True,
    )


def built_site_tests(session: nox.Session, *selection: str) -> None:
    """Build the site, then run these of tests/test_site on it."""
    python = docs_python(session, "site")
    npm_ci(session, ROOT)  # axe-core, which the browser tests load into pages
    build_site(session, python)
    workers = ("-n", str(SITE_WORKERS))
    session.run(
        *(python, "-m", "pytest", *workers, *selection, *session.posargs),
        env=PYTEST_ENV,
        external=True,
    )


def npm_ci(session: nox.Session, folder: Path) -> None:
    """A folder's npm packages, from its package-lock.json with its integrity hashes:
    installed again only when the lock changes."""
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


# --- lint --------------------------------------------------------------------------------

LINT_TARGETS = ["tests", "examples", "noxfile.py"]
SCHEMA_FIX = (
    "each line is FILE::$.KEY.PATH: what is wrong there ('Best Match' first); the "
    "syntax: https://docs.github.com/en/actions/reference/workflow-syntax-for-"
    "github-actions, https://docs.github.com/en/communities/using-templates-to-encourage-"
    "useful-issues-and-pull-requests/syntax-for-issue-forms"
)


def _files(pattern: str) -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in ROOT.glob(pattern))


def lint_checks() -> list[tuple[str, list[str], str]]:
    """(what, command, how to fix it) of each check the lint session runs."""
    workflows = _files(".github/workflows/*.yml")
    forms = [f for f in _files(".github/ISSUE_TEMPLATE/*.yml") if not f.endswith("/config.yml")]
    return [
        (
            "ruff's lint of the code",
            ["ruff", "check", "--no-cache", *LINT_TARGETS],
            "each finding names its file:line; `.nox/_lint/bin/ruff check --fix FILE` applies "
            "the ones marked [*]",
        ),
        (
            "ruff's format check",
            ["ruff", "format", "--no-cache", "--check", *LINT_TARGETS],
            "`.nox/_lint/bin/ruff format FILE` rewrites each file it names",
        ),
        (
            "the workflows against GitHub's schema",
            ["check-jsonschema", "--builtin-schema", "vendor.github-workflows", *workflows],
            SCHEMA_FIX,
        ),
        (
            "the issue forms against GitHub's schema",
            ["check-jsonschema", "--builtin-schema", "vendor.github-issue-forms", *forms],
            SCHEMA_FIX,
        ),
        (
            "the issue chooser against GitHub's schema",
            [
                "check-jsonschema",
                "--builtin-schema",
                "vendor.github-issue-config",
                ".github/ISSUE_TEMPLATE/config.yml",
            ],
            SCHEMA_FIX,
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
            [sys.executable, "-m", "pmv.locks"],
            "each line is FILE:LINE: what is stale, and the command that refreshes it",
        ),
        (
            "codespell over the prose",
            ["codespell", "docs", "examples", *_files("*.md"), *_files(".github/**/*.*")],
            "each line is FILE:LINE: WORD ==> FIX; fix the word (`codespell -w FILE` does it), "
            "or, if it is right here (a name, a quotation), add it to ignore-words-list under "
            "[tool.codespell] in pyproject.toml, saying why",
        ),
    ]


def lint(session: nox.Session) -> None:
    tools = Path(lint_python(session)).parent
    failed = []
    # Each check runs even when one before it failed, so one run lists every problem.
    for what, (tool, *args), fix in lint_checks():
        try:
            # No Rust backtrace under zizmor's one-line errors. (An absolute tool stays itself.)
            env = {"RUST_BACKTRACE": "0", **PYTHONPATH}
            session.run(str(tools / tool), *args, env=env, external=True)
        except CommandFailed:
            failed.append(f"{what} failed (above): {fix}")
    if failed:
        session.error("\n".join(failed))


# --- the workflows' matrices -------------------------------------------------------------


def write_matrix(session: nox.Session) -> None:
    """Print the matrices; in a GitHub job, also write them as the step's outputs."""
    import json

    from pmv.ci_matrix import matrix

    found = matrix()
    for name, value in found.items():
        line = f"{name}={json.dumps(value, separators=(',', ':'))}"
        session.log(line)
        if os.environ.get("GITHUB_OUTPUT"):
            with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
                output.write(line + "\n")
