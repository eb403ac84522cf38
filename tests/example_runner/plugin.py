"""pytest plugin: every executed block of every Markdown page becomes a test.

`pytest docs` runs each ```python, ```pycon and ```console block on the interpreter pytest runs
on; `pytest --update-examples docs` writes the outputs it got back into the pages instead. The
pycon and console blocks are subprocesses, started all at once after collection on a thread pool,
so that the machine's cores, not the runner, set the pace.
"""

from __future__ import annotations

import difflib
import json
import os
import platform
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from . import console, pycon
from .fences import Fence, PageError, find_fences
from .python_blocks import ScriptFailed, run_script
from .sandbox import DEFAULT_TIMEOUT, Interpreter, Outcome, Workspace
from .snippets import check_snippets
from .tables import find_tables, rows, with_row

MINOR = f"{sys.version_info.major}.{sys.version_info.minor}"
VERSION = platform.python_version()
RUNNER_KEY = pytest.StashKey["Runner"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("example runner")
    group.addoption(
        "--blocks-record",
        metavar="PATH",
        help="write which blocks ran, and how they ended, to this JSON file",
    )
    # pytest-examples' own flag, which its plugin would add; the runner loads it only on demand.
    group.addoption(
        "--update-examples",
        action="store_true",
        help="write the outputs of this run into the pages instead of comparing them",
    )
    parser.addini("examples_dir", "folder that example= names are relative to", default="examples")
    parser.addini("snippets_base", "folder that --8<-- paths are relative to", default=".")
    parser.addini("update_command", "how a contributor refreshes outputs", default="")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[RUNNER_KEY] = Runner(config)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".md":
        return MarkdownPage.from_parent(parent, path=file_path)
    return None


def pytest_collection_finish(session: pytest.Session) -> None:
    session.config.stash[RUNNER_KEY].start(session.items)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if isinstance(item, BlockItem):
        item.config.stash[RUNNER_KEY].note(item, report)
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    session.config.stash[RUNNER_KEY].finish()


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    for line in config.stash[RUNNER_KEY].summary():
        terminalreporter.write_line(line)


class BlockFailure(Exception):
    """A block that failed, with a message written for the contributor who has to fix it."""


class MarkdownPage(pytest.File):
    def collect(self):
        text = self.path.read_text(encoding="utf-8")
        runner = self.config.stash[RUNNER_KEY]
        page = runner.show(self.path)
        try:
            fences = find_fences(self.path, text)
        except PageError as exc:
            message = f"{page}:{exc.line}: {exc.message}"
            yield PageProblem.from_parent(self, name=f"line {exc.line}", message=message)
            return
        for line, problem in check_snippets(text, runner.snippets_base):
            yield PageProblem.from_parent(
                self, name=f"line {line}", message=f"{page}:{line}: {problem}"
            )
        for fence in fences + find_tables(self.path, text):
            name = f"{fence.kind or fence.lang}:{fence.line}"
            if fence.errors:
                message = "\n".join(f"{page}:{fence.line}: {e}" for e in fence.errors)
                yield PageProblem.from_parent(self, name=name, message=message)
            elif fence.kind:
                yield BlockItem.from_parent(self, name=name, fence=fence)


class PageProblem(pytest.Item):
    """A mistake in a page that is not a block's output: it fails with its own message."""

    def __init__(self, *, message: str, **kwargs):
        super().__init__(**kwargs)
        self.message = message

    def runtest(self) -> None:
        raise BlockFailure(self.message)

    def repr_failure(self, excinfo, style=None):
        return self.message

    def reportinfo(self):
        return self.path, None, self.name


class BlockItem(pytest.Item):
    def __init__(self, *, fence: Fence, **kwargs):
        super().__init__(**kwargs)
        self.fence = fence
        self.future: Future[Outcome | BlockFailure] | None = None
        self.rewritten = False

    @property
    def applies(self) -> bool:
        return self.fence.condition.matches(MINOR)

    def setup(self) -> None:
        if not self.applies:
            pytest.skip(f"{self.fence.condition}: not run on Python {MINOR}")

    def runtest(self) -> None:
        runner = self.config.stash[RUNNER_KEY]
        if self.fence.kind == "python":
            self._check_script(runner)
            return
        assert self.future is not None, "the block was not started"
        outcome = self.future.result()
        if isinstance(outcome, BlockFailure):
            raise outcome
        if self.fence.kind == "table":
            self._check_table(runner, outcome)
        else:
            self._check_session(runner, outcome)

    def _check_script(self, runner: Runner) -> None:
        workdir = Path(tempfile.mkdtemp(dir=runner.workdir))
        example = runner.example_dir(self.fence)
        if example is not None:
            shutil.copytree(example, workdir, dirs_exist_ok=True)
        try:
            new_body = run_script(self.fence, self.config, workdir, runner.update)
        except ScriptFailed as exc:
            raise BlockFailure(
                f"{runner.show(self.fence.path)}:{self.fence.line}: the python block failed on "
                f"Python {VERSION}:\n{exc}"
                + (f"\n\n{runner.refresh_hint()}" if exc.stale_output else "")
            ) from None
        if new_body is not None and new_body != self.fence.body:
            self._rewrite(runner, new_body)

    def _check_session(self, runner: Runner, outcome: Outcome) -> None:
        where = f"{runner.show(self.fence.path)}:{self.fence.line}"
        actual, problem = runner.render(self.fence, outcome)
        if problem:
            raise BlockFailure(f"{where}: {problem}\n\nIts output was:\n{actual}")
        if actual == _normalise(self.fence.body):
            return
        if runner.update:
            self._rewrite(runner, actual)
            return
        diff = "".join(
            difflib.unified_diff(
                _normalise(self.fence.body).splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"{where} (the page)",
                tofile=f"Python {VERSION} (the run)",
            )
        )
        raise BlockFailure(
            f"{where}: the {self.fence.lang} block's output on Python {VERSION} is not the one on "
            f"the page.\n\n{diff}\n{runner.refresh_hint()}"
        )

    def _check_table(self, runner: Runner, outcome: Outcome) -> None:
        where = f"{runner.show(self.fence.path)}:{self.fence.line}"
        command = self.fence.options["command"]
        results, rest = console.split_outputs(outcome.output)
        output, status = results[0] if results else (rest, -1)
        row = output.strip()
        if status != 0 or not row.startswith(f"| {MINOR} |") or "\n" in row:
            raise BlockFailure(
                f"{where}: `{command}` must exit 0 and print one table row starting with "
                f"'| {MINOR} |' on Python {VERSION}; it exited {status} and printed:\n{output}"
            )
        _, by_version = rows(self.fence.body)
        if by_version.get(MINOR) == row:
            return
        if runner.update:
            self._rewrite(runner, with_row(self.fence.body, MINOR, row))
            return
        page_row = by_version.get(MINOR, "(no row for this version)")
        raise BlockFailure(
            f"{where}: the table's row for Python {MINOR} is not what `{command}` prints on "
            f"Python {VERSION}.\n\n- {page_row}\n+ {row}\n\n{runner.refresh_hint()}"
        )

    def _rewrite(self, runner: Runner, body: str) -> None:
        runner.rewrites[self.fence.path].append((self.fence, body))
        self.rewritten = True

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, BlockFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, self.fence.line - 1, f"{self.fence.lang} block, line {self.fence.line}"


def _normalise(body: str) -> str:
    lines = [line.rstrip() for line in body.rstrip("\n").split("\n")]
    return "\n".join(lines) + "\n"


class Runner:
    """The state of one pytest session: the sandboxed interpreter, running blocks, rewrites."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.root = config.rootpath
        self.update = bool(config.getoption("update_examples", default=False))
        self.examples = self.root / config.getini("examples_dir")
        self.snippets_base = self.root / config.getini("snippets_base")
        self.workdir: Path | None = None
        self.pool: ThreadPoolExecutor | None = None
        self.rewrites: dict[Path, list[tuple[Fence, str]]] = defaultdict(list)
        self.outcomes: dict[str, str] = {}
        self.items: list[BlockItem] = []

    def show(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def refresh_hint(self) -> str:
        custom = self.config.getini("update_command")
        if custom:
            return f"To write this run's output into the page: {custom.format(minor=MINOR)}"
        return (
            f"To write this run's output into the page: python3 noxfile.py -s update-{MINOR}\n"
            f"(on every interpreter: python3 noxfile.py -s update; this interpreter only, without "
            f"nox: pytest --update-examples <page>)"
        )

    def example_dir(self, fence: Fence) -> Path | None:
        name = fence.options.get("example")
        if name is None:
            return None
        path = (self.examples / name).resolve()
        if not path.is_dir() or not path.is_relative_to(self.examples.resolve()):
            raise BlockFailure(
                f'{self.show(fence.path)}:{fence.line}: example="{name}" names no folder: '
                f"{self.show(self.examples / name)} does not exist"
            )
        return path

    # --- running -------------------------------------------------------------------------

    def start(self, items: list[pytest.Item]) -> None:
        """Start every applicable pycon and console block at once, in the background."""
        self.items = [item for item in items if isinstance(item, BlockItem)]
        sessions = [
            item
            for item in self.items
            if item.applies and item.fence.kind in ("pycon", "console", "table")
        ]
        self.workdir = Path(tempfile.mkdtemp(prefix="example-runner-"))
        if not sessions:
            return
        interpreter = Interpreter(self.workdir)
        self.pool = ThreadPoolExecutor(max_workers=(os.cpu_count() or 1) + 1)
        for item in sessions:
            item.future = self.pool.submit(self._execute, item.fence, interpreter)

    def _execute(self, fence: Fence, interpreter: Interpreter) -> Outcome | BlockFailure:
        try:
            workspace = Workspace(interpreter, self.workdir, self.example_dir(fence))
        except BlockFailure as failure:
            return failure
        timeout = float(fence.options.get("timeout", DEFAULT_TIMEOUT))
        try:
            if fence.kind == "pycon":
                statements = pycon.parse(fence.body)
                request = pycon.request(statements, fence.options.get("traceback") == "full")
                argv = [str(interpreter.python), "-u", "-c", pycon.DRIVER]
                outcome = workspace.run(argv, stdin=request, timeout=timeout)
            else:
                commands = (
                    [console.Command(fence.options["command"], "")]
                    if fence.kind == "table"
                    else console.parse(fence.body)
                )
                script = console.script(commands)
                outcome = workspace.run(["bash", "-c", script], stdin=None, timeout=timeout)
        except ValueError as exc:
            return BlockFailure(f"{self.show(fence.path)}:{fence.line}: {exc}")
        finally:
            workspace.remove()
        if outcome.timed_out:
            return BlockFailure(
                f"{self.show(fence.path)}:{fence.line}: the {fence.lang} block did not finish "
                f"within {timeout:g} s and was stopped. If it is meant to take longer, give the "
                f'fence a timeout="seconds" option.\n\nIts output so far:\n{outcome.output}'
            )
        return outcome

    def render(self, fence: Fence, outcome: Outcome) -> tuple[str, str | None]:
        """The block as this run would write it, and what went wrong beyond the output."""
        if fence.kind == "pycon":
            return self._render_pycon(fence, outcome)
        return self._render_console(fence, outcome)

    def _render_pycon(self, fence: Fence, outcome: Outcome) -> tuple[str, str | None]:
        statements = pycon.parse(fence.body)
        outputs, rest = pycon.split_outputs(outcome.output, len(statements))
        for statement, output in zip(statements, outputs, strict=False):
            statement.output = output
        if len(outputs) == len(statements):
            return pycon.render(statements), None
        statements[len(outputs)].output = rest
        problem = (
            f"the interpreter exited during statement {len(outputs) + 1} "
            f"(exit status {outcome.returncode})"
        )
        return pycon.render(statements[: len(outputs) + 1]), problem

    def _render_console(self, fence: Fence, outcome: Outcome) -> tuple[str, str | None]:
        commands = console.parse(fence.body)
        results, rest = console.split_outputs(outcome.output)
        expected_last = int(fence.options.get("returncode", "0"))
        problem = None
        for number, (command, (output, status)) in enumerate(
            zip(commands, results, strict=False), start=1
        ):
            command.output = output
            wanted = expected_last if number == len(commands) else 0
            if status != wanted and problem is None:
                problem = f"command {number} (`{command.source}`) exited with status {status}, "
                problem += f"not {wanted}."
                if status:
                    problem += (
                        " If that is what it should do, put it last in its block and give the "
                        f'fence returncode="{status}".'
                    )
        if len(results) < len(commands):
            commands[len(results)].output = rest
            commands = commands[: len(results) + 1]
            problem = problem or f"the shell exited during command {len(commands)}"
        return console.render(commands), problem

    # --- results -------------------------------------------------------------------------

    def note(self, item: BlockItem, report: pytest.TestReport) -> None:
        if report.when == "call" or report.outcome != "passed":
            passed = report.outcome == "passed"
            self.outcomes[item.nodeid] = "updated" if passed and item.rewritten else report.outcome

    def finish(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
        for path, rewrites in self.rewrites.items():
            text = path.read_text(encoding="utf-8")
            for fence, body in sorted(rewrites, key=lambda r: r[0].body_start, reverse=True):
                text = text[: fence.body_start] + fence.reindent(body) + text[fence.body_end :]
            path.write_text(text, encoding="utf-8")
        record = self.config.getoption("blocks_record")
        if record:
            Path(record).parent.mkdir(parents=True, exist_ok=True)
            Path(record).write_text(json.dumps(self.record(), indent=1))

    def record(self) -> dict:
        blocks = []
        for item in self.items:
            fence = item.fence
            blocks.append(
                {
                    "id": f"{self.show(fence.path)}#{fence.kind}{fence.ordinal}",
                    "path": self.show(fence.path),
                    "line": fence.line,
                    "kind": fence.kind,
                    "condition": fence.options.get("python"),
                    "rows": sorted(rows(fence.body)[1]) if fence.kind == "table" else None,
                    "outcome": self.outcomes.get(item.nodeid, "deselected")
                    if item.applies
                    else "not-applicable",
                }
            )
        return {"python": MINOR, "version": VERSION, "update": self.update, "blocks": blocks}

    def summary(self) -> list[str]:
        if not self.items:
            return []
        counts: Counter[tuple[str, str]] = Counter()
        for block in self.record()["blocks"]:
            counts[block["kind"], block["outcome"]] += 1
        lines = [f"example blocks on Python {VERSION}:"]
        for kind in ("python", "pycon", "console", "table"):
            parts = [f"{n} {outcome}" for (k, outcome), n in sorted(counts.items()) if k == kind]
            if parts:
                lines.append(f"  {kind:8} {', '.join(parts)}")
        for path, rewrites in self.rewrites.items():
            lines.append(f"  rewrote {len(rewrites)} block(s) in {self.show(path)}")
        return lines
