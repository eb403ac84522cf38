"""What a run records about its blocks (`--blocks-record`), and what the records add up to.

A pytest session runs one or more lanes; CI runs one lane per job. Only all records together
can tell whether every block ran somewhere. The record format is written and read here only:
`RunRecord.write`, `RunRecord.read`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pmv.kinds import KINDS as ALL_KINDS
from pmv.page import Where
from pmv.versions import SUPPORTED, VersionCondition, version_key

KINDS = tuple(kind.name for kind in ALL_KINDS)
RAN = {"passed", "failed", "updated"}


@dataclass
class BlockRecord:
    id: str
    path: str
    line: int
    kind: str
    condition: str | None
    rows: list[str] | None = None  # a table's rows on the page, by version
    outcomes: dict[str, str] = field(default_factory=dict)  # lane -> passed, failed, updated
    outputs: dict[str, str] = field(default_factory=dict)  # lane -> output (update runs only)


@dataclass
class StampRecord:
    """A page's verified-with line, as the lanes of a run found it."""

    page: str  # docs/pyc.md
    line: int
    outcomes: dict[str, str] = field(default_factory=dict)  # lane -> passed, failed, updated
    entries: dict[str, str] = field(default_factory=dict)  # lane -> its entry (updated only)


@dataclass
class RunRecord:
    requested: list[str]  # the lanes the run was asked for, found or not
    lanes: dict[str, str]  # the lanes that ran -> "3.12.1, pyenv"
    update: bool
    blocks: list[BlockRecord]
    deselected: list[str] = field(default_factory=list)  # block ids left out by -k or paths
    stamps: list[StampRecord] = field(default_factory=list)

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> RunRecord:
        data = json.loads(path.read_text(encoding="utf-8"))
        data["blocks"] = [BlockRecord(**block) for block in data["blocks"]]
        data["stamps"] = [StampRecord(**found) for found in data.get("stamps", [])]
        return cls(**data)


def summarise(records: list[RunRecord]) -> tuple[str, list[str]]:
    """A table of blocks run per kind and lane, and the problems that fail the run."""
    if not records:
        return "no test session recorded any block", ["no interpreter ran the examples"]
    lanes: dict[str, str] = {}
    requested: set[str] = set()
    for record in records:
        lanes.update(record.lanes)
        requested.update(record.requested)
    order = sorted(lanes, key=version_key)

    merged: dict[str, BlockRecord] = {}
    deselected: set[str] = set()
    for record in records:
        deselected.update(record.deselected)
        for block in record.blocks:
            fresh = {**asdict(block), "outcomes": {}, "outputs": {}}
            into = merged.setdefault(block.id, BlockRecord(**fresh))
            into.outcomes.update(block.outcomes)
            into.outputs.update(block.outputs)

    counts: Counter[tuple[str, str]] = Counter()
    for block in merged.values():
        for lane, outcome in block.outcomes.items():
            if outcome in RAN:
                counts[block.kind, lane] += 1
    width = max(len(k) for k in KINDS)
    lines = ["blocks executed, by kind and lane:"]
    lines += [f"  {lane}: {lanes[lane]}" for lane in order]
    missing = sorted(requested - set(lanes), key=version_key)
    lines += [f"  {lane}: no interpreter found" for lane in missing]
    lines.append(" " * (width + 2) + "".join(f"{p:>7}" for p in order) + "    all")
    for kind in KINDS:
        row = [counts[kind, p] for p in order]
        lines.append(f"  {kind:{width}}" + "".join(f"{n:>7}" for n in row) + f"{sum(row):>7}")
    total = sum(counts.values())
    lines.append(f"  {len(merged)} blocks, {total} block executions on {len(order)} lanes")
    return "\n".join(lines), _problems(merged.values(), requested, lanes, deselected)


def _problems(blocks, requested: set[str], lanes: dict[str, str], deselected) -> list[str]:
    problems = []
    ran_lanes = ", ".join(sorted(lanes, key=version_key)) or "none"
    for block in blocks:
        where = f"{Where(block.path, block.line)} ({block.kind}"
        where += f', python="{block.condition}")' if block.condition else ")"
        wanted = VersionCondition.parse(block.condition).supported_matches()
        asked = [v for v in wanted if v in requested]
        ran = [lane for lane, outcome in block.outcomes.items() if outcome in RAN]
        if asked and not ran and block.id not in deselected:
            problems.append(
                f"{where} ran on no interpreter: it holds on {', '.join(wanted)}; this run "
                f"asked for {', '.join(sorted(requested, key=version_key))} and had "
                f"{ran_lanes}. Run it where one of its versions is available (a lane from "
                "the Debian chroot, or CI), or cite the source for that version in prose."
            )
        unchecked = sorted(set(block.rows or []) - set(ran) - (set(SUPPORTED) - requested))
        if unchecked:
            problems.append(
                f"{where} has rows for {', '.join(unchecked)}, which no interpreter of this run "
                "checked: a row may only state what the suite ran."
            )
    return problems
