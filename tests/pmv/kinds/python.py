"""Scripts (```python): run by pytest-examples in the interpreter under test.

The block runs in a process of the lane's interpreter, in the lane's tools venv (the clean venv
has nothing installed, and pytest-examples must be importable), in a fresh copy of its example
with the same scrubbed environment as the other kinds. What each print() call prints is
written under it as `#>` lines, by pytest-examples' own update mode; the runner compares the
result with the page like any other kind's output.
"""

from __future__ import annotations

import json

from pmv.kinds import drivers
from pmv.kinds.base import BlockKind, Rendered, Sample
from pmv.kinds.options import CHANGES, EXAMPLE, PYTHON, TIMEOUT, WIDE


class PythonKind(BlockKind):
    name = "python"
    languages = ("python", "py")
    options = (EXAMPLE, PYTHON, TIMEOUT, WIDE, CHANGES)
    tools_group = "python-blocks"  # pytest-examples and what it needs
    sample = Sample(
        page='```{.python example="sample"}\nimport greet\n\nprint(greet.hello("you"))\n```\n',
        files={"greet.py": 'def hello(name):\n    return f"hello, {name}"\n'},
        wants='print(greet.hello("you"))\n#> hello, you\n',
    )

    def input_of(self, body: str) -> str:
        return "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("#>"))

    def execute(self, block, workspace, timeout) -> Rendered:
        request = workspace.root / "python-block.json"
        result = workspace.root / "python-block-result.json"
        request.write_text(
            json.dumps(
                {
                    "source": block.body,
                    "path": str(block.path),
                    "line": block.line,
                    "result": str(result),
                }
            )
        )
        tools = workspace.lane.tools_python
        argv = [tools, "-c", drivers.source("python_block"), str(request)]
        outcome = workspace.run(argv, stdin=None, timeout=timeout)
        if outcome.timed_out:
            return Rendered(block.body, f"the python block did not finish within {timeout:g} s")
        if not result.is_file():
            problem = f"the python block's runner failed (exit {outcome.returncode})"
            return Rendered(block.body, f"{problem}:\n{outcome.output}")
        answer = json.loads(result.read_text())
        if answer["error"]:
            line = (answer["line"] or block.line) - block.body_line
            return Rendered(block.body, f"the script raised\n{answer['error']}", max(line, 0))
        return Rendered(workspace.mask(answer["source"]))
