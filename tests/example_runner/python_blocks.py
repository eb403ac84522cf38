"""Scripts (```python): run in the test process by pytest-examples, print output as `#>` lines.

pytest-examples runs the code with print() patched and compares what was printed with the `#>`
comments under each call. It runs in-process, so the block sees the test process's interpreter
(the one under test) but not the scrubbed environment of pycon and console blocks: use those for
anything that depends on the environment, the venv or the file system layout.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from types import SimpleNamespace

import pytest

from .fences import Fence


class ScriptFailed(Exception):
    def __init__(self, message: str, *, stale_output: bool):
        super().__init__(message)
        self.stale_output = stale_output  # True: only the #> lines are out of date


def run_script(fence: Fence, config: pytest.Config, workdir: Path, update: bool) -> str | None:
    """Run the block; return its new body in update mode, raise ScriptFailed if it fails."""
    from _pytest.outcomes import Failed
    from pytest_examples import CodeExample, EvalExample

    example = CodeExample.create(
        fence.body, path=fence.path, start_line=fence.line, prefix=fence.lang
    )
    # EvalExample only reads .config and .node.nodeid from the request it is given.
    request = SimpleNamespace(
        config=config, node=SimpleNamespace(nodeid=f"{fence.path}:{fence.line}")
    )
    evaluator = EvalExample(tmp_path=workdir, pytest_request=request)
    cwd, path, modules = os.getcwd(), list(sys.path), set(sys.modules)
    os.chdir(workdir)
    sys.path.insert(0, str(workdir))
    try:
        if update:
            evaluator.run_print_update(example)
            return example.source
        evaluator.run_print_check(example)
        return None
    except Failed as exc:
        raise ScriptFailed(str(exc), stale_output=True) from None
    except Exception as exc:
        # Formatted here, not by pytest: the traceback pytest-examples rewrites to point into the
        # Markdown crashes pytest >= 8.4 on Python 3.11 (INTERNALERROR) when pytest renders it.
        lines = traceback.format_exception_only(type(exc), exc)
        where = _line_in_page(exc, fence)
        raise ScriptFailed(
            f"line {where}: the script raised\n{''.join(lines)}", stale_output=False
        ) from None
    finally:
        os.chdir(cwd)
        sys.path[:] = path
        for name in set(sys.modules) - modules:
            del sys.modules[name]


def _line_in_page(exc: BaseException, fence: Fence) -> int:
    tb, line = exc.__traceback__, fence.line
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(fence.path):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
