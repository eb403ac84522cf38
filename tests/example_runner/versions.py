"""The supported versions, and version conditions on blocks: `python="3.13"`, `python=">=3.11"`.

This is the one list of versions the site covers; the noxfile, the records and the tables all
read it from here, and sort versions with `version_key`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

# The interpreters the site claims to be right on; a block with no condition claims all of them.
SUPPORTED = ("3.10", "3.11", "3.12", "3.13", "3.14", "3.15")
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

    def __str__(self) -> str:
        return "every version" if self.text is None else f'python="{self.text}"'
