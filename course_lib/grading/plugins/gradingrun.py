"""One notebook's trusted grading, step by step (docs/trusted-grading.md):

1. :meth:`GradingRun.plan`: the job, plain data only (JSON-serializable): the code cells to run
   (not the lesson's), every test cell's source replaced by a neutral ``pass`` (the kernel never
   sees hidden-test text), the checks to probe, and each check's inputs drawn from a secret
   seed (or, in a replay, the inputs recorded at grading time);
2. :meth:`GradingRun.execute`: the executor runs the job (default
   :func:`course_lib.grading.sandbox.isolate.run_notebook`), once more without the cell or
   probe that stopped a first run early;
3. :meth:`GradingRun.judge`: the run's outputs go back into the notebook's cells, its evidence
   into flags and notes, and each check's probe result through its pure judge, in this process;
4. :meth:`GradingRun.write`: every autograded cell gets the trusted verdict as its only output
   (``Passed: ...`` or a ``CheckFailed`` error), and :meth:`GradingRun.record` the fields of
   the submission's grading record (seed and inputs included, for replays; never feedback).

A graded code cell without a registered check, a check whose inputs cannot be built, a judge
that raises, or any other failure of the grader's own code is a failed cell with the reason
``grader error: ...``, a ``grader error`` flag and its traceback in the record: never a silent
zero, and never a score taken from the kernel's own run of a cell.
"""

from __future__ import annotations

import json
import secrets
import traceback
from collections.abc import Callable
from dataclasses import asdict

import numpy as np

from course_lib.core import plain
from course_lib.grading.plugins import evidence
from course_lib.grading.plugins.verdicts import GraderError, judge_probe
from course_lib.grading.sandbox.isolate import IsolationRefused, Limits, SandboxRun
from course_lib.grading.sandbox.probes import probe_ref
from course_lib.instructor.hidden_checks import ReferenceUnavailable, parse_grade_id
from course_lib.judges import Verdict, fail

__all__ = ["GradingRun", "Executor", "LESSON_TAG", "NEUTRAL", "is_lesson_cell", "is_test_cell",
           "is_graded_code"]

LESSON_TAG = "lesson"
#: What the kernel runs in place of a test cell's source.
NEUTRAL = "pass"

#: ``executor(job, limits, mode=..., hidden=..., allow_unisolated=...) -> SandboxRun``
Executor = Callable[..., SandboxRun]


def is_lesson_cell(cell) -> bool:
    """A code cell tagged ``lesson`` without nbgrader metadata (an experiment of the lesson;
    instructor cells with nbgrader metadata always run, whatever their tags)."""
    meta = cell.get("metadata", {})
    return (cell.get("cell_type") == "code" and LESSON_TAG in (meta.get("tags") or [])
            and not meta.get("nbgrader"))


def _nbgrader(cell) -> dict:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def is_test_cell(cell) -> bool:
    """An autograded test cell (``grade`` and not ``solution``)."""
    nbg = _nbgrader(cell)
    return cell.get("cell_type") == "code" and bool(nbg.get("grade")) and not nbg.get("solution")


def is_graded_code(cell) -> bool:
    """A code cell nbgrader would score (``grade: true``, test or autograded answer)."""
    return cell.get("cell_type") == "code" and bool(_nbgrader(cell).get("grade"))


class GradingRun:
    """The trusted grading of one notebook ``nb`` (changed in place)."""

    def __init__(self, nb, registry: dict, limits: Limits, executor: Executor,
                 mode: str = "auto", hidden: list[str] | None = None,
                 seed: int | None = None, drawn: dict[str, str] | None = None,
                 allow_unisolated: bool | None = None):
        self.nb, self.registry, self.limits = nb, registry, limits
        self.executor, self.mode, self.hidden = executor, mode, list(hidden or [])
        self.allow_unisolated = allow_unisolated
        self.seed = secrets.randbits(63) if seed is None else int(seed)
        self.drawn = dict(drawn or {})       # replay: grade_id -> inputs text
        self.tests: dict[int, str] = {}      # cell index -> grade_id of a registered check
        self.inputs: dict[str, object] = {}  # grade_id -> inputs, as the judge sees them
        self.texts: dict[str, str] = {}      # grade_id -> the inputs file of the sandbox
        self.verdicts: dict[str, Verdict] = {}
        self.flags: list[str] = []
        self.notes: list[str] = []
        self.errors: dict[str, str] = {}     # what failed in the grader -> traceback
        self.run: SandboxRun | None = None

    # ------------------------------------------------------------------ 1. plan

    def plan(self) -> dict:
        """The job for the executor: ``{"cells": [...], "probes": [...], "inputs": {...}}``."""
        cells = [self._job_cell(i, cell) for i, cell in enumerate(self.nb.cells)
                 if cell.cell_type == "code"]
        for gid in self.tests.values():
            self._draw(gid)
        probes = [g for g in self.tests.values() if g in self.texts]
        for cell in cells:
            if cell["check"] not in probes:
                cell["check"] = None
        return {"cells": [c for c in cells if c["kind"] != "lesson"], "probes": probes,
                "inputs": {g: self.texts[g] for g in probes}}

    def _job_cell(self, i: int, cell) -> dict:
        cell.outputs, cell.execution_count = [], None
        gid = _nbgrader(cell).get("grade_id")
        if is_lesson_cell(cell):
            return {"index": i, "kind": "lesson", "check": None}
        if not is_test_cell(cell):
            return {"index": i, "kind": "run", "source": cell.source, "check": None,
                    "grade_id": gid}
        registered = (isinstance(gid, str) and parse_grade_id(gid) and gid in self.registry
                      and gid not in self.tests.values())
        if registered:
            self.tests[i] = gid
        return {"index": i, "kind": "test", "source": NEUTRAL,
                "check": gid if registered else None, "grade_id": gid}

    def _draw(self, gid: str) -> None:
        """The inputs of check ``gid`` (the k-th check draws from ``[seed, k]``)."""
        check, k = self.registry[gid], list(self.tests.values()).index(gid)
        try:
            text = self.drawn.get(gid) or plain.dumps({
                "probe": probe_ref(check.probe), "function": check.function,
                "inputs": check.inputs(np.random.default_rng([self.seed, k]))})
            self.inputs[gid] = plain.loads(text)["inputs"]
            self.texts[gid] = text
        except Exception as exc:  # a bug in the check, not in the submission
            self.grader_error(gid, f"{gid} has no inputs ({type(exc).__name__}: {exc})",
                              f"the check's inputs could not be built ({type(exc).__name__}: "
                              f"{exc})")

    # ------------------------------------------------------------------ 2. execute

    def execute(self, job: dict) -> SandboxRun:
        """Run ``job`` with the executor; once more without the cell or probe that ended a
        first run early."""
        run = self._call(job)
        found = evidence.culprit(run)
        if found is not None:
            kind, what = found
            label = what if kind == "probe" else next(
                (c.get("grade_id") or self.nb.cells[c["index"]].get("id")
                 for c in job["cells"] if c["index"] == what), what)
            self.flags.append(f"sandbox error: the run ended early at {kind} {label}; graded "
                              "from a second run without it")
            job = dict(job, **{"skip_cells" if kind == "cell" else "skip_probes": [what]})
            run = self._call(job)
        self.run = run
        return run

    def _call(self, job: dict) -> SandboxRun:
        return self.executor(job, self.limits, mode=self.mode, hidden=self.hidden,
                             allow_unisolated=self.allow_unisolated)

    # ------------------------------------------------------------------ 3. judge

    def judge(self, job: dict, run: SandboxRun) -> dict[str, Verdict]:
        """Outputs of the run into the notebook, flags and notes, and every check's verdict."""
        self.flags += evidence.run_flags(run)
        cells = evidence.CellEvidence(run, self.limits)
        for job_cell in job["cells"]:
            cells.apply(self.nb.cells[job_cell["index"]], job_cell)
        self.flags += cells.flags + evidence.integrity_flags(run)
        self.notes += cells.notes
        probes = {ev["check"]: ev for ev in run.of("probe") if isinstance(ev.get("check"), str)}
        for gid in job["probes"]:
            self.verdicts[gid] = self._judge_one(gid, probes.get(gid), run)
        return self.verdicts

    def _judge_one(self, gid: str, event, run: SandboxRun) -> Verdict:
        check = self.registry[gid]
        try:
            return judge_probe(check, self.inputs[gid], event, run, self.limits)
        except GraderError as exc:
            return self.grader_error(gid, exc.message, f"what {check.function} returned could "
                                     f"not be judged ({exc.message})", exc.trace)

    def grader_error(self, key: str, flag: str, reason: str, trace: str | None = None
                     ) -> Verdict:
        """Flag a failure of the grader's own code; the check it concerns fails with
        ``reason``."""
        self.flags.append(f"grader error: {flag}"[:500])
        self.errors[key] = trace or traceback.format_exc()
        verdict = fail(f"grader error: {reason}"[:1000])
        if key in self.registry:
            self.verdicts[key] = verdict
        return verdict

    # ------------------------------------------------------------------ 4. write

    def write(self) -> dict[str, dict]:
        """Every graded code cell gets its trusted verdict as its only output; returns the
        record's ``verdicts`` (grade_id -> passed, message, points)."""
        judged = {}
        for i, cell in enumerate(self.nb.cells):
            if not is_graded_code(cell):
                continue
            gid = self.tests.get(i)
            verdict = self.verdicts.get(gid) if gid else None
            if verdict is None:
                verdict = self._unchecked(i, cell, gid)
            cell.outputs = [evidence.node(self._output(gid, verdict))]
            key = gid or _nbgrader(cell).get("grade_id") or f"#{i}"
            judged[str(key)] = {"passed": bool(verdict.passed), "message": verdict.message,
                                "points": float(_nbgrader(cell).get("points", 0) or 0)}
        return judged

    def _unchecked(self, i: int, cell, gid: str | None) -> Verdict:
        label = _nbgrader(cell).get("grade_id") or cell.get("id") or f"#{i}"
        if gid:  # registered, but the grading stopped before its verdict
            return fail("grader error: this check was not judged (see the grading record)")
        return self.grader_error(f"cell {label}", f"cell {label} is graded but has no trusted "
                                 "check (scored 0)", f"cell {label} has no trusted check",
                                 "no check registered in course_lib.instructor.hidden_checks")

    def _output(self, gid: str | None, verdict: Verdict) -> dict:
        if verdict.passed and gid:
            return {"output_type": "stream", "name": "stdout",
                    "text": f"Passed: {self.registry[gid].summary}\n"}
        return evidence.error_output("CheckFailed", verdict.message)

    # ------------------------------------------------------------------ all steps

    def grade(self, unreadable: str | None = None) -> dict:
        """plan -> execute -> judge -> write; returns the fields of the grading record."""
        try:
            job = self.plan()
            if unreadable:
                self.verdicts.update({gid: fail(f"the submitted notebook could not be read "
                                                f"({unreadable})") for gid in job["probes"]})
            else:
                self.judge(job, self.execute(job))
        except (ReferenceUnavailable, IsolationRefused):
            raise  # fail closed: no grade at all rather than grades without a reference or
            # without isolation
        except Exception as exc:
            self.grader_error("grading", f"grading stopped ({type(exc).__name__}: {exc})",
                              "the grader failed on this notebook")
        return self.record(self.write())

    def record(self, judged: dict) -> dict:
        fields = {"flags": self.flags, "notes": self.notes, "verdicts": judged,
                  "seed": str(self.seed), "inputs": {g: json.loads(t)
                                                     for g, t in self.texts.items()},
                  "grader_errors": self.errors, "limits": asdict(self.limits),
                  "sandbox_requested": self.mode}
        if self.run is not None:
            fields.update(sandbox=self.run.mode, sandbox_seconds=round(self.run.seconds, 3),
                          timeline=evidence.timeline(self.run))
            if self.run.degraded:
                self.flags.append(f"sandbox degraded: {self.run.degraded}")
        return fields
