"""Interpreters run inside a Debian chroot (3.14 and 3.15). Written in full by the chroot issue."""

from __future__ import annotations


def find(minor: str):
    return None
