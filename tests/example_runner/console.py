"""Shell sessions (```console): `$ ` lines are commands, the lines under them their output.

All commands of a block run in one bash process, as typed into one terminal: a `cd` or an
`export` carries over to the next command. stdout and stderr are shown together, as a terminal
shows them. Every command must exit 0, except the last when the fence says returncode="N".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PROMPT = "$ "
MARKER = "\x1e"
_SPLIT = re.compile(MARKER + r"(\d+):(\d+)" + MARKER + "\n")


@dataclass
class Command:
    source: str  # may span lines joined by a trailing backslash
    output: str


def parse(body: str) -> list[Command]:
    commands: list[Command] = []
    continued = False
    for line in body.splitlines():
        if continued:
            commands[-1].source += "\n" + line
        elif line.startswith(PROMPT) or line == PROMPT.strip():
            commands.append(Command(line[2:], ""))
        elif commands:
            commands[-1].output += line + "\n"
        elif line.strip():
            raise ValueError(f"a console block must start with a '$ ' command, not {line!r}")
        continued = bool(commands) and not commands[-1].output and line.endswith("\\")
    return commands


def render(commands: list[Command]) -> str:
    out = []
    for command in commands:
        out.append(f"{PROMPT}{command.source}".rstrip())
        if command.output.strip():
            out += [line.rstrip() for line in command.output.rstrip("\n").split("\n")]
    return "\n".join(out) + "\n"


def script(commands: list[Command]) -> str:
    """A bash script that runs the commands and marks where each one's output ends."""
    lines = []
    for number, command in enumerate(commands):
        lines.append(command.source)
        lines.append(f"printf '\\036%d:%d\\036\\n' {number} \"$?\"")
    return "\n".join(lines) + "\n"


def split_outputs(raw: str) -> tuple[list[tuple[str, int]], str]:
    """(output, exit status) of each command that finished, and whatever came after."""
    parts = _SPLIT.split(raw)
    results = [(parts[i], int(parts[i + 2])) for i in range(0, len(parts) - 1, 3)]
    return results, parts[-1]
