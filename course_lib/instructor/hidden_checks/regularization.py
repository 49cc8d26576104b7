"""Hidden checks of the regularization assignment.

Inputs are fresh every run: three-layer networks of several sizes, nonzero biases (a penalty on
the biases shows), predictions ``A3`` strictly inside (0, 1) (so ``sum`` and ``nansum`` agree),
several ``m`` and ``lambd``. Backward caches come from the plain forward pass, so ``A > 0`` and
``Z > 0`` give the same ReLU derivative. Costs accept a float, a 0-d or a ``(1, 1)`` array.
"""

from __future__ import annotations

import numpy as np

from course_lib.core import nn
from course_lib.instructor.hidden_checks import Check
from course_lib.judges import first_failure
from course_lib.judges.regularization import (
    judge_cost,
    judge_other_gradients,
    judge_weight_gradients,
)

COST = {"L2": "compute_cost_with_regularization", "L1": "compute_cost_with_l1_regularization"}
BACKWARD = {"L2": "backward_propagation_with_regularization",
            "L1": "backward_propagation_with_l1_regularization"}


def _network(rng: np.random.Generator) -> tuple[list[int], dict]:
    dims = [int(rng.integers(2, 6)), int(rng.integers(3, 8)), int(rng.integers(2, 6)), 1]
    parameters = {}
    for l in (1, 2, 3):
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * rng.uniform(0.3, 1.5)
        parameters[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.5
    return dims, parameters


def _labels(rng, m: int) -> np.ndarray:
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    Y[0, 0], Y[0, -1] = 0.0, 1.0  # both classes present
    return Y


def cost_inputs(lambds):
    def inputs(rng):
        cases = []
        for lambd in lambds(rng):
            _, parameters = _network(rng)
            m = int(rng.integers(3, 13))
            A3 = rng.uniform(0.05, 0.95, size=(1, m))
            cases.append({"args": [A3, _labels(rng, m), parameters, lambd]})
        return cases
    return inputs


def _positive_lambds(rng) -> list[float]:
    return [float(np.round(v, 3)) for v in rng.uniform(0.1, 3.0, size=4)]


def _zero_lambd(rng) -> list[float]:
    return [0.0, 0.0]


def backward_inputs(rng):
    cases = []
    for lambd in _positive_lambds(rng)[:3]:
        dims, parameters = _network(rng)
        m = int(rng.integers(4, 12))
        X = rng.standard_normal((dims[0], m))
        _, cache = nn.forward_propagation(X, parameters)
        cases.append({"args": [X, _labels(rng, m), cache, lambd]})
    return cases


def _parameters_of(cache) -> dict:
    (_, _, W1, b1, _, _, W2, b2, _, _, W3, b3) = cache
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3}


def judge_cost_of(penalty: str):
    def run(inputs, outputs):
        from course_lib.instructor.reference import regularization as ref

        reference = {"L2": ref.compute_cost_with_regularization,
                     "L1": ref.compute_cost_with_l1_regularization}[penalty]
        verdicts = []
        for case, out in zip(inputs, outputs, strict=True):
            A3, Y, parameters, lambd = case["args"]
            what = f"the cost (m = {Y.shape[1]}, lambd = {lambd:g})"
            verdicts.append(judge_cost(out, reference(A3, Y, parameters, lambd), A3, Y,
                                       parameters, lambd, penalty, what))
        return first_failure(verdicts)
    return run


def judge_backward_of(penalty: str, part: str):
    def run(inputs, outputs):
        from course_lib.instructor.reference import regularization as ref

        reference = {"L2": ref.backward_propagation_with_regularization,
                     "L1": ref.backward_propagation_with_l1_regularization}[penalty]
        verdicts = []
        for case, out in zip(inputs, outputs, strict=True):
            X, Y, cache, lambd = case["args"]
            expected = reference(X, Y, cache, lambd)
            parameters = _parameters_of(cache)
            if part == "weights":
                base = nn.backward_propagation(X, Y, cache)
                verdicts.append(judge_weight_gradients(out, expected, base, parameters, lambd,
                                                       X.shape[1], penalty))
            else:
                verdicts.append(judge_other_gradients(out, expected, parameters, lambd,
                                                      X.shape[1], penalty))
        return first_failure(verdicts)
    return run


def _checks(penalty: str) -> list[Check]:
    name = "L2" if penalty == "L2" else "L1"
    term = "lambd/(2m) * sum ||W||_F^2" if penalty == "L2" else "lambd/m * sum |W|"
    grad = "lambd / m * W[l]" if penalty == "L2" else "lambd / m * sign(W[l])"
    return [
        Check(COST[penalty], "cross_entropy",
              f"{name} cost: with lambd = 0 it is the plain cross-entropy",
              cost_inputs(_zero_lambd), judge_cost_of(penalty), points=1),
        Check(COST[penalty], "penalty",
              f"{name} cost: cross-entropy + {term} over W1..W3 (no biases), several networks",
              cost_inputs(_positive_lambds), judge_cost_of(penalty),
              points=2),
        Check(BACKWARD[penalty], "weights",
              f"{name} backward: dW[l] = backprop + {grad}, several networks",
              backward_inputs, judge_backward_of(penalty, "weights"), points=2),
        Check(BACKWARD[penalty], "unchanged",
              f"{name} backward: dZ, dA and db as without regularization (biases not "
              "penalized)", backward_inputs, judge_backward_of(penalty, "other"), points=1),
    ]


CHECKS = _checks("L2") + _checks("L1")
