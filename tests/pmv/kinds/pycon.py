"""Interactive sessions (```pycon): parse them, replay them in a fresh interpreter, render them.

A session is replayed statement by statement the way the interactive interpreter runs it (see
drivers/pycon_replay.py), in the namespace of __main__, with sys.path[0] == "" (the current
directory). Tracebacks follow doctest's convention, the header, "  ...", the exception
(traceback="full" on the fence keeps the frames, for when they are the point).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from pmv.kinds import drivers
from pmv.kinds.base import BlockKind, Rendered, Sample
from pmv.kinds.options import CHANGES, ENV, EXAMPLE, PYTHON, TIMEOUT, TRACEBACK, WIDE

PROMPT, CONTINUATION = ">>>", "..."
_SPLIT = re.compile("\x1e" + r"(\d+)" + "\x1e\n")


@dataclass(frozen=True)
class Statement:
    source: str
    line: int  # 0-based line of its prompt in the block's body


def parse(body: str) -> list[Statement]:
    """The statements of a session; ValueError if the body does not start with a prompt."""
    statements: list[Statement] = []
    in_source = False
    for number, line in enumerate(body.splitlines()):
        if line == PROMPT or line.startswith(PROMPT + " "):
            statements.append(Statement(line[4:], number))
            in_source = True
        elif in_source and (line == CONTINUATION or line.startswith(CONTINUATION + " ")):
            last = statements[-1]
            statements[-1] = Statement(last.source + "\n" + line[4:], last.line)
        elif statements:
            in_source = False
        elif line.strip():
            raise ValueError(f"a pycon block must start with a '>>> ' prompt, not {line!r}")
    return statements


def render(statements: list[Statement], outputs: list[str]) -> str:
    out = []
    for statement, output in zip(statements, outputs, strict=False):
        first, *rest = statement.source.split("\n")
        out.append(f"{PROMPT} {first}".rstrip())
        out += [f"{CONTINUATION} {line}".rstrip() for line in rest]
        if output.strip():
            out += [line.rstrip() for line in output.rstrip("\n").split("\n")]
    return "\n".join(out) + "\n"


def code_for_copy(statements: list[Statement]) -> str:
    """The session's code as a REPL takes it pasted: each statement's lines without prompts,
    and a blank line after a statement whose last line is in an indented block, which the REPL
    needs to close the block where the session shows none (a doctest needs none)."""
    out: list[str] = []
    in_block = False
    for statement in statements:
        lines = statement.source.split("\n")
        if in_block:
            out.append("")
        out += lines
        in_block = len(lines) > 1 and bool(lines[-1].strip())
    return "\n".join(out)


def split_outputs(raw: str, count: int) -> tuple[list[str], str]:
    """The output of each statement, and whatever came after the last marker."""
    parts = _SPLIT.split(raw)
    outputs = parts[0:-1:2]
    return outputs[:count], parts[-1]


class PyconKind(BlockKind):
    name = "pycon"
    languages = ("pycon",)
    shows_errors = True
    options = (EXAMPLE, PYTHON, TIMEOUT, TRACEBACK, WIDE, CHANGES, ENV)

    browser_candidate = True
    sample = Sample(
        page='```{.pycon example="sample"}\n>>> import greet\n>>> greet.hello("you")\n```\n',
        files={"greet.py": 'def hello(name):\n    return f"hello, {name}"\n'},
        wants=">>> greet.hello(\"you\")\n'hello, you'\n",
    )

    def input_of(self, body: str) -> str:
        return "\n".join(statement.source for statement in parse(body))

    def copy_text(self, shown: str) -> str | None:
        try:
            return code_for_copy(parse(shown))
        except ValueError:  # not a session: nothing to leave out
            return None

    def check(self, block) -> list[str]:
        try:
            parse(block.body)
        except ValueError as exc:
            return [str(exc)]
        return []

    def execute(self, block, workspace, timeout) -> Rendered:
        statements = parse(block.body)
        request = json.dumps(
            {
                "statements": [s.source for s in statements],
                "full_tracebacks": block.options.get("traceback") == "full",
            }
        )
        python = str(workspace.venv / "bin" / "python")
        argv = [python, "-u", "-c", drivers.source("pycon_replay")]
        outcome = workspace.run(argv, stdin=request, timeout=timeout)
        outputs, rest = split_outputs(outcome.output, len(statements))
        if len(outputs) == len(statements) and not outcome.timed_out:
            return Rendered(render(statements, outputs))
        stopped = len(outputs)
        shown = render(statements[: stopped + 1], [*outputs, rest])
        if outcome.timed_out:
            problem = f"the pycon block did not finish within {timeout:g} s and was stopped"
        else:
            problem = (
                f"the interpreter exited during statement {stopped + 1} "
                f"(exit status {outcome.returncode})"
            )
        return Rendered(shown, problem, statements[min(stopped, len(statements) - 1)].line)
