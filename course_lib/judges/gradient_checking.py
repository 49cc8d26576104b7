"""Judges of the gradient-checking assignment: a returned difference, a dict of numerical
gradients, and inputs left unchanged.

Each judge gets the expected value and, optionally, the values the usual mistakes would give
(``name -> value``, or a function returning them, called only when the result is wrong); when
the student's result matches one of those, the message names it.
"""

from __future__ import annotations

import numpy as np

from course_lib.judges import (
    Verdict,
    check_returned,
    compare_array,
    compare_scalar,
    describe,
    fail,
    first_failure,
    ok,
    scalar_value,
)

__all__ = ["MISTAKE_HINTS", "FORWARD_SLIPS", "BACKWARD_SLIPS", "noise_floor",
           "judge_scalar_slips", "judge_difference", "judge_gradient_dict", "judge_unchanged"]

#: What each known mistake is, in words a student can act on.
MISTAKE_HINTS = {
    "one_sided": "it matches the one-sided difference (J(theta + epsilon) - J(theta)) / epsilon; "
                 "use the two-sided (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon)",
    "no_division": "it matches J_plus - J_minus without the division by 2 * epsilon",
    "divided_by_eps": "it matches (J_plus - J_minus) / epsilon: divide by 2 * epsilon",
    "plus_twice": "it matches gradapprox = 0: is thetaplus (or J_plus) used in both terms?",
    "aliased": "it matches thetaplus and thetaminus sharing memory with the parameter vector: "
               "take a copy (np.copy) before changing one entry",
    "no_denominator": "it matches ||grad - gradapprox|| without dividing by "
                      "||grad|| + ||gradapprox||",
    "squared": "it matches squared norms: use np.linalg.norm itself, not its square",
    "approx_only": "it divides by ||gradapprox|| only; the denominator is "
                   "||grad|| + ||gradapprox||",
    "grad_only": "it divides by ||grad|| only; the denominator is ||grad|| + ||gradapprox||",
    "norm_of_sum": "it divides by ||grad + gradapprox||; the denominator is the sum of two "
                   "norms, ||grad|| + ||gradapprox||",
    "one_sided_no_denominator": "it matches a one-sided difference and no denominator",
    "linear_forward": "it matches J = theta * x computed inside gradient_check: call "
                      "forward_propagation(x, theta_plus) and forward_propagation(x, theta_minus) "
                      "so that the check works for any cost",
    "grad_is_x": "it matches grad = x: call backward_propagation(x, theta) instead of writing "
                 "the derivative yourself",
}

#: What ``forward_propagation(x, theta)`` / ``backward_propagation(x, theta)`` of ``J = theta * x``
#: return with the usual slips, and what to tell the student.
FORWARD_SLIPS = (
    (lambda x, t: x + t, "that is theta + x; J = theta * x"),
    (lambda x, t: x, "that is x, the derivative; J = theta * x"),
    (lambda x, t: t * x * x, "J = theta * x, not theta * x**2"),
)
BACKWARD_SLIPS = (
    (lambda x, t: t, "that is theta; the derivative of theta * x with respect to theta is x"),
    (lambda x, t: t * x, "that is J itself; dtheta = dJ/dtheta = x"),
    (lambda x, t: 1.0, "dJ/dtheta of theta * x is x, not 1"),
    (lambda x, t: -x, "check the sign: dJ/dtheta = x"),
)


def judge_scalar_slips(actual, expected: float, what: str, slips, x: float, theta: float
                       ) -> Verdict:
    """``actual`` is the number ``expected``; a value that one of ``slips`` gives for
    ``(x, theta)`` is named."""
    verdict = compare_scalar(actual, expected, what, rtol=1e-9, atol=1e-12)
    if not verdict:
        for value_of, hint in slips:
            if compare_scalar(actual, value_of(x, theta), "", rtol=1e-9, atol=1e-12):
                return fail(f"{verdict.message}: {hint}")
    return verdict


def noise_floor(cost_scale: float, epsilon: float, n: int, grad_norm: float) -> float:
    """How far two correct implementations' differences can drift apart by rounding alone:
    each ``J`` carries an error of a few ulps, divided by ``2 * epsilon``, over ``n`` entries,
    relative to ``||grad||`` (with a margin of 10)."""
    ulp = np.finfo(float).eps
    return float(10 * ulp * (abs(cost_scale) + 1) / epsilon * np.sqrt(n)
                 / max(grad_norm, 1e-12))


def _evaluate(mistakes) -> dict:
    """``mistakes`` may be a dict or a function returning one, called only when needed."""
    if callable(mistakes):
        mistakes = mistakes()
    return mistakes or {}


def _name_mistake(matches) -> str:
    """The hints of up to two matching mistakes (two mistakes can give the same number)."""
    hints = list(dict.fromkeys(MISTAKE_HINTS.get(name, name) for name in matches))[:2]
    return ": " + "; or ".join(hints) if hints else ""


def judge_difference(actual, expected: float, what: str, mistakes: dict | None = None, *,
                     rtol: float = 1e-3, floor: float = 0.0) -> Verdict:
    """``actual`` is a number within ``rtol * expected + floor`` of ``expected``; ``floor`` is
    the rounding noise of the difference (see :func:`noise_floor`)."""
    bad = check_returned(actual, what)
    if not bad:
        return bad
    if isinstance(actual, (bool, np.bool_)) or (isinstance(actual, np.ndarray)
                                                 and actual.dtype.kind == "b"):
        return fail(f"{what} returned {actual!r}: return the difference itself (a float), "
                    "not whether the check passed")
    if isinstance(actual, str):
        return fail(f"{what} returned the text {actual[:80]!r}: return the difference (a "
                    "float) and print messages only when print_msg is True")
    if actual is None:
        return fail(f"{what} returned None: is `return difference` missing?")
    x = scalar_value(actual)
    if x is None:
        return fail(f"{what} should return one number, but it returned {describe(actual)}")
    if not np.isfinite(x):
        return fail(f"{what} returned {x}; expected a finite number near {expected:.4g}")
    if x < 0:
        return fail(f"{what} returned {x:.4g}: a ratio of norms cannot be negative")
    tolerance = rtol * abs(expected) + floor
    if abs(x - expected) <= tolerance:
        return ok()
    matches = [n for n, v in _evaluate(mistakes).items()
               if abs(x - v) <= rtol * abs(v) + floor and abs(v - expected) > tolerance]
    return fail(f"{what} returned {x:.6g}, expected {expected:.6g}{_name_mistake(matches)}")


def judge_gradient_dict(actual, expected: dict, what: str, mistakes: dict | None = None, *,
                        rtol: float = 1e-5, atol: float = 1e-8) -> Verdict:
    """``actual`` is a dict ``dW1, db1, ...`` (``W1, b1, ...`` is accepted too) of arrays close
    to ``expected``'s."""
    bad = check_returned(actual, what)
    if not bad:
        return bad
    if isinstance(actual, np.ndarray):
        return fail(f"{what} returned {describe(actual)}; return a dict shaped like "
                    "`gradients` (vector_to_dictionary(gradapprox), with keys dW1, db1, ...)")
    if not isinstance(actual, dict):
        return fail(f"{what} should return a dict with keys {', '.join(expected)}, "
                    f"but it returned {describe(actual)}")
    if all(k[1:] in actual and k not in actual for k in expected):
        actual = {"d" + k: v for k, v in actual.items()}
    missing = [k for k in expected if k not in actual]
    if missing:
        return fail(f"{what} is missing the key(s) {', '.join(missing)}")
    verdict = first_failure(compare_array(actual[k], expected[k], f"{what}: the result['{k}']",
                                          rtol=rtol, atol=atol) for k in expected)
    if verdict:
        return verdict
    for name, wrong in _evaluate(mistakes).items():
        if all(isinstance(actual[k], np.ndarray) and actual[k].shape == wrong[k].shape
               and np.allclose(actual[k], wrong[k], rtol=rtol, atol=atol) for k in expected):
            return fail(f"{verdict.message}{_name_mistake([name])}")
    return verdict


def judge_unchanged(before: dict, after, what: str) -> Verdict:
    """Every array of ``after`` equals ``before``'s (to rounding): the function under test did
    not modify the caller's dict."""
    if not isinstance(after, dict):
        return fail(f"{what} is no longer a dict after the call")
    for key, value in before.items():
        new = after.get(key)
        if not isinstance(new, np.ndarray) or new.shape != np.shape(value):
            return fail(f"{what}['{key}'] was replaced or reshaped by the call")
        if not np.allclose(new, value, rtol=1e-12, atol=1e-13):
            change = float(np.max(np.abs(new - value)))
            return fail(f"{what}['{key}'] was modified by the call (by up to {change:.3g}): "
                        "perturb a copy of the parameter vector (np.copy), never the caller's "
                        "arrays")
    return ok()
