"""The hidden checks (instructor only: never in the student bundle or the grading sandbox).

A hidden check is data in, data out:

1. ``inputs(rng)`` picks plain-data inputs (the grader chooses them);
2. ``probe(namespace, function, inputs)`` runs beside the student's code, calls the student's
   function(s) and returns plain data (the probes live in
   :mod:`course_lib.grading.sandbox.probes`, the only part the sandboxed kernel imports);
3. ``judge(inputs, outputs)`` is pure: it compares the outputs with the reference and the
   properties and returns a :class:`~course_lib.judges.Verdict` naming the mistake.

In a source notebook, a hidden test cell calls :func:`run_hidden_check`, which runs all three
steps in the kernel. The trusted grader runs step 2 in a sandbox and steps 1 and 3 in a process
that never runs student code; both share these definitions. A check is found by the
``grade_id`` of its test cell, ``test_<function>__<aspect>``; one module per assignment holds
its list ``CHECKS``.

Every probe calls the student's function as in its notebook: the classic helpers the notebook
provides are bound where the submission lost them, and a call that reaches a course helper
doing the exercise (:attr:`Check.helpers`) fails with a reason that names the helper.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from course_lib.core import plain
from course_lib.grading.sandbox.probes import call_each, helpers_doing
from course_lib.judges import Verdict, enforce

__all__ = ["Check", "run_hidden_check", "ReferenceUnavailable", "judge_outputs",
           "parse_grade_id", "ASSIGNMENTS", "checks_for", "get_check", "all_checks"]

ASSIGNMENTS = ("initialization", "regularization", "dropout", "gradient_checking",
               "normalization")


class ReferenceUnavailable(RuntimeError):
    """The reference implementation cannot be read here (as in the grading sandbox)."""


@dataclass(frozen=True)
class Check:
    """One hidden test: the cell ``test_<function>__<aspect>`` worth ``points``."""

    function: str
    aspect: str
    summary: str
    inputs: Callable[[np.random.Generator], object]
    judge: Callable[[object, object], Verdict]
    probe: Callable[[dict, str, object], object] = call_each
    points: int = 1

    @property
    def grade_id(self) -> str:
        return f"test_{self.function}__{self.aspect}"

    @property
    def helpers(self) -> tuple[str, ...]:
        """The course helpers that would do this function's exercise: a submission that calls
        one loses the check, with a reason naming it (the probe watches for them)."""
        return helpers_doing(self.function)


def parse_grade_id(grade_id: str) -> tuple[str, str] | None:
    """``test_<function>__<aspect>`` -> ``(function, aspect)``; None for other ids."""
    if not grade_id.startswith("test_") or "__" not in grade_id:
        return None
    function, aspect = grade_id[len("test_"):].rsplit("__", 1)
    return function, aspect


def judge_outputs(check: Check, inputs, outputs) -> Verdict:
    """Run the pure judge; a judge that cannot import the reference raises
    :class:`ReferenceUnavailable`."""
    try:
        return check.judge(inputs, outputs)
    except ImportError as exc:
        raise ReferenceUnavailable(str(exc)) from exc


IN_KERNEL_SEED = 20261125


def run_hidden_check(function: str, aspect: str, namespace: dict, seed: int | None = None
                     ) -> None:
    """Run one hidden check inside a notebook: raise ``CheckFailed`` naming the mistake, or
    print that it passed. Where the reference cannot be read (the grading sandbox), the judge
    is left to the trusted grader and nothing is raised."""
    check = get_check(function, aspect)
    rng = np.random.default_rng(IN_KERNEL_SEED if seed is None else seed)
    inputs = plain.round_trip(check.inputs(rng))
    outputs = plain.round_trip(check.probe(namespace, check.function, inputs))
    try:
        verdict = judge_outputs(check, inputs, outputs)
    except ReferenceUnavailable:
        print(f"{check.summary}: judged by the course's grader.")
        return
    enforce(verdict, success=f"Passed: {check.summary}")


def checks_for(assignment: str) -> list[Check]:
    """The hidden checks of one assignment (empty if its module does not exist yet)."""
    if assignment not in ASSIGNMENTS:
        raise KeyError(f"unknown assignment {assignment!r}")
    try:
        module = importlib.import_module(f"{__name__}.{assignment}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{assignment}":
            return []
        raise
    return list(module.CHECKS)


def all_checks() -> dict[str, Check]:
    """Every check of every assignment, by grade_id."""
    return {c.grade_id: c for a in ASSIGNMENTS for c in checks_for(a)}


def get_check(function: str, aspect: str) -> Check:
    grade_id = f"test_{function}__{aspect}"
    try:
        return all_checks()[grade_id]
    except KeyError:
        raise KeyError(f"no hidden check {grade_id}") from None
