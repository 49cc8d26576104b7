"""Pure judges: plain data in, a :class:`Verdict` out.

A judge never calls student code. It receives what student code returned (numbers, arrays,
dicts, tuples, or a :class:`~course_lib.core.plain.CallError`) and says whether it is right, with a
message that names the mistake. The visible checks of the notebooks and the hidden checks of
the grader both use these judges; the hidden ones add a comparison with the reference.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from course_lib.core.plain import CallError, Unsupported

__all__ = ["Verdict", "ok", "fail", "first_failure", "describe", "check_returned",
           "scalar_value", "compare_scalar", "compare_array", "compare_dict", "CheckFailed",
           "enforce", "BAND_Z", "DELEGATED"]

#: Half-width, in standard errors, of every statistical band a random answer is judged by
#: (weight spread, keep rate): a right answer falls outside one about once in 500 million, so
#: a class of thousands graded on dozens of bands never loses a point by chance, while every
#: usual mistake (fan-out scale, He/Xavier swapped, uniform weights, keep rate 1 - keep_prob)
#: stays many bands away.
BAND_Z = 6.0


@dataclass(frozen=True)
class Verdict:
    """``passed`` and a message for the student (what is wrong, or what was checked)."""

    passed: bool
    message: str = ""

    def __bool__(self) -> bool:
        return self.passed


def ok(message: str = "passed") -> Verdict:
    return Verdict(True, message)


def fail(message: str) -> Verdict:
    return Verdict(False, message)


def first_failure(verdicts: Iterable[Verdict], message: str = "passed") -> Verdict:
    """The first failing verdict (judges run lazily, in order), else ``ok(message)``."""
    for verdict in verdicts:
        if not verdict.passed:
            return verdict
    return ok(message)


def describe(value) -> str:
    """A short description of a value for messages: ``ndarray (3, 4) float64``, ``dict``."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, CallError):
        return f"an error ({value})"
    if isinstance(value, Unsupported):
        return f"a {value.type_name}"
    if value is None:
        return "None"
    return f"a {type(value).__name__}"


#: The ``CallError`` kind of a call that handed its exercise to a course helper (its message
#: names the helper; the probes that call student code make it).
DELEGATED = "DelegatedToCourse"


def check_returned(value, what: str) -> Verdict:
    """Fail if ``value`` is an error raised by ``what`` or something that is not plain data."""
    if isinstance(value, CallError) and value.kind == DELEGATED:
        return fail(value.message)
    if isinstance(value, CallError):
        return fail(f"{what} raised {value}")
    if isinstance(value, Unsupported):
        return fail(f"{what} returned {describe(value)}, which the grader cannot read")
    return ok()


def gradient_dict(actual, keys, what: str = "the function", layout=None) -> Verdict:
    """``actual`` is a dict holding every key of ``keys`` (a gradients dict), else a verdict
    that says what came back instead (``layout``: the keys to name, default ``keys``)."""
    bad = check_returned(actual, what)
    if not bad:
        return bad
    if not isinstance(actual, dict):
        return fail(f"{what} should return a dict of gradients, but it returned "
                    f"{describe(actual)}")
    missing = [k for k in keys if k not in actual]
    if missing:
        return fail(f"the gradients dict is missing {', '.join(missing)} (expected the keys "
                    f"{' '.join(layout or keys)})")
    return ok()


def scalar_value(value) -> float | None:
    """``value`` as a float if it is a number, a 0-d array or an array of one element."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "biuf":
        return float(value.reshape(()))
    return None


def compare_scalar(actual, expected: float, name: str, *, rtol: float = 1e-6,
                   atol: float = 1e-9) -> Verdict:
    """``actual`` is a number (float, 0-d or one-element array) close to ``expected``."""
    bad = check_returned(actual, name)
    if not bad:
        return bad
    x = scalar_value(actual)
    if x is None:
        return fail(f"{name} should be a single number, but it is {describe(actual)}")
    if not np.isfinite(x) and np.isfinite(expected):
        return fail(f"{name} is {x}, expected a finite number near {expected:.6g}")
    if not np.isclose(x, expected, rtol=rtol, atol=atol):
        return fail(f"{name} is {x:.8g}, expected {expected:.8g}")
    return ok()


def compare_array(actual, expected: np.ndarray, name: str, *, rtol: float = 1e-6,
                  atol: float = 1e-9) -> Verdict:
    """``actual`` has ``expected``'s shape (a number may stand for a one-element array) and its
    values, within ``rtol``/``atol``."""
    bad = check_returned(actual, name)
    if not bad:
        return bad
    expected = np.asarray(expected, dtype=float)
    if not isinstance(actual, np.ndarray):
        if expected.size == 1 and scalar_value(actual) is not None:
            actual = np.asarray(scalar_value(actual))
        else:
            return fail(f"{name} should be an array of shape {expected.shape}, "
                        f"but it is {describe(actual)}")
    if actual.dtype.kind not in "biuf":
        return fail(f"{name} has dtype {actual.dtype}; expected numbers")
    if actual.shape != expected.shape:
        if actual.size == expected.size == 1:
            actual = actual.reshape(expected.shape)
        elif actual.shape == expected.shape[::-1] and expected.ndim == 2:
            return fail(f"{name} has shape {actual.shape} but should be {expected.shape}: "
                        "is it transposed?")
        else:
            return fail(f"{name} has shape {actual.shape} but should be {expected.shape}")
    actual = actual.astype(float)
    if not np.all(np.isfinite(actual)) and np.all(np.isfinite(expected)):
        return fail(f"{name} contains nan or inf")
    close = np.isclose(actual, expected, rtol=rtol, atol=atol)
    if not close.all():
        where = np.unravel_index(np.argmin(close), close.shape) if close.ndim else ()
        ratio = _common_ratio(actual, expected)
        hint = f" (it is {ratio:.4g} times the expected value)" if ratio is not None else ""
        return fail(f"{name} is wrong: at index {tuple(int(i) for i in where)} it is "
                    f"{actual[where]:.6g}, expected {expected[where]:.6g}{hint}")
    return ok()


def _common_ratio(actual: np.ndarray, expected: np.ndarray) -> float | None:
    """If ``actual == c * expected`` for one constant ``c != 1``, return ``c``."""
    mask = np.abs(expected) > 1e-12
    if not mask.any():
        return None
    ratios = actual[mask] / expected[mask]
    c = float(np.median(ratios))
    if np.allclose(ratios, c, rtol=1e-5) and np.allclose(actual, c * expected, atol=1e-9):
        return c if not np.isclose(c, 1.0) else None
    return None


def compare_dict(actual, expected: dict, name: str, keys: Iterable[str] | None = None, *,
                 rtol: float = 1e-6, atol: float = 1e-9) -> Verdict:
    """``actual`` is a dict holding ``keys`` (default: all of ``expected``'s) with close arrays."""
    bad = check_returned(actual, name)
    if not bad:
        return bad
    if not isinstance(actual, dict):
        return fail(f"{name} should be a dict, but it is {describe(actual)}")
    keys = list(expected) if keys is None else list(keys)
    missing = [k for k in keys if k not in actual]
    if missing:
        return fail(f"{name} is missing the key(s) {', '.join(missing)}")
    return first_failure(compare_array(actual[k], expected[k], f"{name}['{k}']", rtol=rtol,
                                       atol=atol) for k in keys)


class CheckFailed(AssertionError):
    """Raised by a notebook check that failed; shows only its message, not a traceback."""

    def _render_traceback_(self) -> list[str]:
        return [f"\x1b[31mCheck failed:\x1b[0m {self}"]


def enforce(verdict: Verdict, success: str | None = None) -> None:
    """Raise :class:`CheckFailed` with the verdict's message, or print ``success``."""
    if not verdict.passed:
        raise CheckFailed(verdict.message)
    if success:
        print(success)
