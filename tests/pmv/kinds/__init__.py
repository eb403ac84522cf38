"""The kinds of block, and their registry.

Each kind is one module (pycon, console, python, table) over `base.BlockKind`; this file lists
them, and is the only module that imports them all. A kind module imports `base`, never this
file, so that any of them can be imported first.
"""

from __future__ import annotations

from pmv.kinds.base import BlockKind
from pmv.kinds.console import ConsoleKind
from pmv.kinds.pycon import PyconKind
from pmv.kinds.python import PythonKind
from pmv.kinds.table import TableKind

KINDS: list[BlockKind] = [PythonKind(), PyconKind(), ConsoleKind(), TableKind()]


def for_language(lang: str) -> BlockKind | None:
    return next((kind for kind in KINDS if lang in kind.languages), None)


def for_directive(name: str) -> BlockKind | None:
    return next((kind for kind in KINDS if kind.directive == name), None)
