"""Version tabs that write themselves: one block's outputs per version, grouped where they agree.

An author writes a block once. The update run knows each version's output, from this run's lanes
and, for the versions it did not run, from the page; versions next to each other that printed
the same output share one tab labelled with their closed range ("3.10–3.12"), and a block whose
output is the same on every version that ran it has no tabs at all (the page's verified-with
line says which versions those are). Outputs that differ only in
the version's own identifiers (the cache tag cpython-312, python3.12 in paths) count as the same:
their shared tab writes the differing digit as X (versions.mask_identifiers).
"""

from __future__ import annotations

from dataclasses import replace

from pmv.lanes.sandbox import normalise
from pmv.page import Block
from pmv.versions import label, mask_identifiers, version_key

TAB_INDENT = "    "


def on_page(block: Block) -> dict[str, str]:
    """Each version's output as the page states it.

    A version tab states its versions'. A block without tabs states one output for every
    version that verified the page (its verified-with line), and nothing on a page never updated.
    """
    outputs = {}
    for variant in block.variants:
        for minor in variant.versions or block.verified:
            if minor in block.versions:
                outputs[minor] = normalise(variant.body)
    return outputs


def groups(block: Block, outputs: dict[str, str]) -> list[tuple[list[str], str]]:
    """(versions, text) per tab, in version order; adjacent versions that agree share one."""
    result: list[tuple[list[str], list[str], str]] = []  # versions, their texts, shared key
    for minor in [v for v in block.versions if v in outputs]:
        text = outputs[minor]
        key = mask_identifiers(text, minor)
        previous = result[-1] if result else None
        adjacent = previous and block.versions.index(previous[0][-1]) + 1 == block.versions.index(
            minor
        )
        if previous and adjacent and previous[2] == key:
            previous[0].append(minor)
            previous[1].append(text)
        else:
            result.append(([minor], [text], key))
    return [(vs, texts[0] if len(set(texts)) == 1 else key) for vs, texts, key in result]


def rewrite(
    block: Block,
    page_text: str,
    outputs: dict[str, str],
    updated: set[str],
    *,
    carry: bool = False,
) -> tuple[int, int, str] | None:
    """The replacement of the block's text, given each version's output of a run (or of several
    jobs' runs, merged) and which of them differ from the page; None if nothing changes. With
    carry, the versions the run did not have take a new output from their tab (carried())."""
    start, end = block.span
    if block.kind.per_lane:
        if not updated:
            return None
        body = block.body
        for minor in sorted(updated, key=version_key):
            body = block.kind.written(replace(block, body=body), outputs[minor], minor)
        return start, end, block.reindent(body)
    # Every version's output: the run's where it differs from the page, else the page's (which
    # may write the version's own identifiers for all versions, as 31X).
    known = on_page(block)
    if carry:
        known.update(carried(block, known, outputs, updated))
    for minor, text in outputs.items():
        if minor in updated or minor not in known:
            known[minor] = normalise(text)
    if not known:
        return None
    text = render(block, groups(block, known))
    return None if page_text[start:end] == text else (start, end, text)


def carried(
    block: Block, known: dict[str, str], outputs: dict[str, str], updated: set[str]
) -> dict[str, str]:
    """For an update on some versions only: each version the run did not have takes the new
    output of the nearest updated version that shared its tab on the page.

    A changed output is most often a changed input or example, which changes its tab-mates'
    outputs alike; keeping their old outputs would pair the new input with outputs it never
    printed, and split a block that agrees into tabs with no change to note. The versions the
    run did not have check the claim in their own runs (CI's lanes), whose update splits the tab
    where it is wrong. A merge of CI's records does not carry: a lane it lacks passed.
    """
    order = block.versions
    changed = [m for m in updated if m in known and m in outputs]
    result = {}
    for minor in set(known) - set(outputs):
        mates = [
            m
            for m in changed
            if mask_identifiers(known[m], m) == mask_identifiers(known[minor], minor)
        ]
        if mates:
            nearest = min(mates, key=lambda m: abs(order.index(m) - order.index(minor)))
            # Written for every version (31X), as a shared tab writes it.
            result[minor] = mask_identifiers(normalise(outputs[nearest]), nearest)
    return result


def render(block: Block, tabs: list[tuple[list[str], str]]) -> str:
    """The page text of the block: one fence, or one version tab per group."""
    indent = block.indent
    if len(tabs) == 1:
        return _fence(block, indent, tabs[0][1])
    parts = [
        f'{indent}=== "{label(versions)}"\n\n' + _fence(block, indent + TAB_INDENT, text)
        for versions, text in tabs
    ]
    return "\n".join(parts)


def _fence(block: Block, indent: str, text: str) -> str:
    lines = text.splitlines(keepends=True)
    body = "".join(indent + line if line.strip() else line for line in lines)
    return f"{indent}{block.marker}{block.info}\n{body}{indent}{block.marker}\n"
