"""Put together what each interpreter's test session recorded (`--blocks-record`).

One pytest session runs on one interpreter; only all of them together can tell whether every
block ran somewhere, and whether a block that claims one output for every version has it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

KINDS = ("python", "pycon", "console", "table")
RAN = {"passed", "failed", "updated"}


def summarise_records(files: list[Path], root: Path) -> tuple[str, list[str]]:
    """A table of blocks run per kind and interpreter, and the problems that fail the run."""
    runs = [json.loads(f.read_text()) for f in files]
    if not runs:
        return "no test session recorded any block", ["no interpreter ran the examples"]
    runs.sort(key=lambda r: tuple(int(p) for p in r["python"].split(".")))
    pythons = [r["python"] for r in runs]

    counts: Counter[tuple[str, str]] = Counter()
    ran_on: dict[str, list[str]] = {}
    blocks: dict[str, dict] = {}
    rewritten_by: dict[str, list[str]] = {}
    deselected: set[str] = set()  # left out by the contributor's -k or paths, not by a version
    for run in runs:
        for block in run["blocks"]:
            blocks.setdefault(block["id"], block)
            ran_on.setdefault(block["id"], [])
            if block["outcome"] == "deselected":
                deselected.add(block["id"])
            if block["outcome"] in RAN:
                counts[block["kind"], run["python"]] += 1
                ran_on[block["id"]].append(run["python"])
            if block["outcome"] == "updated":
                rewritten_by.setdefault(block["id"], []).append(run["python"])

    width = max(len(k) for k in KINDS)
    lines = [
        "blocks executed, by kind and interpreter:",
        " " * (width + 2) + "".join(f"{p:>7}" for p in pythons) + "    all",
    ]
    for kind in KINDS:
        row = [counts[kind, p] for p in pythons]
        lines.append(f"  {kind:{width}}" + "".join(f"{n:>7}" for n in row) + f"{sum(row):>7}")
    total = sum(counts.values())
    lines.append(f"  {len(blocks)} blocks, {total} block executions on {len(pythons)} interpreters")

    problems = []
    for block_id, block in blocks.items():
        where = f"{block['path']}:{block['line']} ({block['kind']}"
        where += f', python="{block["condition"]}")' if block["condition"] else ")"
        if not ran_on[block_id] and block_id not in deselected:
            problems.append(
                f"{where} ran on no interpreter: this run had {', '.join(pythons)}. "
                "A block must be run by the suite somewhere; gate it to a version that is "
                "available, or cite the source for that version in prose instead."
            )
        unchecked = sorted(set(block.get("rows") or []) - set(ran_on[block_id]))
        if unchecked:
            problems.append(
                f"{where} has rows for {', '.join(unchecked)}, which no interpreter of this run "
                "checked: a row may only state what the suite ran."
            )
        first = ran_on[block_id][0] if ran_on[block_id] else None
        later = [p for p in rewritten_by.get(block_id, []) if p != first]
        if block["condition"] is None and later:
            problems.append(
                f"{where} has no version condition, but its output on {', '.join(later)} differs "
                f"from its output on {first}: the page now holds {later[-1]}'s. Put one variant "
                'per version in content tabs (=== "3.12"), each fence with python="3.12".'
            )
    return "\n".join(lines), problems
