"""pytest plugin: every executed block of every Markdown page becomes a test, on every lane.

    pytest docs --python 3.12                  the blocks of every page, on Python 3.12
    pytest docs/pyc.md --python all            one page, on every supported version found
    pytest docs --python 3.12 --update-examples   write the outputs into the pages instead

A lane is a supported minor version and the interpreter found for it (pmv.lanes.finder). Each
page is one item checking that the page is well-formed and follows the block conventions, one
item per block and lane the block holds on (`docs/pyc.md::console:95[3.12]`), and one per
lane for its verified-with line. This module turns pytest's options into lanes, reads the
pins the python blocks' tools need and reports; it knows no kind of block by name: pmv.page
reads, pmv.run.runner runs and judges, the kinds execute.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from pmv import stamp
from pmv.conventions.blocks import block_problems
from pmv.kinds.base import example_folder
from pmv.lanes import finder, interpreters, wheels
from pmv.lanes.environments import ENVIRONMENTS
from pmv.page import Block, apply, read_page
from pmv.project import PROJECT
from pmv.run import messages, stamps
from pmv.run.records import KINDS, BlockRecord, RunRecord, StampRecord
from pmv.run.runner import Runner, Verdict
from pmv.versions import SUPPORTED, version_key

RUN_KEY = pytest.StashKey["RunState"]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("example runner")
    group.addoption(
        "--python",
        action="append",
        metavar="VERSION",
        help="run the blocks on this supported version (repeatable; 'all': every one found). "
        "Default: all",
    )
    group.addoption(
        "--update-examples",
        action="store_true",
        help="write the outputs of this run into the pages instead of comparing them",
    )
    group.addoption(
        "--blocks-record",
        metavar="PATH",
        help="write which blocks ran on which lane, and how they ended, to this JSON file",
    )
    group.addoption(
        "--runner-cache",
        metavar="DIR",
        default=os.environ.get("EXAMPLE_RUNNER_CACHE"),
        help="where the venvs for python blocks are kept (default: .cache/example-runner)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.stash[RUN_KEY] = RunState(config)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".md":
        return MarkdownPage.from_parent(parent, path=file_path)
    return None


def pytest_collection_finish(session: pytest.Session) -> None:
    session.config.stash[RUN_KEY].start(session.items)


def pytest_sessionfinish(session: pytest.Session) -> None:
    session.config.stash[RUN_KEY].finish()


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    for line in config.stash[RUN_KEY].summary():
        terminalreporter.write_line(line)


class BlockFailure(Exception):
    """A failure with a message written for the contributor who has to fix it."""


class RunState:
    """The plugin's state for one pytest session: the lanes, the pages, the runner."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.root = config.rootpath
        self.update = bool(config.getoption("update_examples"))
        self.requested = _requested(config.getoption("python"))
        self._interpreters: dict[str, interpreters.Interpreter] | None = None
        self.runner: Runner | None = None
        self.pages: list = []
        self.items: list[BlockItem] = []
        self.rewritten: dict[Path, int] = {}
        self.stamps: dict[tuple[Path, str], Verdict] = {}  # (page, lane) -> how its stamp ended

    @property
    def interpreters(self) -> dict[str, interpreters.Interpreter]:
        """The lanes found, looked for once, when the first page is collected."""
        if self._interpreters is None:
            self._interpreters = {}
            for minor in self.requested:
                found = finder.find(minor)
                if found is not None:
                    self._interpreters[minor] = found
        return self._interpreters

    def start(self, items: list[pytest.Item]) -> None:
        self.items = [item for item in items if isinstance(item, BlockItem)]
        if not self.items:
            return
        cache = self.config.getoption("runner_cache") or PROJECT.cache / "example-runner"
        blocks = [item.block for item in self.items]
        # Each is an export of uv.lock, which only a run with such a block pays for.
        tool_groups = {b.kind.tools_group for b in blocks} - {None}
        tools = [
            line for group in sorted(tool_groups) for line in PROJECT.locked_requirements(group)
        ]
        examples = self.root / "examples"
        named = {ENVIRONMENTS[b.options.get("env", "bare")] for b in blocks}
        installs = any(wheels.needed(_example(b, examples)) for b in blocks)
        installs |= any(env.editable for env in named)
        groups = {env.group for env in named if env.group}
        self.runner = Runner(
            [self.interpreters[m] for m in sorted({i.minor for i in self.items})],
            examples=examples,
            cache=Path(cache),
            tools=tools,
            update=self.update,
            wheel_pins=PROJECT.locked_requirements(wheels.GROUP) if installs else [],
            environment_packages={g: PROJECT.locked_requirements(g) for g in groups},
        )
        self.runner.start([(item.block, item.minor) for item in self.items])

    def finish(self) -> None:
        rewrites = self.runner.finish() if self.runner is not None else {}
        if self.update:
            self._write(rewrites)
        record = self.config.getoption("blocks_record")
        if record:
            self.record().write(Path(record))

    def _write(self, rewrites: dict[Path, list[tuple[int, int, str]]]) -> None:
        """Write each page's new outputs and, where a lane's release is not its stamp's, the
        run's releases into the stamp, all at once (pmv.page.apply)."""
        for page in self.pages:
            changes = list(rewrites.get(page.path, []))
            entries = {
                minor: stamp.entry_of(self.interpreters[minor])
                for (path, minor), verdict in self.stamps.items()
                if path == page.path and verdict.outcome == "updated"
            }
            if entries:
                changes.append(stamps.rewrite(page, entries))
            if changes:
                page.path.write_text(apply(page.text, changes), encoding="utf-8")
                self.rewritten[page.path] = len(rewrites.get(page.path, []))

    def record(self) -> RunRecord:
        blocks: dict[str, BlockRecord] = {}
        collected = {item.block.id for item in self.items}
        for page in self.pages:
            for block in page.blocks:
                rows = block.kind.stated_versions(block)
                blocks[block.id] = BlockRecord(
                    block.id,
                    block.shown,
                    block.line,
                    block.kind.name,
                    block.options.get("python"),
                    rows,
                )
        if self.runner is not None:
            for (block_id, minor), verdict in self.runner.verdicts.items():
                blocks[block_id].outcomes[minor] = verdict.outcome
            if self.update:
                for block_id, block in blocks.items():
                    block.outputs = self.runner.outputs(block_id)
        checked: dict[str, StampRecord] = {}
        for (path, minor), verdict in self.stamps.items():
            page = next(p for p in self.pages if p.path == path)
            found = checked.setdefault(page.shown, StampRecord(page.shown, page.stamp.line))
            found.outcomes[minor] = verdict.outcome
            if verdict.outcome == "updated":
                found.entries[minor] = stamp.entry_of(self.interpreters[minor])
        deselected = sorted(
            b.id
            for page in self.pages
            for b in page.blocks
            if b.id not in collected
            if any(b.applies(m) for m in self.interpreters)
        )
        return RunRecord(
            requested=list(self.requested),
            lanes={m: i.label for m, i in self.interpreters.items()},
            update=self.update,
            blocks=list(blocks.values()),
            deselected=deselected,
            stamps=list(checked.values()),
        )

    def summary(self) -> list[str]:
        if not self.pages:
            return []
        lines = [messages.missing_lane(m) for m in self.requested if m not in self.interpreters]
        if not self.items:
            return lines
        counts: Counter[tuple[str, str]] = Counter()
        for block in self.record().blocks:
            for outcome in block.outcomes.values():
                counts[block.kind, outcome] += 1
        lanes = "; ".join(self.interpreters[m].label for m in sorted({i.minor for i in self.items}))
        lines.append(f"example blocks on {lanes}:")
        for kind in KINDS:
            parts = [f"{n} {outcome}" for (k, outcome), n in sorted(counts.items()) if k == kind]
            if parts:
                lines.append(f"  {kind:8} {', '.join(parts)}")
        stamped = Counter(verdict.outcome for verdict in self.stamps.values())
        if stamped:
            parts = [f"{n} {outcome}" for outcome, n in sorted(stamped.items())]
            lines.append(f"  verified-with lines: {', '.join(parts)}")
        for path, count in self.rewritten.items():
            lines.append(f"  rewrote {count} block(s) in {path.relative_to(self.root)}")
        return lines


def _requested(values: list[str] | None) -> list[str]:
    wanted: list[str] = []
    for value in values or ["all"]:
        for part in value.split(","):
            part = part.strip()
            if part != "all" and part not in SUPPORTED:
                raise pytest.UsageError(
                    f"--python {part}: not a supported version ({', '.join(SUPPORTED)}, or all)"
                )
            wanted += list(SUPPORTED) if part == "all" else [part]
    return sorted(dict.fromkeys(wanted), key=version_key)


def _example(block: Block, examples: Path) -> Path | None:
    try:
        return example_folder(block, examples)
    except ValueError:  # the block's own run says so
        return None


class MarkdownPage(pytest.File):
    def collect(self):
        state: RunState = self.config.stash[RUN_KEY]
        page = read_page(self.path, self.config.rootpath, updating=state.update)
        page.problems = sorted(
            page.problems + block_problems(page), key=lambda problem: problem[0].line
        )
        state.pages.append(page)
        yield PageItem.from_parent(self, name="page", page=page)
        if page.problems:
            return
        for block in page.blocks:
            for minor, interpreter in state.interpreters.items():
                if block.applies(minor):
                    name = f"{block.kind.name}:{block.line}[{minor}]"
                    yield BlockItem.from_parent(
                        self, name=name, block=block, minor=minor, label=interpreter.label
                    )
        if page.stamp is not None:
            for minor in state.interpreters:
                name = f"verified-with:{page.stamp.line}[{minor}]"
                yield StampItem.from_parent(self, name=name, page=page, minor=minor)


class PageItem(pytest.Item):
    """The page itself: well-formed blocks, options, includes. Fails listing every mistake."""

    def __init__(self, *, page, **kwargs):
        super().__init__(**kwargs)
        self.page = page

    def runtest(self) -> None:
        messages = [f"{where}: {message}" for where, message in self.page.problems]
        if messages:
            raise BlockFailure("\n".join(messages))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, BlockFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, f"{self.page.shown}: the page"


class BlockItem(pytest.Item):
    def __init__(self, *, block: Block, minor: str, label: str, **kwargs):
        super().__init__(**kwargs)
        self.block, self.minor, self.label = block, minor, label

    def runtest(self) -> None:
        runner = self.config.stash[RUN_KEY].runner
        verdict = runner.verdict(self.block, self.minor)
        if verdict.outcome == "failed":
            raise BlockFailure(verdict.message)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, BlockFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        block = self.block
        return self.path, block.line - 1, f"{block.where} {block.kind.name} on {self.label}"


class StampItem(pytest.Item):
    """The page's verified-with line on one lane: it names this lane's exact release."""

    def __init__(self, *, page, minor: str, **kwargs):
        super().__init__(**kwargs)
        self.page, self.minor = page, minor

    def runtest(self) -> None:
        state = self.config.stash[RUN_KEY]
        interpreter = state.interpreters[self.minor]
        verdict = stamps.judge(self.page, interpreter, update=state.update)
        state.stamps[self.page.path, self.minor] = verdict
        if verdict.outcome == "failed":
            raise BlockFailure(verdict.message)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, BlockFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        where = f"{self.page.shown}:{self.page.stamp.line}"
        label = self.config.stash[RUN_KEY].interpreters[self.minor].label
        return self.path, self.page.stamp.line - 1, f"{where} verified-with on {label}"
