"""Probes: what runs beside the student's code, in the sandboxed kernel.

A probe ``probe(namespace, function, inputs) -> outputs`` calls the student's function(s) on the
grader's plain-data inputs and returns plain data (see :mod:`course_lib.core.plain`); it never
judges. :func:`call_each` is the default; the assignments with calls of their own (a function
called twice, stand-ins bound for the notebook's helpers, arguments read back after the call)
have a module here. Student-safe: nothing here knows an answer.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import warnings

import numpy as np

from course_lib.core import plain
from course_lib.core.gradcheck import swapped

__all__ = ["call_each", "call_function", "call_quietly", "resolve", "probe_ref", "find_probe"]


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
    result as plain data, or a :class:`~course_lib.core.plain.CallError` if it is missing or
    raises. ``swaps`` binds names of the notebook to stand-ins for the call (see
    :func:`course_lib.core.gradcheck.swapped`), so a function is judged on what it passes to its
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
