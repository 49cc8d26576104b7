"""Unit tests of the batch bookkeeping and the synthetic class (no nbgrader run, no cluster)."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import asdict
from types import SimpleNamespace

import pytest
from traitlets import Bool
from traitlets.config import Config, LoggingConfigurable

from course_lib.grading.parallel import batch, cluster
from course_lib.grading.parallel.execute import PARALLEL_ENV, ParallelExecute
from course_lib.grading.sandbox.isolate import Limits, SandboxRun
from course_lib.grading.tools import synthetic
from course_lib.instructor.hidden_checks import ASSIGNMENTS

JOB = {"cells": [{"index": 0, "kind": "run", "source": "x = 1", "check": None}],
       "probes": [], "inputs": {}}


class Future:
    def __init__(self, value=None, error=None):
        self.value, self.error, self.status = value, error, "finished"

    def result(self):
        if self.error:
            raise self.error
        return self.value


def _entry(future, job=JOB):
    return batch.Prefetched(1, batch.digest(job, Limits(), "auto", ["/c"], None), future)


def _fallback(calls):
    def run(job, limits, mode="auto", hidden=(), allow_unisolated=None):
        calls.append(job)
        return SandboxRun(mode="none", degraded="fallback")
    return run


def test_same_plan_takes_the_prefetched_run_once():
    run = SandboxRun(mode="root", degraded=None, events=[{"ev": "done"}], seconds=1.5)
    calls = []
    execute = _entry(Future(asdict(run))).executor(
        _fallback(calls), SimpleNamespace(warning=lambda *a: None))
    assert execute(dict(JOB), Limits(), mode="auto", hidden=["/c"]) == run
    # a second run of the same notebook (a culprit removed) is never the prefetched one
    assert execute(dict(JOB), Limits(), mode="auto", hidden=["/c"]).degraded == "fallback"
    assert len(calls) == 1


@pytest.mark.parametrize("change", [
    {"job": dict(JOB, probes=["x"])}, {"limits": Limits(memory_mb=1)}, {"mode": "userns"},
    {"hidden": ["/other"]}])
def test_any_difference_runs_serially(change):
    calls, warned = [], []
    execute = _entry(Future({})).executor(_fallback(calls),
                                          SimpleNamespace(warning=warned.append))
    args = {"job": JOB, "limits": Limits(), "mode": "auto", "hidden": ["/c"], **change}
    assert execute(args["job"], args["limits"], mode=args["mode"],
                   hidden=args["hidden"]).degraded == "fallback"
    assert calls and warned


def test_a_job_that_kills_workers_is_that_submissions_failure():
    from distributed import KilledWorker

    entry = _entry(Future(error=KilledWorker("grade-x", "tcp://127.0.0.1:1", 3)))
    with pytest.raises(RuntimeError, match="ended every Dask worker"):
        entry.result()


@pytest.mark.parametrize("error", [OSError("worker lost its scratch"),
                                   RuntimeError("scheduler went away")])
def test_a_cluster_failure_grades_the_notebook_here(error):
    """Only a job that killed every worker is the submission's failure; any other failure of
    the cluster runs the notebook serially."""
    calls, warned = [], []
    execute = _entry(Future(error=error)).executor(
        _fallback(calls), SimpleNamespace(warning=lambda *args: warned.append(args)))
    assert execute(dict(JOB), Limits(), mode="auto", hidden=["/c"]).degraded == "fallback"
    assert len(calls) == 1 and warned


def test_progress_counts_done_failed_and_time_left():
    b = batch.Batch("dropout", SimpleNamespace(info=lambda *a: None))
    b.total = 4
    b._finished(Future())
    failed = Future()
    failed.status = "error"
    b._finished(failed)
    text = b.progress()
    assert "dropout: 2/4 run" in text and "1 failed" in text and "left" in text


def test_parallel_off_by_environment_or_custom_executor(monkeypatch):
    assert ParallelExecute().enabled()
    assert not ParallelExecute(executor=lambda *a, **k: None).enabled()
    assert not ParallelExecute(parallel=False).enabled()
    monkeypatch.setenv(PARALLEL_ENV, "0")
    assert not ParallelExecute().enabled()


def test_local_workers(monkeypatch):
    monkeypatch.delenv(cluster.WORKERS_ENV, raising=False)
    assert cluster.local_workers() == len(os.sched_getaffinity(0))
    assert cluster.local_workers(3) == 3
    monkeypatch.setenv(cluster.WORKERS_ENV, "5")
    assert cluster.local_workers() == 5


def test_synthetic_draw_is_seeded_and_mixed():
    pool = synthetic.pools(["dropout"])[0]
    first = [c.name for c in synthetic.draw(pool, 300, seed=1)]
    assert first == [c.name for c in synthetic.draw(pool, 300, seed=1)]
    assert first != [c.name for c in synthetic.draw(pool, 300, seed=2)]
    kinds = Counter(name.split("_")[0] for name in first)
    assert kinds["ok"] > kinds["lose"] > kinds["zero"] > 0
    assert set(kinds) - {"ok", "lose", "zero"}, "no hostile case drawn"
    assert all(c.name in synthetic.QUICK_HOSTILE for c in pool.kinds["hostile"])


def test_synthetic_hostile_cases_are_those_that_apply():
    """The hostile corpus is written against initialization: every quick case applies there;
    elsewhere only those that name no initialization cell, and each builds."""
    found = {p.assignment: p for p in synthetic.pools(list(ASSIGNMENTS))}
    names = {a: {c.name for c in p.kinds["hostile"]} for a, p in found.items()}
    assert names["initialization"] == set(synthetic.QUICK_HOSTILE)
    for a in ASSIGNMENTS:
        assert "files_read_gradebook" in names[a], a
        if a != "initialization":
            assert "structure_deleted_test_cells" not in names[a], a


def test_force_comes_from_the_converter_or_the_config():
    """``nbgrader autograde --force`` regrades every submission on Dask: nbgrader moves the
    flag's ``BaseConverter.force`` to the converter (``Autograde.force``), where it is read."""

    class Converter(LoggingConfigurable):
        force = Bool(False)

        def convert_notebooks(self):
            pass

    exporter = LoggingConfigurable(parent=Converter(force=True))
    assert ParallelExecute(parent=exporter).forced()
    assert not ParallelExecute(parent=LoggingConfigurable(parent=Converter())).forced()
    for section in ("Autograde", "BaseConverter"):
        config = Config()
        config[section].force = True
        assert ParallelExecute(config=config).forced(), section
    assert not ParallelExecute().forced()
