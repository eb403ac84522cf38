"""Run one python block with pytest-examples (read by kinds/python.py, run with -c).

sys.argv[1] is a JSON file holding {"source", "path", "line", "result"}: the block's code, the
page and line it comes from, and where to write the result. The block runs in update mode, so
the result is the block's source with fresh `#>` lines under each print() call; the runner
compares that with the page. The result is a JSON file, since the block may print anything.
"""


def _run_block():
    import json
    import sys
    import tempfile
    import traceback
    from pathlib import Path
    from types import SimpleNamespace

    from pytest_examples import CodeExample, EvalExample

    request = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    result = {"source": None, "error": None, "line": None}
    example = CodeExample.create(
        request["source"], path=Path(request["path"]), start_line=request["line"], prefix="python"
    )
    # EvalExample reads only these of the pytest request it is given.
    config = SimpleNamespace(getoption=lambda name, default=None: name == "update_examples")
    pytest_request = SimpleNamespace(config=config, node=SimpleNamespace(nodeid=request["path"]))
    with tempfile.TemporaryDirectory() as tmp:
        evaluator = EvalExample(tmp_path=Path(tmp), pytest_request=pytest_request)
        sys.argv = [request["path"]]
        try:
            evaluator.run_print_update(example, rewrite_assertions=False)
            result["source"] = example.source
        except BaseException as exc:  # the block's own exception, reported on the page
            result["error"] = "".join(traceback.format_exception_only(type(exc), exc))
            tb = exc.__traceback__
            while tb is not None:
                if tb.tb_frame.f_code.co_filename == str(request["path"]):
                    result["line"] = tb.tb_lineno
                tb = tb.tb_next
    Path(request["result"]).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":  # run by python.py with -c
    _run_block()
