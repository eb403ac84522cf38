"""Options of blocks, read and checked in one place for fences and directives alike.

A fence's options sit in its info string (```` ```{.pycon example="pyc/spam"} ````), a table's
in its HTML comment (`<!-- table-rows: command="..." -->`). Both are `key="value"` words split
the way a shell splits them; every problem is a message for the page's author.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass

from pmv.lanes import environments
from pmv.lanes.sandbox import DEFAULT_TIMEOUT
from pmv.versions import VersionCondition

# Options that pymdownx.highlight itself understands, in either form of fence.
HIGHLIGHT_OPTIONS = frozenset({"title", "linenums", "hl_lines"})


@dataclass(frozen=True)
class Option:
    """An option a kind of block takes: its name, what it means, and how its value is checked."""

    name: str
    meaning: str
    check: Callable[[str], str | None] = lambda value: None  # an error message, or None


def _condition(value: str) -> str | None:
    try:
        VersionCondition.parse(value)
    except ValueError as exc:
        return str(exc)
    return None


def _seconds(value: str) -> str | None:
    try:
        if float(value) > 0:
            return None
    except ValueError:
        pass
    return f'timeout="{value}" is not a number of seconds'


def _status(value: str) -> str | None:
    if value.isdigit() and int(value) < 256:
        return None
    return f'returncode="{value}" is not an exit status (0-255)'


def _one_of(*choices: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if value in choices:
            return None
        return f'"{value}" is not one of: {", ".join(choices)}'

    return check


EXAMPLE = Option("example", "run in a fresh copy of examples/NAME/")
PYTHON = Option("python", "only holds on these versions, e.g. 3.13 or >=3.11", _condition)
TIMEOUT = Option(
    "timeout", f"seconds before the block is stopped (default {DEFAULT_TIMEOUT:g})", _seconds
)
RETURNCODE = Option("returncode", "the exit status of the last command", _status)
TRACEBACK = Option("traceback", "short (default) or full tracebacks", _one_of("short", "full"))
COMMAND = Option("command", "the shell command that prints this interpreter's row")
WIDE = Option(
    "wide",
    "why this block's lines may be longer than 80 columns",
    lambda v: None if v.strip() else 'wide="..." says why the lines may be longer',
)
ENV = Option(
    "env",
    "the environment it runs in (pmv/lanes/environments.py): bare (the default), venv, ...",
    environments.check,
)
CHANGES = Option("changes", "what changed between the versions of its tabs, and why (one line)")
WIDTH = 80  # a phone shows about this many columns of code


def split_words(text: str) -> list[str]:
    """Shell-like words; an unclosed quote is a ValueError with a message for the author."""
    try:
        return shlex.split(text)
    except ValueError as exc:
        raise ValueError(f"the options {text.strip()!r} cannot be read: {exc}") from None


def parse_info(info: str) -> tuple[str, dict[str, str], bool]:
    """(language, options, brace form) of a fence's info string; ValueError if unreadable."""
    info = info.strip()
    mixed = re.match(r"^([\w+-]+)\s*(\{.*\})$", info)  # py {title="x"}
    if mixed:
        info = "{." + mixed[1] + " " + mixed[2][1:]
    brace = info.startswith("{") and info.endswith("}")
    lang, options = "", {}
    for word in split_words(info[1:-1] if brace else info):
        if "=" in word:
            key, _, value = word.partition("=")
            options[key] = value
        elif brace and word.startswith(".") and not lang:
            lang = word[1:]
        elif not brace and not lang:
            lang = word
    return lang.lower(), options, brace


def parse_directive(text: str) -> tuple[dict[str, str], list[str]]:
    """The key="value" options of a directive, and the words that are not options."""
    options, stray = {}, []
    for word in split_words(text):
        key, equals, value = word.partition("=")
        if equals and key:
            options[key] = value
        else:
            stray.append(word)
    return options, stray


def check_options(
    kind_name: str, options: dict[str, str], accepted: tuple[Option, ...], extra=frozenset()
) -> list[str]:
    """Every problem with a block's options, as messages."""
    known = {option.name: option for option in accepted}
    problems = []
    for key in sorted(set(options) - set(known) - extra):
        takes = [f"{name}= ({known[name].meaning})" for name in sorted(known)]
        takes += [f"{name}= (the highlighter's)" for name in sorted(extra)]
        problems.append(
            f"unknown option {key}= on a {kind_name} block; it takes: {'; '.join(takes)}"
        )
    for key, option in known.items():
        if key in options:
            message = option.check(options[key])
            if message:
                problems.append(message)
    return problems
