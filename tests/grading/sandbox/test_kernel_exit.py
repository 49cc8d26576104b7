"""A cell that calls IPython's ``exit()`` or ``quit()`` ends that cell only (and setting
``exit_now`` does nothing); the cells and functions before and after it keep working (as with
``sys.exit`` and ``os._exit``)."""

from __future__ import annotations

import pytest
import sandbox_support

from course_lib.grading.sandbox import isolate as sandbox

pytestmark = pytest.mark.slow

FAST = sandbox.Limits(cell_timeout=8, notebook_timeout=60, memory_mb=1536, file_mb=8,
                      tmpfs_mb=32, nproc=64, cpu_seconds=60)


def test_exit_and_quit_end_the_cell_not_the_kernel():
    mode = sandbox_support.require()
    cells = ["def before():\n    return 1", "exit()", "import time\ntime.sleep(0.5)",
             "def after():\n    return 2", "quit()\nprint('not printed')",
             "get_ipython().ask_exit()", "time.sleep(0.5)",
             "get_ipython().exit_now = True", "time.sleep(0.5)", "print(before() + after())"]
    job = {"cells": [{"index": i, "kind": "run", "source": s} for i, s in enumerate(cells)],
           "probes": []}
    run = sandbox.run_notebook(job, FAST, mode=mode)
    by_index = {e["index"]: e for e in run.of("cell")}
    assert [by_index[i]["status"] for i in range(len(cells))] == [
        "ok", "error", "ok", "ok", "error", "error", "ok", "ok", "ok", "ok"]
    assert by_index[1]["outputs"][0]["ename"] == "SystemExit"
    assert "not printed" not in str(by_index[4]["outputs"])
    assert by_index[9]["outputs"][0]["text"] == "3\n"
    assert not run.of("restart")
