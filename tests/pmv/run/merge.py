"""Write the outputs that several runs recorded into the pages, as one update run would.

CI runs each lane in its own job; each job's update run records its lane's outputs
(`--blocks-record`, with `--update-examples`). `merge_records` reads every record and regroups
each block's version tabs with all of them at once (tabs.rewrite), the same step an update
run on several lanes takes. `python3 noxfile.py -s merge` runs it on BLOCK_RECORDS_DIR.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from pmv.page import apply, read_page
from pmv.run import stamps, tabs
from pmv.run.records import RunRecord, summarise


def merge_records(records: list[RunRecord], root: Path) -> tuple[dict[str, int], list[str]]:
    """Rewrite the pages the records name; (rewritten blocks per page, problems)."""
    _, problems = summarise(records)
    by_block: dict[str, dict] = defaultdict(lambda: {"outputs": {}, "updated": set()})
    for record in records:
        for block in record.blocks:
            entry = by_block[block.id]
            entry["outputs"].update(block.outputs)
            entry["updated"] |= {m for m, o in block.outcomes.items() if o == "updated"}
    stamped: dict[str, dict[str, str]] = defaultdict(dict)
    for record in records:
        for found in record.stamps:
            stamped[found.page].update(found.entries)
    counts: dict[str, int] = {}
    for shown in sorted({block_id.split("#")[0] for block_id in by_block} | set(stamped)):
        path = root / shown
        page = read_page(path, root, updating=True)
        if page.problems:
            problems += [f"{where}: {message}" for where, message in page.problems]
            continue
        changes = []
        for block in page.blocks:
            entry = by_block.get(block.id)
            if entry and entry["outputs"]:
                change = tabs.rewrite(block, page.text, entry["outputs"], entry["updated"])
                if change:
                    changes.append(change)
        blocks = len(changes)
        if stamped.get(shown) and page.stamp is not None:
            changes.append(stamps.rewrite(page, stamped[shown]))
        if changes:
            path.write_text(apply(page.text, changes), encoding="utf-8")
            counts[shown] = blocks
    return counts, problems
