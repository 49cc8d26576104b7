"""Visible checks of the regularization assignment.

One small network (``layers_dims = [3, 4, 2, 1]``, ``m = 5``) built from a fixed seed; the
expected costs and weight gradients are stored below as numbers
(``tests/judges/test_regularization.py`` asserts that they equal the reference). What does not
change with regularization (``dZ``, ``dA``, ``db``) is compared with the library's plain
backward pass.
"""

from __future__ import annotations

import numpy as np

from course_lib.checks.messages import visible_check
from course_lib.core import nn
from course_lib.core.plain import to_plain
from course_lib.judges import enforce, first_failure
from course_lib.judges.regularization import (
    judge_cost,
    judge_other_gradients,
    judge_weight_gradients,
)

__all__ = ["visible_case", "check_compute_cost_with_regularization",
           "check_backward_propagation_with_regularization",
           "check_compute_cost_with_l1_regularization",
           "check_backward_propagation_with_l1_regularization", "LAMBD", "EXPECTED_COST",
           "EXPECTED_DW"]

LAMBD = 0.7
SEED = 2034

# Fixtures: the reference on visible_case() (see tests/judges/test_regularization.py).
EXPECTED_COST = {
    "L2": 2.1848372988555234,
    "L1": 3.1403101388555235,
}
EXPECTED_DW = {
    "L2": {
        "dW1": [
            [-0.11417529451859437, 0.9429395028357476, -0.4210755695543206],
            [0.16353390315507887, -0.13095315246805275, 0.4291333542378955],
            [0.1293864217303164, 0.36943931997000923, -0.029569469119264218],
            [-0.15748837530191226, -0.2247674356417007, -0.1658179102651774],
        ],
        "dW2": [
            [0.19830579490875086, 0.29743200929847474, 0.2347981548248859, -0.10721857420417366],
            [0.20644695135782404, -0.1755785952134018, 0.3714853504654601, 0.5354529344073569],
        ],
        "dW3": [
            [-0.39390065861486784, 0.20500884040588704],
        ],
    },
    "L1": {
        "dW1": [
            [-0.14665529451859435, 1.0406595028357475, -0.5130555695543205],
            [0.2938739031550789, -0.15741315246805274, 0.32679335423789546],
            [0.0861264217303164, 0.36145931997000924, 0.06815053088073578],
            [-0.10148837530191226, -0.08826743564170073, -0.07747791026517738],
        ],
        "dW2": [
            [0.3047057949087508, 0.28777200929847474, 0.3474981548248859, -0.13423857420417365],
            [0.16738695135782405, -0.2910785952134018, 0.4671053504654601, 0.4412329344073569],
        ],
        "dW3": [
            [-0.2921206586148678, 0.11960884040588703],
        ],
    },
}


def visible_case() -> dict:
    """``X (3, 5)``, ``Y (1, 5)``, parameters of ``[3, 4, 2, 1]`` with nonzero biases, the
    plain forward pass ``A3, cache`` and ``lambd``."""
    rng = np.random.default_rng(SEED)
    dims = [3, 4, 2, 1]
    parameters = {}
    for l in (1, 2, 3):
        parameters[f"W{l}"] = np.round(rng.standard_normal((dims[l], dims[l - 1])), 3)
        parameters[f"b{l}"] = np.round(rng.standard_normal((dims[l], 1)) * 0.5, 3)
    X = np.round(rng.standard_normal((3, 5)), 3)
    Y = np.array([[1.0, 0.0, 1.0, 1.0, 0.0]])
    A3, cache = nn.forward_propagation(X, parameters)
    return {"X": X, "Y": Y, "parameters": parameters, "A3": A3, "cache": cache,
            "lambd": LAMBD}


def _check_cost(fn, penalty: str) -> None:
    case = visible_case()
    A3, Y, parameters = case["A3"], case["Y"], case["parameters"]
    out = to_plain(fn(A3.copy(), Y.copy(), {k: v.copy() for k, v in parameters.items()},
                      LAMBD))
    out_zero = to_plain(fn(A3.copy(), Y.copy(), {k: v.copy() for k, v in parameters.items()},
                           0.0))
    enforce(first_failure([
        judge_cost(out_zero, nn.compute_cost(A3, Y), A3, Y, parameters, 0.0, penalty,
                   "the cost with lambd = 0"),
        judge_cost(out, EXPECTED_COST[penalty], A3, Y, parameters, LAMBD, penalty,
                   f"the cost with lambd = {LAMBD}"),
    ]), "All visible checks passed.")


def _check_backward(fn, penalty: str) -> None:
    case = visible_case()
    X, Y, cache = case["X"], case["Y"], case["cache"]
    out = to_plain(fn(X.copy(), Y.copy(), tuple(a.copy() for a in cache), LAMBD))
    base = nn.backward_propagation(X, Y, cache)
    expected = dict(base)
    expected.update({k: np.array(v) for k, v in EXPECTED_DW[penalty].items()})
    m = X.shape[1]
    parameters = case["parameters"]
    # dZ, dA and db first: a penalty that leaked into dZ2 is named there, not as a wrong dW2.
    enforce(first_failure([
        judge_other_gradients(out, expected, parameters, LAMBD, m, penalty),
        judge_weight_gradients(out, expected, base, parameters, LAMBD, m, penalty),
    ]), "All visible checks passed.")


@visible_check
def check_compute_cost_with_regularization(fn) -> None:
    """The L2 cost with ``lambd = 0`` (plain cross-entropy) and ``lambd = 0.7``."""
    _check_cost(fn, "L2")


@visible_check
def check_backward_propagation_with_regularization(fn) -> None:
    """Every gradient of the L2-regularized cost on the visible network."""
    _check_backward(fn, "L2")


@visible_check
def check_compute_cost_with_l1_regularization(fn) -> None:
    """The L1 cost with ``lambd = 0`` and ``lambd = 0.7``."""
    _check_cost(fn, "L1")


@visible_check
def check_backward_propagation_with_l1_regularization(fn) -> None:
    """Every gradient of the L1-regularized cost on the visible network."""
    _check_backward(fn, "L1")
