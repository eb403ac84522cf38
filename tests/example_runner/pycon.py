"""Interactive sessions (```pycon): parse them, replay them in a fresh interpreter, write them back.

A session is replayed statement by statement the way the interactive interpreter runs it:
compiled in "single" mode, so that the value of an expression statement is echoed through
sys.displayhook, in the namespace of __main__, with sys.path[0] == "" (the current directory).
Tracebacks follow doctest's convention, the header, "  ...", the exception (traceback="full" on
the fence keeps the frames, for when they are the point).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

PROMPT, CONTINUATION = ">>>", "..."
MARKER = "\x1e"  # record separator: never in an example's output
_SPLIT = re.compile(MARKER + r"(\d+)" + MARKER + "\n")


@dataclass
class Statement:
    source: str
    output: str  # as written on the page (expected) or as produced (actual)


def parse(body: str) -> list[Statement]:
    statements: list[Statement] = []
    in_source = False
    for line in body.splitlines():
        if line == PROMPT or line.startswith(PROMPT + " "):
            statements.append(Statement(line[4:], ""))
            in_source = True
        elif in_source and (line == CONTINUATION or line.startswith(CONTINUATION + " ")):
            statements[-1].source += "\n" + line[4:]
        elif statements:
            in_source = False
            statements[-1].output += line + "\n"
        elif line.strip():
            raise ValueError(f"a pycon block must start with a '>>> ' prompt, not {line!r}")
    return statements


def render(statements: list[Statement]) -> str:
    out = []
    for statement in statements:
        first, *rest = statement.source.split("\n")
        out.append(f"{PROMPT} {first}".rstrip())
        out += [f"{CONTINUATION} {line}".rstrip() for line in rest]
        out += [
            line.rstrip()
            for line in statement.output.rstrip("\n").split("\n")
            if statement.output.strip()
        ]
    return "\n".join(out) + "\n"


# Runs in the interpreter under test. Everything is local to _replay so that __main__ holds
# only what the session itself defines.
DRIVER = r"""
def _replay():
    import json, os, sys
    request = json.loads(sys.stdin.read())
    sys.stdin = open(os.devnull)
    sys.argv = [""]
    namespace = sys.modules["__main__"].__dict__
    for name in list(namespace):
        if name not in {"__name__", "__doc__", "__package__", "__loader__", "__spec__",
                        "__annotations__", "__builtins__"}:
            del namespace[name]
    out = sys.__stdout__
    for number, source in enumerate(request["statements"]):
        try:
            code = compile(source + "\n", "<stdin>", "single")
        except SyntaxError as exc:
            sys.__excepthook__(type(exc), exc, None)  # the REPL prints no traceback header
        else:
            try:
                exec(code, namespace)
            except SystemExit:
                raise
            except BaseException as exc:
                sys.stdout.flush()
                # The hook prints the exception's own __traceback__: drop _replay's frame, or all.
                if request["full_tracebacks"]:
                    exc.__traceback__ = exc.__traceback__.tb_next
                else:
                    exc.__traceback__, exc.__cause__, exc.__suppress_context__ = None, None, True
                    sys.stderr.write("Traceback (most recent call last):\n  ...\n")
                sys.__excepthook__(type(exc), exc, exc.__traceback__)
        sys.stdout.flush()
        sys.stderr.flush()
        out.write("\x1e%d\x1e\n" % number)
        out.flush()
_replay()
"""


def request(statements: list[Statement], full_tracebacks: bool) -> str:
    return json.dumps(
        {"statements": [s.source for s in statements], "full_tracebacks": full_tracebacks}
    )


def split_outputs(raw: str, count: int) -> tuple[list[str], str]:
    """The output of each statement, and whatever came after the last marker."""
    parts = _SPLIT.split(raw)
    outputs = parts[0:-1:2]
    return outputs[:count], parts[-1]
