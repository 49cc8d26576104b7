"""A small class graded by plain ``nbgrader autograde`` on a real Dask cluster (a ``dask
scheduler`` and two ``dask worker`` processes on 127.0.0.1, each worker in its own folder),
one worker killed mid-batch: the gradebook ends complete and identical to serial grading, and
a second ``autograde`` without ``--force`` regrades nothing. A batch on the default local
cluster interrupted (Ctrl-C) mid-way resumes without ``--force`` and ends identical too."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import release_cache

from course_lib.grading.parallel import cluster
from course_lib.grading.tools import course, synthetic

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("dask")]

ROOT = Path(__file__).resolve().parents[3]
ASSIGNMENT = "dropout"
STUDENTS = 8
DASK = Path(sys.executable).parent / "dask"


def _course(tmp: Path, name: str, extra: str = "") -> Path:
    root = course.make_course_copy(ROOT, tmp / name)
    if extra:
        with open(root / "nbgrader_config.py", "a") as f:
            f.write("\n" + extra + "\n")
    release_cache.generate_release(root, ASSIGNMENT)
    synthetic.write_class(root, STUDENTS, [ASSIGNMENT], seed=7)
    return root


def _scores(root: Path) -> dict[tuple[str, str], float]:
    return {(s.student, s.grade_id): s.score for s in course.read_scores(root)}


@pytest.fixture
def dask_cluster(tmp_path):
    """``(address, [worker, worker])`` of a scheduler and two workers on 127.0.0.1."""
    if not DASK.exists():
        pytest.fail("the dask command is missing: pip install -r requirements.txt")
    address, procs = cluster.spawn(2, tmp_path / "dask")
    try:
        yield address, procs[1:]
    finally:
        for proc in reversed(procs):
            cluster.stop(proc)


def _autograde_until(root: Path, pattern: str, action) -> tuple[int, str]:
    """``nbgrader autograde --force`` in ``root``; ``action(proc)`` called once, at the first
    log line matching ``pattern``. Returns (exit code, log)."""
    cmd = [sys.executable, "-m", "nbgrader", "autograde", ASSIGNMENT, "--force",
           "--log-level=INFO"]
    proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env=dict(os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1"))
    lines: list[str] = []

    def read():
        acted = False
        for line in proc.stdout:
            lines.append(line)
            if not acted and re.search(pattern, line):
                acted = True
                action(proc)

    reader = threading.Thread(target=read)
    reader.start()
    proc.wait(timeout=1800)
    reader.join()
    return proc.returncode, "".join(lines)


FIRST_RUN_BACK = r"parallel grading \w+: [1-9]\d*/"


@pytest.fixture(scope="module")
def serial(tmp_path_factory):
    """The class graded serially: student, grade_id -> score."""
    root = _course(tmp_path_factory.mktemp("serial"), "serial",
                   "c.ParallelExecute.parallel = False")
    assert course.autograde(root, ASSIGNMENT).returncode == 0
    expected = _scores(root)
    assert len({s for s, _ in expected}) == STUDENTS
    shutil.rmtree(root, ignore_errors=True)
    return expected


def test_killed_worker_loses_nothing(serial, dask_cluster, tmp_path):
    address, workers = dask_cluster
    parallel = _course(tmp_path, "parallel", f"c.ParallelExecute.dask_scheduler = {address!r}")
    code, log = _autograde_until(parallel, FIRST_RUN_BACK,
                                 lambda _: os.killpg(workers[0].pid, signal.SIGKILL))
    assert code == 0, log[-4000:]
    assert workers[0].poll() is not None, "the worker was never killed:\n" + log[-4000:]
    assert f"{STUDENTS} notebooks sent to Dask" in log
    assert "running this notebook serially" not in log
    assert f"{STUDENTS}/{STUDENTS} run" in log
    assert _scores(parallel) == serial

    again = course.nbgrader(parallel, "autograde", ASSIGNMENT, quiet=False)
    assert "notebooks sent to Dask" not in again.stdout + again.stderr
    assert _scores(parallel) == serial


def test_interrupted_batch_resumes(serial, tmp_path):
    root = _course(tmp_path, "local")
    code, log = _autograde_until(root, FIRST_RUN_BACK, lambda p: p.send_signal(signal.SIGINT))
    assert code != 0 and "notebooks sent to Dask" in log, log[-4000:]
    first = _graded(log)[:-1]  # the last one may have been interrupted
    resumed = course.nbgrader(root, "autograde", ASSIGNMENT, quiet=False)
    assert resumed.returncode == 0, resumed.stderr[-4000:]
    again = _graded(resumed.stdout + resumed.stderr)
    assert again and not set(first) & set(again), (first, again)
    assert _scores(root) == serial


def _graded(log: str) -> list[str]:
    """The students nbgrader autograded, in the order of the log."""
    return re.findall(r"Autograding .*/autograded/([^/]+)/", log)
