"""Run blocks on lanes, judge each result against its page, and write the pages in update mode.

The runner knows no kind of block: it asks the block's kind to execute and to say what the page
holds, compares the two, and in update mode asks the kind for the new body. Everything runs on a
thread pool started once all pages are collected: each block is a subprocess of the interpreter
under test, so the machine's cores, not the runner, set the pace.
"""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pmv.kinds.base import Rendered, example_folder
from pmv.lanes import environments
from pmv.lanes.interpreters import Interpreter, InterpreterError
from pmv.lanes.sandbox import DEFAULT_TIMEOUT, Lane, Workspace, normalise
from pmv.page import Block, Where
from pmv.run import messages, tabs
from pmv.versions import version_key


@dataclass
class Verdict:
    """How a block ended on one lane: passed, failed (with the message), or updated."""

    outcome: str
    message: str = ""


@dataclass
class _Result:
    rendered: Rendered
    nondeterministic: Rendered | None = None  # a second run that printed something else


class Runner:
    def __init__(
        self,
        interpreters: list[Interpreter],
        *,
        examples: Path,
        cache: Path,
        tools: list[str],
        update: bool,
        wheel_pins: list[str] | None = None,
        environment_packages: dict[str, list[str]] | None = None,
        workers: int | None = None,
    ):
        self.examples = examples
        self.update = update
        self.workdir = Path(tempfile.mkdtemp(prefix="example-runner-"))
        self.lanes = {
            i.minor: Lane(i, self.workdir, cache, tools, wheel_pins, environment_packages)
            for i in sorted(interpreters, key=lambda i: version_key(i.minor))
        }
        self._shares = []
        for lane in self.lanes.values():
            share = lane.interpreter.sharing(lane.workdir)
            share.__enter__()
            self._shares.append(share)
        self.pool = ThreadPoolExecutor(max_workers=workers or (os.cpu_count() or 1) + 1)
        self.futures: dict[tuple[str, str], Future[_Result]] = {}
        self.blocks: dict[str, Block] = {}
        self.verdicts: dict[tuple[str, str], Verdict] = {}
        self.results: dict[tuple[str, str], _Result] = {}
        self.rewrites: dict[Path, list[tuple[int, int, str]]] = {}
        self._texts: dict[Path, str] = {}  # each page as collected: rewrites are offsets into it
        self._lock = threading.Lock()

    # --- running -------------------------------------------------------------------------

    def start(self, jobs: list[tuple[Block, str]]) -> None:
        """Start every (block, lane) at once, in the background."""
        for block, minor in jobs:
            self.blocks[block.id] = block
            self.futures[block.id, minor] = self.pool.submit(self._execute, block, minor)

    def _run_once(self, block: Block, lane: Lane) -> Rendered:
        environment = environments.ENVIRONMENTS[block.options.get("env", "bare")]
        try:
            workspace = Workspace(lane, example_folder(block, self.examples), environment)
        except (ValueError, InterpreterError) as exc:
            return Rendered("", str(exc))
        timeout = float(block.options.get("timeout", DEFAULT_TIMEOUT))
        try:
            return block.kind.execute(block, workspace, timeout)
        except InterpreterError as exc:
            return Rendered("", str(exc))
        except Exception as exc:  # a fault of the runner's: said as such, for this block only
            kind = type(exc).__name__
            return Rendered("", f"the runner failed running this block: {kind}: {exc}")
        finally:
            workspace.remove()

    def _execute(self, block: Block, minor: str) -> _Result:
        lane = self.lanes[minor]
        first = self._run_once(block, lane)
        expected, _ = block.kind.expected(block, minor)
        if first.problem or block.kind.same(expected, first.text, minor):
            return _Result(first)
        # An output that is not the page's: before calling it stale, make sure it is stable.
        second = self._run_once(block, lane)
        if normalise(second.text) != normalise(first.text):
            return _Result(first, nondeterministic=second)
        return _Result(first)

    # --- judging -------------------------------------------------------------------------

    def verdict(self, block: Block, minor: str) -> Verdict:
        """Wait for the block on this lane and judge it (and, in update mode, its other lanes)."""
        key = (block.id, minor)
        with self._lock:
            if key not in self.verdicts:
                self._judge(block)
            return self.verdicts[key]

    def _judge(self, block: Block) -> None:
        minors = sorted((m for (i, m) in self.futures if i == block.id), key=version_key)
        results = {m: self.futures[block.id, m].result() for m in minors}
        for minor, result in results.items():
            self.results[block.id, minor] = result
            self.verdicts[block.id, minor] = self._judge_lane(block, minor, result)
        if self.update:
            self._plan_rewrite(block, results)

    def _judge_lane(self, block: Block, minor: str, result: _Result) -> Verdict:
        lane = self.lanes[minor]
        rendered = result.rendered
        who = f"Python {lane.interpreter.label}"
        if rendered.problem:
            where = block.at(rendered.problem_line or 0)
            message = f"{where}: on {who}, {rendered.problem}"
            if rendered.text.strip():
                message += f"\n\nIts output was:\n{rendered.text}"
            return Verdict("failed", message)
        if result.nondeterministic is not None:
            return Verdict("failed", self._nondeterministic(block, lane, result))
        expected, line = block.kind.expected(block, minor)
        if block.kind.same(expected, rendered.text, minor):
            return Verdict("passed")
        if self.update:
            return Verdict("updated")
        return Verdict("failed", self._stale(block, lane, expected, line, rendered.text))

    def _stale(self, block: Block, lane: Lane, expected: str, line: int, actual: str) -> str:
        page, run = normalise(expected).splitlines(), normalise(actual).splitlines()
        if not expected:
            page = []
        first = next((n for n, (a, b) in enumerate(zip(page, run, strict=False)) if a != b), None)
        if first is None:
            first = min(len(page), len(run))
        where = Where(block.shown, line + first)
        diff = "".join(
            difflib.unified_diff(
                [line + "\n" for line in page],
                [line + "\n" for line in run],
                fromfile=f"{Where(block.shown, line)} (the page)",
                tofile=f"Python {lane.interpreter.label} (the run)",
            )
        )
        hint = messages.refresh(block.shown, lane.interpreter.minor)
        if not expected:
            return (
                f"{where}: the page has no output of the {block.kind.name} block for Python "
                f"{lane.interpreter.minor} ({lane.interpreter.label}).\n\n{diff}\n{hint}"
            )
        return (
            f"{where}: the {block.kind.name} block's output on Python {lane.interpreter.label} "
            f"is not the one on the page.\n\n{diff}\n{hint}"
        )

    def _nondeterministic(self, block: Block, lane: Lane, result: _Result) -> str:
        diff = "".join(
            difflib.unified_diff(
                normalise(result.rendered.text).splitlines(keepends=True),
                normalise(result.nondeterministic.text).splitlines(keepends=True),
                fromfile="first run",
                tofile="second run",
            )
        )
        return (
            f"{block.where}: this output is not deterministic: two runs of the "
            f"{block.kind.name} block on Python {lane.interpreter.label} printed different "
            f"text, so no page can hold it.\n\n{diff}\n{messages.NONDETERMINISTIC}"
        )

    # --- update mode ---------------------------------------------------------------------

    def _plan_rewrite(self, block: Block, results: dict[str, _Result]) -> None:
        outputs = self.outputs(block.id)
        updated = {m for m in results if self.verdicts[block.id, m].outcome == "updated"}
        if block.path not in self._texts:
            self._texts[block.path] = block.path.read_text(encoding="utf-8")
        # Only this run's lanes: the others take their tab's new output (tabs.carried).
        change = tabs.rewrite(block, self._texts[block.path], outputs, updated, carry=True)
        if change:
            self.rewrites.setdefault(block.path, []).append(change)

    def outputs(self, block_id: str) -> dict[str, str]:
        """Each lane's output of a block that ran without a problem (recorded for merging)."""
        return {
            minor: result.rendered.text
            for (bid, minor), result in self.results.items()
            if bid == block_id and not result.rendered.problem and not result.nondeterministic
        }

    def finish(self) -> dict[Path, list[tuple[int, int, str]]]:
        """Stop the pool and remove the working files; the rewrites of each page's blocks that
        an update planned (offsets into the page as collected), for the caller to apply."""
        self.pool.shutdown(wait=True, cancel_futures=True)
        for share in reversed(self._shares):
            share.__exit__(None, None, None)
        shutil.rmtree(self.workdir, ignore_errors=True)
        return self.rewrites
