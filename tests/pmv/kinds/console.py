"""Shell sessions (```console): `$ ` lines are commands, the lines under them their output.

All commands of a block run in one bash process, as typed into one terminal: a `cd` or an
`export` carries over to the next command. stdout and stderr are shown together, as a terminal
shows them. Every command must exit 0, except the last when the fence says returncode="N".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmv.kinds.base import BlockKind, Rendered, Sample
from pmv.kinds.options import CHANGES, ENV, EXAMPLE, PYTHON, RETURNCODE, TIMEOUT, WIDE

PROMPT = "$ "
_SPLIT = re.compile("\x1e" + r"(\d+):(\d+)" + "\x1e\n")


@dataclass(frozen=True)
class Command:
    source: str  # may span lines joined by a trailing backslash
    line: int  # 0-based line of its prompt in the block's body


def parse(body: str) -> list[Command]:
    commands: list[Command] = []
    continued = False
    for number, line in enumerate(body.splitlines()):
        if continued:
            last = commands[-1]
            commands[-1] = Command(last.source + "\n" + line, last.line)
        elif line.startswith(PROMPT) or line == PROMPT.strip():
            commands.append(Command(line[2:], number))
            continued = line.endswith("\\")
            continue
        elif commands:
            continued = False
            continue
        elif line.strip():
            raise ValueError(f"a console block must start with a '$ ' command, not {line!r}")
        continued = bool(commands) and line.endswith("\\")
    return commands


def render(commands: list[Command], outputs: list[str]) -> str:
    out = []
    for command, output in zip(commands, outputs, strict=False):
        out.append(f"{PROMPT}{command.source}".rstrip())
        if output.strip():
            out += [line.rstrip() for line in output.rstrip("\n").split("\n")]
    return "\n".join(out) + "\n"


def script(commands: list[str]) -> str:
    """A bash script that runs the commands and marks where each one's output ends."""
    lines = []
    for number, command in enumerate(commands):
        lines.append(command)
        lines.append(f"printf '\\036%d:%d\\036\\n' {number} \"$?\"")
    return "\n".join(lines) + "\n"


def split_outputs(raw: str) -> tuple[list[tuple[str, int]], str]:
    """(output, exit status) of each command that finished, and whatever came after."""
    parts = _SPLIT.split(raw)
    results = [(parts[i], int(parts[i + 2])) for i in range(0, len(parts) - 1, 3)]
    return results, parts[-1]


def run_commands(workspace, commands: list[str], timeout: float):
    outcome = workspace.run(["bash", "-c", script(commands)], stdin=None, timeout=timeout)
    results, rest = split_outputs(outcome.output)
    return outcome, results, rest


class ConsoleKind(BlockKind):
    name = "console"
    languages = ("console",)
    shows_errors = True
    options = (EXAMPLE, PYTHON, TIMEOUT, RETURNCODE, WIDE, CHANGES, ENV)
    sample = Sample(
        page='```{.console example="sample"}\n$ python hello.py\n```\n',
        files={"hello.py": 'import sys\nprint("hello from %d.%d" % sys.version_info[:2])\n'},
        wants="$ python hello.py\nhello from {minor}\n",
    )

    def input_of(self, body: str) -> str:
        return "\n".join(command.source for command in parse(body))

    def copy_text(self, shown: str) -> str | None:
        """The commands as the runner runs them, a backslash's continuation lines included."""
        try:
            return self.input_of(shown)
        except ValueError:  # not a session: nothing to leave out
            return None

    def check(self, block) -> list[str]:
        try:
            commands = parse(block.body)
        except ValueError as exc:
            return [str(exc)]
        return [] if commands else ["a console block needs at least one '$ ' command"]

    def execute(self, block, workspace, timeout) -> Rendered:
        commands = parse(block.body)
        outcome, results, rest = run_commands(workspace, [c.source for c in commands], timeout)
        outputs = [output for output, _ in results]
        expected_last = int(block.options.get("returncode", "0"))
        problem, line = None, None
        for number, (command, (_, status)) in enumerate(
            zip(commands, results, strict=False), start=1
        ):
            wanted = expected_last if number == len(commands) else 0
            if status != wanted:
                problem = f"command {number} (`{command.source}`) exited with status {status}, "
                problem += f"not {wanted}."
                if status:
                    problem += (
                        " If that is what it should do, put it last in its block and give the "
                        f'fence returncode="{status}".'
                    )
                line = command.line
                break
        if len(results) < len(commands):
            stopped = commands[len(results)]
            outputs.append(rest)
            commands = commands[: len(results) + 1]
            if outcome.timed_out:
                problem = f"the console block did not finish within {timeout:g} s and was stopped"
            else:
                problem = problem or f"the shell exited during command {len(commands)}"
            line = stopped.line if line is None else line
        return Rendered(render(commands, outputs), problem, line)
