"""Verdicts from outside the kernel: the autograde step of the course (trusted side).

:class:`TrustedExecute` replaces nbgrader's ``Execute`` in ``Autograde.autograde_preprocessors``.
For each notebook it runs a :class:`~course_lib.grading.plugins.gradingrun.GradingRun` (plan the
job -> execute it in the sandbox -> judge every check in this process, which never runs student
code -> write the verdicts into the test cells, so that nbgrader's ``SaveAutoGrades`` records
the trusted scores) and completes the submission's record
(:mod:`course_lib.grading.records`).

Its configuration (``c.TrustedExecute.<name>`` in ``nbgrader_config.py``): one trait per field
of :class:`course_lib.grading.sandbox.isolate.Limits`, with that field's default (the only place
defaults are written), plus ``sandbox``, ``allow_unisolated``, ``hidden_paths`` and ``executor``.
"""

from __future__ import annotations

import time
from dataclasses import MISSING, fields
from pathlib import Path

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Any, Bool, Float, Integer, List, Unicode, import_item
from traitlets.config import LoggingConfigurable

from course_lib.grading import records
from course_lib.grading.plugins.gradingrun import (
    LESSON_TAG,
    GradingRun,
    is_lesson_cell,
    is_test_cell,
)
from course_lib.grading.plugins.verdicts import judge_probe
from course_lib.grading.sandbox import isolate as sandbox
from course_lib.instructor.hidden_checks import ASSIGNMENTS, checks_for

__all__ = ["TrustedExecute", "LESSON_TAG", "is_lesson_cell", "judge_probe", "registry",
           "LimitTraits", "DEFAULT_EXECUTOR"]

_test_cell = is_test_cell  # the name the seed sweep imports

DEFAULT_EXECUTOR = "course_lib.grading.sandbox.isolate.run_notebook"

_LIMIT_HELP = {
    "cell_timeout": "Wall time of one cell or probe, in seconds",
    "notebook_timeout": "Wall time of all cells of a notebook, in seconds (probes not counted)",
    "memory_mb": "Address space of the kernel, in MB",
    "cpu_seconds": "CPU time of one kernel process, in seconds",
    "nproc": "Processes and threads of the sandbox user",
    "file_mb": "Largest file student code may write, in MB",
    "open_files": "Open files of the kernel",
    "tmpfs_mb": "Size of the sandbox's writable /tmp, in MB",
    "cell_output_kb": "Output kept per cell, in KB",
    "notebook_output_kb": "Output kept per notebook, in KB",
    "probe_output_mb": "Plain data read back from one probe, in MB",
    "max_restarts": "Kernel restarts after crashes, per notebook",
    "warm_start": "Fork each run's sandbox from a process that has imported numpy, matplotlib "
                  "and ipykernel once (the same sandbox as a cold start, about 1 s less per "
                  "notebook); False: start every run from scratch",
}


def _limit_trait(field):
    """A configurable trait for one :class:`Limits` field, with the field's default."""
    if field.default is MISSING:
        raise TypeError(f"Limits.{field.name} has no default")
    kind = (Bool if isinstance(field.default, bool) else Float
            if isinstance(field.default, float) else Integer)
    return kind(field.default, help=_LIMIT_HELP.get(field.name, field.name)).tag(config=True)


#: The sandbox limits as traits, derived from :class:`Limits` (one source of truth).
LimitTraits = type("LimitTraits", (LoggingConfigurable,),
                   {f.name: _limit_trait(f) for f in fields(sandbox.Limits)})


def registry(log=None) -> dict:
    """Every check by grade_id; an assignment whose checks fail to import is skipped (and
    logged), so one broken module cannot stop the grading of the others."""
    found = {}
    for assignment in ASSIGNMENTS:
        try:
            found.update({c.grade_id: c for c in checks_for(assignment)})
        except Exception as exc:
            if log is not None:
                log.error("hidden checks of %s cannot be loaded: %s", assignment, exc)
    return found


class TrustedExecute(NbGraderPreprocessor, LimitTraits):
    """Run the notebook in the sandbox and grade its hidden tests outside the kernel."""

    sandbox = Unicode("auto", help="auto, root, userns or none").tag(config=True)
    hidden_paths = List(Unicode(), help="More folders to hide from student code").tag(
        config=True)
    allow_unisolated = Bool(False, help="Grade even where student code cannot be isolated "
                            "(every submission is then flagged 'sandbox degraded')").tag(
        config=True)
    executor = Any(DEFAULT_EXECUTOR, help="What runs a job: a callable (job, limits, mode=..., "
                   "hidden=..., allow_unisolated=...) -> SandboxRun, or its dotted name. The "
                   "job is plain JSON-serializable data.").tag(config=True)

    def limits(self) -> sandbox.Limits:
        return sandbox.Limits(**{f.name: getattr(self, f.name)
                                 for f in fields(sandbox.Limits)})

    def run_job(self):
        """The executor, imported if it was configured by name."""
        return import_item(self.executor) if isinstance(self.executor, str) else self.executor

    def _hidden(self, resources) -> list[str]:
        root = records.records_dir(self.config).parent
        hidden = [str(root)] + list(self.hidden_paths)
        db = resources["nbgrader"].get("db_url", "")
        if db.startswith("sqlite:///"):
            hidden.append(str(Path(db[len("sqlite:///"):]).resolve().parent))
        return hidden

    def grading_run(self, nb, resources) -> GradingRun:
        """The :class:`GradingRun` of one notebook (a subclass may give it a prefetched run:
        :mod:`course_lib.grading.parallel`)."""
        return GradingRun(nb, registry(self.log), self.limits(), self.run_job(),
                          mode=self.sandbox, hidden=self._hidden(resources),
                          allow_unisolated=self.allow_unisolated or None)

    def preprocess(self, nb, resources):
        started = time.monotonic()
        info = resources["nbgrader"]
        path = records.record_path(records.records_dir(self.config), info["assignment"],
                                   info["student"], info["notebook"])
        record = records.load(path) or records.start(
            path, student=info["student"], assignment=info["assignment"],
            notebook=info["notebook"])
        run = self.grading_run(nb, resources)
        found = run.grade(unreadable=record.get("unreadable"))
        for error, trace in run.errors.items():
            self.log.error("grader error (%s, %s): %s", info["student"], error,
                           trace.strip().splitlines()[-1] if trace.strip() else "")
        records.update(path, stage="graded",
                       grading_seconds=round(time.monotonic() - started, 3), **found)
        return nb, resources
