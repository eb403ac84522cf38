"""docs/changes.md: what changed in each version, from the version tabs and their change notes.

A block whose output differs between versions is written as tabs ("3.10–3.11", "3.12–3.15"),
each tab a run of versions whose output is the same, and carries a note saying what changed
(`changes="3.12 inlined the comprehension (PEP 709); 3.15 ..."`). A tab that starts at a version
is a change in that version; the note's clauses (split at ";") that name the version say what
it was. A clause about a build rather than a version (Debian's, pyenv's) is listed apart.
Outputs that differ only in a version's own name for itself (cache tags, lib/python3.X) are
never split into tabs (the runner writes them once, with X), so none of them is listed.
"""

from __future__ import annotations

import re
from collections import defaultdict

from pmv.page import read_page
from pmv.reference.site_model import HEADER, ROOT, Section, TopicPage
from pmv.versions import SUPPORTED

BUILD = re.compile(r"\b(Debian|pyenv|builds?|built)\b(?!-in)")
VERSION = re.compile(r"\b3\.1\d\b")


def clauses(note: str) -> list[str]:
    return [c.strip() for c in note.split(";") if c.strip()]


def first_version(clause: str) -> str | None:
    match = VERSION.search(clause)
    return match[0] if match else None


def collect(pages: list[TopicPage]):
    """{version: {"behaviour" | "build" | "unnamed": {section: [clauses]}}}"""
    found: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for page in pages:
        for block in read_page(page.path, ROOT).blocks:
            # An example written for some versions only (python=">=3.11"): new in its first,
            # or gone after its last.
            versions = block.versions
            if versions and versions != list(SUPPORTED):
                section = page.section_at(block.line)
                if versions[0] != SUPPORTED[0]:
                    found[versions[0]]["from"][section] = []
                if versions[-1] != SUPPORTED[-1]:
                    found[SUPPORTED[SUPPORTED.index(versions[-1]) + 1]]["until"][section] = []
            if not block.grouped:
                continue
            note = block.options.get("changes", "")
            section = page.section_at(block.line)
            for variant in block.variants[1:]:
                version = (variant.versions or [None])[0]
                if version is None:
                    continue
                named = [c for c in clauses(note) if first_version(c) == version]
                builds = [c for c in named if BUILD.search(c)]
                behaviour = [c for c in named if c not in builds]
                for kind, items in (("behaviour", behaviour), ("build", builds)):
                    for clause in items:
                        if clause not in found[version][kind][section]:
                            found[version][kind][section].append(clause)
                if not named:
                    # A build clause that names this version, or none, may be this one's; any
                    # other note is listed whole, as one that does not say what it changed.
                    builds = [
                        c
                        for c in clauses(note)
                        if BUILD.search(c) and version in (VERSION.findall(c) or [version])
                    ]
                    kind, items = ("build", builds) if builds else ("unnamed", [note])
                    for clause in items:
                        if clause not in found[version][kind][section]:
                            found[version][kind][section].append(clause)
    return found


def _listing(by_section: dict[Section, list[str]]) -> list[str]:
    out = []
    for section in sorted(by_section, key=lambda s: (s.page, s.line)):
        said = "; ".join(by_section[section])
        out.append(f"- [{section.title}]({section.link})" + (f": {said}" if said else ""))
    return out


def render(pages: list[TopicPage]) -> tuple[str, list[str]]:
    found = collect(pages)
    order = {page.name: n for n, page in enumerate(pages)}
    out = [
        HEADER.format(what="changes.py", source="the pages' change notes (changes=)"),
        "# What changed in each version\n",
        "For each version, every output on this site that differs from the version before, "
        "with what changed where the page's note on it says so (the others listed apart), and a "
        "link to its section. It is "
        "gathered from the version tabs the test suite writes (a tab that starts at a version "
        "is a change in that version) and from the examples written for some versions only "
        "(a new flag, new syntax), listed under the version they start or stop at.\n",
        "Not listed: outputs that differ only in the version's own name for itself (the cache "
        "tag `cpython-31X`, `lib/python3.1X`), which the pages show once, with an X "
        "([what is replaced](about.md#what-is-replaced-in-the-outputs)). Differences "
        "that a note says come from how an interpreter was built (Debian's builds run 3.13 to "
        "3.15 here) are listed apart, under each version.\n",
    ]
    for version in SUPPORTED[1:]:
        kinds = found.get(version, {})
        out.append(f"## {version}\n")
        behaviour = dict(
            sorted(kinds.get("behaviour", {}).items(), key=lambda i: (order[i[0].page], i[0].line))
        )
        unnamed = kinds.get("unnamed", {})
        if not behaviour and not unnamed and not kinds.get("from") and not kinds.get("until"):
            out.append(f"No output on this site differs from {_before(version)}'s.\n")
        out.extend(_listing(behaviour))
        if unnamed:
            out.append("")
            out.append(
                f"Outputs that differ from {_before(version)}'s, "
                f"whose note does not say what {version} changed:\n"
            )
            out.extend(_listing(unnamed))
        for kind, words in (
            ("from", f"Examples that run from {version} on"),
            ("until", f"Examples that run only before {version}"),
        ):
            if kinds.get(kind):
                out.append("")
                out.append(f"{words} (written for those versions only):\n")
                out.extend(_listing(kinds[kind]))
        builds = kinds.get("build", {})
        if builds:
            out.append("")
            out.append(f'??? note "How {version} was built, not what it changed"\n')
            out.extend("    " + line for line in _listing(builds))
        out.append("")
    return "\n".join(out).rstrip() + "\n", []


def _before(version: str) -> str:
    return SUPPORTED[SUPPORTED.index(version) - 1]
