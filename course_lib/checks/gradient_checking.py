"""Visible checks of the gradient-checking assignment (fixtures and properties, no reference).

Like the hidden tests, the checks of ``gradient_check`` and ``gradient_check_n`` look the helpers
up in the notebook that defined the function (``fn.__globals__``) and swap in a non-linear cost
while they call it, so a one-sided difference cannot pass; the notebook's own helpers come back
afterwards. The numbers below are fixtures (``tests/judges/test_gradient_checking.py`` asserts that
the reference reproduces them).
"""

from __future__ import annotations

import math

import numpy as np

from course_lib.checks.messages import visible_check
from course_lib.core import gradcheck
from course_lib.core.plain import to_plain
from course_lib.judges import Verdict, enforce, fail, first_failure, ok
from course_lib.judges.gradient_checking import (
    BACKWARD_SLIPS,
    FORWARD_SLIPS,
    MISTAKE_HINTS,
    judge_difference,
    judge_gradient_dict,
    judge_scalar_slips,
    judge_unchanged,
    noise_floor,
)

# --- fixtures ----------------------------------------------------------------------------------

#: gradient_check(1.5, 0.8, epsilon) on the cubic cost x * theta**3, derivative * scale.
ONE_D_CASES = (
    {"x": 1.5, "theta": 0.8, "epsilon": 1e-2, "scale": 1.0},
    {"x": 1.5, "theta": 0.8, "epsilon": 1e-7, "scale": 2.0},
)
ONE_D_EXPECTED = (2.60409885154008e-05, 0.3333333335672694)
ONE_D_MISTAKES = (
    {"one_sided": 0.0062368986, "no_division": 0.96078231, "divided_by_eps": 0.33335648,
     "plus_twice": 1.0, "no_denominator": 0.00015, "squared": 1.3562662e-09,
     "linear_forward": 0.31506849},
    {"one_sided": 0.33333328, "no_division": 0.9999998, "divided_by_eps": 2.6317806e-10,
     "no_denominator": 2.88, "squared": 0.2, "approx_only": 1.0, "grad_only": 0.5},
)
#: A gradient_check that does not change with the cost (J and its derivative written inside).
HARD_CODED = ("it did not change when the cost did: call forward_propagation and "
              "backward_propagation instead of writing J = theta * x or its derivative inside "
              "gradient_check")
#: gradient_check_n on the fixture network: the one-sided difference with correct gradients
#: and epsilon = 1e-3, then the difference (and its mistakes) with dW2 x2 and db1 x4.
N_D_ONE_SIDED_COARSE = 0.0002995067583627036
N_D_EXPECTED_BUGGY = 0.36730740248151356
N_D_MISTAKES_BUGGY = {"no_division": 0.9999998, "divided_by_eps": 0.18580485, "plus_twice": 1.0,
                      "aliased": 0.61084401, "no_denominator": 0.44682032,
                      "squared": 0.24438656, "approx_only": 1.0845578, "grad_only": 0.55540729,
                      "norm_of_sum": 0.37309911}
#: ... and with the correct gradients (epsilon = 1e-7): the approximation's mistakes (the same
#: numbers as gradient_check(2, 4) with J = theta * x).
N_D_MISTAKES_RIGHT = {"aliased": 1 / 3, "divided_by_eps": 1 / 3, "no_division": 0.9999996,
                      "plus_twice": 1.0}


def fixture_network() -> tuple[dict, dict, np.ndarray, np.ndarray]:
    """The classic sizes (4 -> 5 -> 3 -> 1), 5 examples; made from sines, no random stream.

    Returns ``(parameters, gradients, X, Y)`` with the correct gradients.
    """
    parameters = {}
    for k, (name, shape) in enumerate(gradcheck.CLASSIC_LAYOUT):
        n = math.prod(shape)
        scale = 0.9 if name.startswith("W") else 0.3
        parameters[name] = scale * np.sin(1.7 * np.arange(1, n + 1) + k).reshape(shape)
    X = np.sin(np.arange(20) * 0.9 + 0.4).reshape(4, 5) * 1.2
    Y = np.array([[1.0, 0.0, 1.0, 1.0, 0.0]])
    _, cache = gradcheck.forward_propagation_n(X, Y, parameters)
    gradients = gradcheck.backward_propagation_n(X, Y, cache)
    return parameters, gradients, X, Y


def buggy(gradients: dict) -> dict:
    """The planted bugs of the notebook: ``dW2`` twice too large, ``db1`` four times."""
    return {**gradients, "dW2": gradients["dW2"] * 2, "db1": gradients["db1"] * 4}


# --- the 1-D pair ------------------------------------------------------------------------------

_SCALAR_CASES = ((-1.5, 3.0), (2, 4), (0.25, -8.0))


@visible_check
def check_forward_propagation(fn) -> None:
    """``J = theta * x`` on a few numbers."""
    enforce(first_failure(
        judge_scalar_slips(to_plain(fn(x, theta)), theta * x,
                           f"forward_propagation({x}, {theta})", FORWARD_SLIPS, x, theta)
        for x, theta in _SCALAR_CASES), "All visible checks passed.")


@visible_check
def check_backward_propagation(fn) -> None:
    """``dtheta = x`` on a few numbers."""
    enforce(first_failure(
        judge_scalar_slips(to_plain(fn(x, theta)), x, f"backward_propagation({x}, {theta})",
                           BACKWARD_SLIPS, x, theta)
        for x, theta in _SCALAR_CASES), "All visible checks passed.")


def _cubic(scale):
    J, dJ = gradcheck.TOY_COSTS["cubic"]
    return J, (lambda x, theta: scale * dJ(x, theta))


@visible_check
def check_gradient_check(fn) -> None:
    """With the non-linear ``J = x * theta**3`` swapped in for a moment, the difference matches
    the two-sided relative difference, for a right and for a wrong derivative; with
    ``J = theta * x`` (and its derivative) swapped in, it is tiny."""
    namespace = fn.__globals__
    verdicts = []
    for case, expected, mistakes in zip(ONE_D_CASES, ONE_D_EXPECTED, ONE_D_MISTAKES,
                                        strict=True):
        forward, backward = _cubic(case["scale"])
        with gradcheck.swapped(namespace, forward_propagation=forward,
                               backward_propagation=backward):
            difference = to_plain(fn(case["x"], case["theta"], epsilon=case["epsilon"]))
        what = (f"gradient_check({case['x']}, {case['theta']}, epsilon={case['epsilon']:g}) "
                f"with J = x * theta**3{' and a wrong derivative' if case['scale'] != 1 else ''}")
        mistakes = {**mistakes, HARD_CODED: 0.0}
        verdicts.append(judge_difference(difference, expected, what, mistakes, rtol=1e-3,
                                         floor=noise_floor(1.0, case["epsilon"], 1, 1.0)))
    with gradcheck.swapped(namespace, forward_propagation=lambda x, theta: theta * x,
                           backward_propagation=lambda x, theta: x):
        difference = to_plain(fn(2, 4))
    verdicts.append(judge_difference(difference, 0.0, "gradient_check(2, 4) with J = theta * x",
                                     N_D_MISTAKES_RIGHT, floor=1e-7))
    enforce(first_failure(verdicts), "All visible checks passed.")


# --- N-D -----------------------------------------------------------------------------------------

def _helpers() -> dict:
    return {"forward_propagation_n": gradcheck.forward_propagation_n,
            "dictionary_to_vector": gradcheck.dictionary_to_vector,
            "vector_to_dictionary": gradcheck.vector_to_dictionary,
            "gradients_to_vector": gradcheck.gradients_to_vector}


@visible_check
def check_gradient_check_n(fn) -> None:
    """Correct gradients: below 1e-7 (eps 1e-7) and below 1e-6 (eps 1e-3, which a one-sided
    difference fails); the planted bugs: the fixture difference; inputs left unchanged."""
    parameters, gradients, X, Y = fixture_network()
    before_p = {k: v.copy() for k, v in parameters.items()}
    before_g = {k: v.copy() for k, v in gradients.items()}
    with gradcheck.swapped(fn.__globals__, **_helpers()):
        right = to_plain(fn(parameters, gradients, X, Y, 1e-7))
        coarse = to_plain(fn(parameters, gradients, X, Y, epsilon=1e-3))
        wrong = to_plain(fn(parameters, buggy(gradients), X, Y))
    enforce(first_failure([
        judge_unchanged(before_p, to_plain(parameters), "parameters"),
        judge_unchanged(before_g, to_plain(gradients), "gradients"),
        judge_difference(right, 0.0, "gradient_check_n with correct gradients",
                         _right_mistakes(wrong), floor=1e-7),
        judge_difference(coarse, 0.0, "gradient_check_n with correct gradients and "
                         "epsilon=1e-3", {"one_sided": N_D_ONE_SIDED_COARSE}, floor=1e-6),
        judge_difference(wrong, N_D_EXPECTED_BUGGY, "gradient_check_n with dW2 x2 and db1 x4",
                         N_D_MISTAKES_BUGGY),
    ]), "All visible checks passed.")


def _right_mistakes(wrong) -> dict:
    """The mistakes to name for the correct gradients. Two of them give the same 1/3 there
    (no copy, and dividing by epsilon); the call with the planted bugs tells them apart, so
    the message names only the one the student made."""
    try:
        value = float(np.asarray(wrong, dtype=float).reshape(()))
    except (TypeError, ValueError):
        return N_D_MISTAKES_RIGHT
    ambiguous = ("aliased", "divided_by_eps")
    made = [n for n in ambiguous
            if abs(value - N_D_MISTAKES_BUGGY[n]) <= 1e-3 * N_D_MISTAKES_BUGGY[n]]
    if len(made) != 1:
        return N_D_MISTAKES_RIGHT
    return {n: v for n, v in N_D_MISTAKES_RIGHT.items() if n not in ambiguous or n in made}


def _keys_like_gradients(result, expected: dict) -> Verdict:
    """The dict's keys are those of ``gradients`` (``dW1, db1, ...``): the cells below compare
    the two dicts key by key."""
    if isinstance(result, dict) and not any(k in result for k in expected):
        if all(k[1:] in result for k in expected):
            return fail("numerical_gradients_n returned the keys W1, b1, ... of `parameters`: "
                        "name them like `gradients`, dW1, db1, ... (the cells below compare "
                        "the two dicts key by key)")
    return ok()


def _error(result: dict, expected: dict) -> float:
    return max(float(np.max(np.abs(np.asarray(result[k], float) - expected[k])))
               for k in expected)


def _judge_one_sided(coarse, finer, expected: dict) -> Verdict:
    """A one-sided difference is off by about ``epsilon`` (ten times less with an epsilon ten
    times smaller), a two-sided one by about ``epsilon**2`` (a hundred times less)."""
    if not (isinstance(coarse, dict) and isinstance(finer, dict)
            and all(k in coarse and k in finer for k in expected)):
        return ok()
    try:
        ratio = _error(coarse, expected) / max(_error(finer, expected), 1e-300)
    except (TypeError, ValueError):
        return ok()
    if 5 < ratio < 20:
        return fail("numerical_gradients_n(..., epsilon=1e-3) is off by about epsilon (ten "
                    "times less with epsilon=1e-4): " + MISTAKE_HINTS["one_sided"])
    return ok()


@visible_check
def check_numerical_gradients_n(fn) -> None:
    """The two-sided differences match the analytic gradients of the fixture network (within
    1e-6 for epsilon 1e-7, and within 1e-5 for epsilon 1e-3, which one-sided differences miss
    by about 1e-3), as a dict ``dW1, db1, ...``, and ``parameters`` is left unchanged."""
    parameters, gradients, X, Y = fixture_network()
    before = {k: v.copy() for k, v in parameters.items()}
    expected = {"d" + k: gradients["d" + k] for k in parameters}
    with gradcheck.swapped(fn.__globals__, **_helpers()):
        fine = to_plain(fn(parameters, X, Y))
        coarse = to_plain(fn(parameters, X, Y, epsilon=1e-3))
        finer = to_plain(fn(parameters, X, Y, epsilon=1e-4))
    mistakes = {"divided_by_eps": {k: 2 * v for k, v in expected.items()},
                "aliased": {k: v / 2 for k, v in expected.items()},
                "plus_twice": {k: 0 * v for k, v in expected.items()}}
    enforce(first_failure([
        judge_unchanged(before, to_plain(parameters), "parameters"),
        _keys_like_gradients(fine, expected),
        judge_gradient_dict(fine, expected, "numerical_gradients_n(...)", mistakes, rtol=0.0,
                            atol=1e-6),
        _judge_one_sided(coarse, finer, expected),
        judge_gradient_dict(coarse, expected, "numerical_gradients_n(..., epsilon=1e-3)",
                            rtol=0.0, atol=1e-5),
    ]), "All visible checks passed.")
