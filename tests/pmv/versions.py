"""The supported versions, and version conditions on blocks: `python="3.13"`, `python=">=3.11"`.

SUPPORTED is the list of versions the site covers, pyproject.toml's; the noxfile, the records,
the tables and the workflows' matrices all read it from here, and sort versions with
`version_key`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

from pmv.project import PROJECT

# The interpreters the site claims to be right on; a block with no condition claims all of them.
# pyproject.toml's [tool.pmv] versions, the one list.
SUPPORTED: tuple[str, ...] = tuple(PROJECT.settings["versions"])
_BARE = re.compile(r"^\d+\.\d+$")


def version_key(text: str) -> tuple[int, ...]:
    """Sort "3.9" before "3.10" and "3.13.0" before "3.13.18"; anything else sorts first."""
    return tuple(int(part) if part.isdigit() else -1 for part in text.split("."))


@dataclass(frozen=True)
class VersionCondition:
    text: str | None
    specifiers: SpecifierSet

    @classmethod
    def parse(cls, text: str | None) -> VersionCondition:
        if text is None:
            return cls(None, SpecifierSet())
        spec = f"=={text}.*" if _BARE.match(text.strip()) else text
        try:
            specifiers = SpecifierSet(spec)
        except InvalidSpecifier:
            raise ValueError(
                f'python="{text}" is not a version condition; write e.g. python="3.13" '
                f'or python=">=3.11" or python=">=3.11,<3.13"'
            ) from None
        condition = cls(text, specifiers)
        if not condition.supported_matches():
            raise ValueError(
                f'python="{text}" matches none of the supported versions ({", ".join(SUPPORTED)})'
            )
        return condition

    def matches(self, minor: str) -> bool:
        return Version(minor) in self.specifiers

    def supported_matches(self) -> list[str]:
        return [v for v in SUPPORTED if self.matches(v)]


# Version tabs are labelled with the closed range of versions that printed the same output.
RANGE_DASH = "\u2013"  # en dash: "3.10–3.12"
_LABEL = re.compile(r"^(?P<first>\d+\.\d+)(?:\s*[-\u2013]\s*(?P<last>\d+\.\d+))?$")


def parse_label(label: str, *, dropping: bool = False) -> list[str] | None:
    """The versions a tab label names ("3.12", "3.10–3.12"), or None if it is no version label.

    ValueError if it names a version the site does not cover, or runs backwards; when
    `dropping` (an update run, after a version left SUPPORTED), such versions are left out."""
    match = _LABEL.match(label.strip())
    if not match:
        return None
    first, last = match["first"], match["last"] or match["first"]
    named = [v for v in (first, last) if v not in SUPPORTED]
    if named and not dropping:
        raise ValueError(
            f'the tab "{label}" names {named[0]}, which the site does not cover '
            f"({', '.join(SUPPORTED)}); the update command regroups the tabs without it"
        )
    low, high = version_key(first), version_key(last)
    if low > high:
        raise ValueError(f'the tab "{label}" runs backwards')
    return [v for v in SUPPORTED if low <= version_key(v) <= high]


def label(versions: list[str]) -> str:
    first, last = versions[0], versions[-1]
    return first if first == last else f"{first}{RANGE_DASH}{last}"


# Outputs that differ only in the version's own identifiers share a tab, the differing digit
# written as X: spam.cpython-31X.pyc, lib/python3.1X. docs/about.md lists these.
SHARED_MINOR = "3.1X"


def mask_identifiers(text: str, minor: str) -> str:
    """The text with this version's cache tag and path names written for every version."""
    major, _, number = minor.partition(".")
    shared = SHARED_MINOR.replace(".", "")
    digits = f"{major}{number}"
    text = re.sub(rf"cpython-{digits}(?!\d)", f"cpython-{shared}", text)
    text = re.sub(rf"python{re.escape(minor)}(?!\d)", f"python{SHARED_MINOR}", text)
    return re.sub(rf"python{digits}(?!\d)", f"python{shared}", text)
