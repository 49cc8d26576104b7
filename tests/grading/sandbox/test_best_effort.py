"""Best-effort steps of the sandbox's set-up either succeed or mark the run as degraded; none
fails silently."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import sandbox_support

from course_lib.grading.sandbox import isolate as sandbox
from course_lib.grading.sandbox import rootfs, runner

FAST = sandbox.Limits(cell_timeout=30, notebook_timeout=120, memory_mb=1536, file_mb=8,
                      tmpfs_mb=32, nproc=64, cpu_seconds=60)


def _script(uid=None):
    return rootfs.setup_script(Path("/tmp/base"), Path("/tmp/lib"), [Path("/srv/course")], uid,
                               32, 8, ["python", "runner.py"], {"HOME": "/tmp/work"})


@pytest.mark.parametrize("uid", [None, 3_000_123])
def test_no_step_of_the_setup_script_is_silenced(uid):
    script = _script(uid)
    assert script.startswith("set -eu\n")
    assert "|| true" not in script and "2>/dev/null" not in script
    for line in script.splitlines():
        if "||" in line:
            assert line.split("||", 1)[1].strip().startswith("echo "), line
            assert f'"ev": "{rootfs.DEGRADED}"' in line, line


def test_a_failed_best_effort_step_reports_a_degraded_event():
    line = rootfs.best_effort("false", "the thing could not be made read-only")
    out = subprocess.run(["/bin/sh", "-c", f"set -eu\n{line}\necho after"],
                         capture_output=True, text=True, check=True).stdout
    events, _ = sandbox.parse_events(out.encode(), False)
    assert events == [{"ev": "degraded", "message": "the thing could not be made read-only"}]
    assert out.endswith("after\n")
    ok = subprocess.run(["/bin/sh", "-c", rootfs.best_effort("true", "x")],
                        capture_output=True, text=True, check=True).stdout
    assert ok == ""


def test_the_runner_reports_a_failed_prctl():
    assert runner.undumpable(lambda *args: 0) is None
    assert "PR_SET_DUMPABLE" in runner.undumpable(lambda *args: -1)
    assert runner.undumpable() is None  # works here


@pytest.mark.slow
def test_a_run_whose_remount_fails_is_flagged_degraded(monkeypatch):
    mode = sandbox_support.require()
    real = rootfs._read_only
    # Every read-only remount of the set-up script fails (the target does not exist).
    monkeypatch.setattr(rootfs, "_read_only", lambda target, what: real(
        target + "/does-not-exist", what))
    job = {"cells": [{"index": 0, "kind": "run", "source": "print(6 * 7)"}], "probes": []}
    runs = [sandbox.run_notebook(job, FAST, mode=mode)]
    if not runs[0].of("cell"):  # once, under the full suite, a run ended before its cell
        runs.append(sandbox.run_notebook(job, FAST, mode=mode))
    for run in runs:
        assert run.mode == mode
        assert run.degraded and "could not be made read-only" in run.degraded, run.stderr
    cells = run.of("cell")
    assert len(cells) == 1, (runs[0].events, runs[0].stderr[-2000:], run.events)
    [ev] = cells
    assert ev["outputs"][0]["text"] == "42\n"
    assert json.dumps(run.events).count('"degraded"') >= 3
