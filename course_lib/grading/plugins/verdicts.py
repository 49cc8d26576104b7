"""The trusted verdict of one hidden check, from the probe event the sandbox wrote for it.

:func:`judge_probe` reads the probe's plain data (never pickle) and runs the pure judge in the
nbgrader process. Whatever the probe event holds (nothing, a status, a forged or malformed
result) the outcome is a :class:`~course_lib.judges.Verdict` with a reason; only a judge that
raises on what it was given is not the student's doing, and raises :class:`GraderError` so that
the grader flags it (``grader error``) with its traceback.
"""

from __future__ import annotations

import json
import traceback

from course_lib.core import plain
from course_lib.grading.sandbox.isolate import Limits, SandboxRun
from course_lib.instructor.hidden_checks import ReferenceUnavailable, judge_outputs
from course_lib.judges import Verdict, fail

__all__ = ["GraderError", "judge_probe", "probe_status_verdict"]


class GraderError(Exception):
    """A check's own code (inputs or judge) failed: not the submission's fault."""

    def __init__(self, message: str, trace: str):
        super().__init__(message)
        self.message, self.trace = message, trace


def _not_run(fn: str, run: SandboxRun) -> Verdict:
    if run.killed:
        return fail(f"{fn} was not checked: the notebook ran past the grader's time limit "
                    "and was stopped")
    fatal = run.of("fatal")
    why = fatal[-1].get("message") if fatal else f"exit status {run.returncode}"
    return fail(f"{fn} was not checked: the sandbox ended early ({why})")


def probe_status_verdict(fn: str, status, limits: Limits) -> Verdict | None:
    """The failure a probe's status stands for (None for ``ok`` and unknown statuses)."""
    messages = {
        "timeout": f"calling {fn} on the grader's inputs ran longer than "
                   f"{limits.cell_timeout:g} s",
        "died": f"calling {fn} on the grader's inputs crashed or hung the kernel (a crash, an "
                "exit, or a memory or process limit)",
        "stopped": f"calling {fn} on the grader's inputs stopped the grader's sandbox",
        "unavailable": f"{fn} could not be checked: the kernel could not be restarted after "
                       "an earlier crash",
        "too big": f"{fn} returned more data than the grader reads "
                   f"({limits.probe_output_mb} MB)",
        "missing": f"{fn} could not be checked: the check's result was never written (the "
                   "notebook interferes with files, imports or the kernel)",
    }
    messages["hung"] = messages["died"]
    return fail(messages[status]) if isinstance(status, str) and status in messages else None


def _probe_error(text) -> str | None:
    """The kernel side's own error report (``{"probe_error": ...}``), if that is what it is."""
    if not (isinstance(text, str) and '"probe_error"' in text[:100]):
        return None
    try:
        return str(json.loads(text).get("probe_error"))[:300]
    except (ValueError, AttributeError, RecursionError):
        return "unknown error"


def _read(fn: str, text) -> tuple[object, Verdict | None]:
    """``(outputs, None)``, or ``(None, failure)`` when the result cannot be read."""
    try:
        data = plain.loads(text if isinstance(text, str) else "")
    except ValueError as exc:
        why = _probe_error(text)
        if why is not None:
            return None, fail(f"{fn} could not be checked in the notebook's kernel: {why}")
        return None, fail(f"the grader could not read what {fn} returned ({exc})"[:400])
    if not isinstance(data, dict) or "outputs" not in data:
        return None, fail(f"the grader could not read what {fn} returned")
    if data.get("defined") is False:
        return None, fail(f"{fn} is not defined in the notebook")
    if isinstance(data["outputs"], plain.CallError):
        return None, fail(f"calling {fn} raised {data['outputs']}")
    return data["outputs"], None


def judge_probe(check, inputs, event: dict | None, run: SandboxRun, limits: Limits) -> Verdict:
    """The trusted verdict of one check from its probe event (or the lack of one).

    Raises :class:`GraderError` if the judge itself fails, and ``ReferenceUnavailable`` if the
    reference cannot be imported here."""
    fn = check.function
    if not isinstance(event, dict):
        return _not_run(fn, run)
    failed = probe_status_verdict(fn, event.get("status"), limits)
    if failed is not None:
        return failed
    outputs, failed = _read(fn, event.get("text"))
    if failed is not None:
        return failed
    try:
        verdict = judge_outputs(check, inputs, outputs)
    except ReferenceUnavailable:
        raise
    except Exception as exc:
        raise GraderError(f"the judge of {check.grade_id} raised {type(exc).__name__} on what "
                          f"{fn} returned: {str(exc)[:200]}", traceback.format_exc()) from exc
    if not isinstance(verdict, Verdict):
        raise GraderError(f"the judge of {check.grade_id} returned no verdict",
                          f"{type(verdict).__name__} returned instead of a Verdict")
    return verdict
