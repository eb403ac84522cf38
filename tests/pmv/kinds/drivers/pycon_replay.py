"""Replay an interactive session the way the REPL runs it (read by kinds/pycon.py, run with -c).

stdin holds a JSON request: {"statements": [...], "full_tracebacks": bool}. Each statement is
compiled in "single" mode, so that an expression's value is echoed through sys.displayhook, and
run in __main__'s namespace. After each statement a marker line (\\x1e<number>\\x1e) tells the
runner where that statement's output ends. Everything is local to _replay so that __main__ holds
only what the session itself defines.
"""


def _replay():
    import json
    import os
    import sys

    request = json.loads(sys.stdin.read())
    sys.stdin = open(os.devnull)  # noqa: SIM115  (the session's own stdin, as in a REPL)
    sys.argv = [""]
    namespace = sys.modules["__main__"].__dict__
    keep = {"__name__", "__doc__", "__package__", "__loader__", "__spec__", "__builtins__"}
    for name in list(namespace):
        if name not in keep | {"__annotations__"}:
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
        out.write(f"\x1e{number}\x1e\n")
        out.flush()


if __name__ == "__main__":  # run by pycon.py with -c, or in Pyodide as __main__
    _replay()
