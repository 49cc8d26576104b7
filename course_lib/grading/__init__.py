"""Hidden checks and the grading machinery (instructor side).

A hidden check is data in, data out:

1. ``inputs(rng)`` picks plain-data inputs (the grader chooses them);
2. ``probe(namespace, function, inputs)`` runs beside the student's code, calls the student's
   function(s) and returns plain data (see :mod:`course_lib.plain`);
3. ``judge(inputs, outputs)`` is pure: it compares the outputs with the reference and the
   properties and returns a :class:`~course_lib.judges.Verdict` naming the mistake.

In a notebook, a hidden test cell calls :func:`run_hidden_check`, which runs all three steps in
the kernel. The trusted grader runs step 2 in a sandbox and steps 1 and 3 in a process that never
runs student code; both share these definitions. A check is found by the ``grade_id`` of its
test cell, ``test_<function>__<aspect>``.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .. import plain
from ..gradcheck import swapped
from ..judges import Verdict, enforce

__all__ = ["Check", "call_each", "call_function", "call_quietly", "resolve",
           "run_hidden_check", "ReferenceUnavailable", "judge_outputs", "parse_grade_id"]


class ReferenceUnavailable(RuntimeError):
    """The reference implementation cannot be read here (as in the grading sandbox)."""


def resolve(namespace: dict, function: str):
    """``namespace[function]`` if it is a function, else the ``CallError`` that says why not."""
    fn = namespace.get(function)
    if fn is None:
        return plain.CallError("NameError", f"{function} is not defined in the notebook")
    if not callable(fn):
        return plain.CallError("TypeError", f"{function} is not a function")
    return fn


def call_quietly(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` as plain data, or the ``CallError`` it raised. Honest noise
    costs nothing: the call's warnings and stderr are swallowed."""
    try:
        with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            return plain.to_plain(fn(*args, **kwargs))
    except Exception as exc:  # the student's error is the data
        return plain.CallError(type(exc).__name__, str(exc)[:500])


def call_function(namespace: dict, function: str, args=(), kwargs=None, swaps=None):
    """Call ``namespace[function](*args, **kwargs)`` on copies of the arguments and return its
    result as plain data, or a :class:`~course_lib.plain.CallError` if it is missing or
    raises. ``swaps`` binds names of the notebook to stand-ins for the call (see
    :func:`course_lib.gradcheck.swapped`), so a function is judged on what it passes to its
    helpers."""
    fn = resolve(namespace, function)
    if isinstance(fn, plain.CallError):
        return fn
    with swapped(namespace, **(swaps or {})):
        return call_quietly(fn, *_copy(args), **_copy(kwargs or {}))


def _copy(value):
    """A deep copy of plain inputs, so one call cannot change the next one's inputs."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_copy(v) for v in value)
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


def call_each(namespace: dict, function: str, inputs: list) -> list:
    """The default probe: ``inputs`` is a list of ``{"args": [...], "kwargs": {...}}`` cases;
    returns one plain result (or ``CallError``) per case."""
    return [call_function(namespace, function, case.get("args", ()), case.get("kwargs"))
            for case in inputs]


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
    from .checks import get_check

    check = get_check(function, aspect)
    rng = np.random.default_rng(IN_KERNEL_SEED if seed is None else seed)
    inputs = plain.loads(plain.dumps(check.inputs(rng)))
    outputs = plain.loads(plain.dumps(check.probe(namespace, check.function, inputs)))
    try:
        verdict = judge_outputs(check, inputs, outputs)
    except ReferenceUnavailable:
        print(f"{check.summary}: judged by the course's grader.")
        return
    enforce(verdict, success=f"Passed: {check.summary}")
