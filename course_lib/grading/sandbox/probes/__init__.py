"""Probes: what runs beside the student's code, in the sandboxed kernel.

A probe ``probe(namespace, function, inputs) -> outputs`` calls the student's function(s) on the
grader's plain-data inputs and returns plain data (see :mod:`course_lib.core.plain`); it never
judges. :func:`call_each` is the default; the assignments with calls of their own (a function
called twice, stand-ins bound for the notebook's helpers, arguments read back after the call)
have a module here. Student-safe: nothing here knows an answer.

Every call runs as in the notebook its function was written for: the classic helpers the
notebook provides (:mod:`course_lib.core.classic`) are bound for the call where the submission
lost them, and a call that hands its exercise to one of the course's own helpers
(:data:`EXERCISE_HELPERS`) returns a ``CallError`` that names the helper.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
import warnings

import numpy as np

from course_lib.core import classic, plain
from course_lib.core.gradcheck import swapped
from course_lib.judges import DELEGATED

__all__ = ["call_each", "call_function", "call_quietly", "call_bound", "resolve", "probe_ref",
           "find_probe", "EXERCISE_HELPERS", "helpers_doing"]

_INITIALIZERS = ("initialize_parameters_zeros", "initialize_parameters_random",
                 "initialize_parameters_he", "initialize_parameters_xavier")

#: Course helpers that would do a graded exercise for the student -> the graded functions whose
#: points a call to them costs. Building blocks (``relu``, ``compute_cost``, the vector
#: helpers, ...) are not here: calling them is what the classic solutions do.
EXERCISE_HELPERS: dict[str, tuple[str, ...]] = {
    "course_lib.core.nn.initialize_parameters": _INITIALIZERS,
}


def helpers_doing(function: str) -> tuple[str, ...]:
    """The course helpers (``"module.name"``) that would do ``function``'s exercise."""
    return tuple(h for h, functions in EXERCISE_HELPERS.items() if function in functions)


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


def _code_of(helper: str):
    module, _, name = helper.rpartition(".")
    try:
        return getattr(importlib.import_module(module), name).__code__
    except (ImportError, AttributeError):
        return None


@contextlib.contextmanager
def _watching(helpers: tuple[str, ...]):
    """Yield the set of ``helpers`` called (directly or not) inside the block."""
    called: set[str] = set()
    codes = {code: h for h in helpers if (code := _code_of(h)) is not None}
    if not codes:
        yield called
        return
    previous = sys.getprofile()

    def profile(frame, event, _arg):
        if event == "call" and frame.f_code in codes:
            called.add(codes[frame.f_code])
    sys.setprofile(profile)
    try:
        yield called
    finally:
        sys.setprofile(previous)


def call_bound(namespace: dict, function: str, fn, args=(), kwargs=None, swaps=None):
    """``fn(*args, **kwargs)`` as plain data (see :func:`call_quietly`), called as in its
    notebook: the classic helpers the namespace lacks and ``swaps`` (names of the notebook bound
    to stand-ins, see :func:`course_lib.core.gradcheck.swapped`) are bound for the call. A call
    that reaches a course helper doing ``function``'s exercise gives a ``CallError`` naming
    it."""
    helpers = helpers_doing(function)
    with (swapped(namespace, **classic.missing_helpers(namespace)),
          swapped(namespace, **(swaps or {})), _watching(helpers) as called):
        result = call_quietly(fn, *args, **(kwargs or {}))
    if called:
        used = ", ".join(sorted(called))
        return plain.CallError(DELEGATED, f"{function} calls the course's {used}, which does "
                               "this exercise for you: write the computation yourself")
    return result


def call_function(namespace: dict, function: str, args=(), kwargs=None, swaps=None):
    """Call ``namespace[function](*args, **kwargs)`` on copies of the arguments and return its
    result as plain data, or a :class:`~course_lib.core.plain.CallError` if it is missing or
    raises (see :func:`call_bound` for the names bound during the call), so a function is
    judged on what it passes to its helpers."""
    fn = resolve(namespace, function)
    if isinstance(fn, plain.CallError):
        return fn
    return call_bound(namespace, function, fn, _copy(args), _copy(kwargs or {}), swaps)


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


def probe_ref(probe) -> str:
    """The name the kernel finds ``probe`` by: ``"<module>:<function>"``, a module of this
    package."""
    module = probe.__module__
    if module != __name__ and not module.startswith(__name__ + "."):
        raise ValueError(f"probe {probe.__qualname__} must live in {__name__}, not {module}")
    return f"{module}:{probe.__qualname__}"


def find_probe(ref: str):
    """The probe named ``ref`` (see :func:`probe_ref`); only modules of this package."""
    module, _, name = str(ref).partition(":")
    if module != __name__ and not module.startswith(__name__ + "."):
        raise ValueError(f"not a probe: {ref!r}")
    probe = getattr(importlib.import_module(module), name, None)
    if not callable(probe) or name.startswith("_"):
        raise ValueError(f"not a probe: {ref!r}")
    return probe
