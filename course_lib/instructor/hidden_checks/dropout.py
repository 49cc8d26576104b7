"""Hidden checks of the dropout assignment.

The forward pass is random, so it is judged by properties (:mod:`course_lib.judges.dropout`):
hidden layers of 20 to 50 units and 150 to 250 examples give enough draws for a binomial band
on the keep rate, several ``keep_prob`` (never only 0.5, where ``rand < keep_prob`` and
``rand > keep_prob`` look alike) and the default argument. The backward pass is compared with
the reference on the same cache: caches built here with int, bool and float masks, and the
student's own forward pass followed by the student's backward pass.
"""

from __future__ import annotations

import numpy as np

from course_lib.core import nn
from course_lib.grading.sandbox.probes.dropout import (
    _usable_cache,
    probe_own_forward,
    probe_twice,
)
from course_lib.instructor.hidden_checks import Check
from course_lib.judges import first_failure
from course_lib.judges.dropout import (
    judge_backward,
    judge_fresh,
    judge_identity,
    judge_keep_rate,
    judge_masks,
    judge_output_layer,
    judge_structure,
)

FORWARD = "forward_propagation_with_dropout"
BACKWARD = "backward_propagation_with_dropout"


def _parameters(rng, dims) -> dict:
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * np.sqrt(
            2.0 / dims[l - 1])
        parameters[f"b{l}"] = rng.uniform(0.05, 0.3, size=(dims[l], 1))
    return parameters


def _forward_case(rng, keep_prob: float | None, large: bool = True) -> dict:
    if large:
        dims = [int(rng.integers(2, 5)), int(rng.integers(30, 51)), int(rng.integers(20, 41)), 1]
        m = int(rng.integers(150, 251))
    else:
        dims = [int(rng.integers(2, 5)), int(rng.integers(4, 9)), int(rng.integers(3, 7)), 1]
        m = int(rng.integers(8, 20))
    X = rng.standard_normal((dims[0], m))
    case = {"args": [X, _parameters(rng, dims)]}
    if keep_prob is not None:
        case["kwargs"] = {"keep_prob": keep_prob}
    return case


def _keep_prob(case) -> float:
    return float(case.get("kwargs", {}).get("keep_prob", 0.5))


def _some_keep_probs(rng, k: int) -> list[float]:
    pool = [0.6, 0.7, 0.75, 0.8, 0.86, 0.9, 0.3, 0.4]
    return [float(p) for p in rng.choice(pool, size=k, replace=False)]


def structure_inputs(rng):
    return [_forward_case(rng, p, large=False) for p in _some_keep_probs(rng, 2)] + [
        _forward_case(rng, _some_keep_probs(rng, 1)[0])]


def rate_inputs(rng):
    # One case leaves keep_prob out: the default is 0.5.
    return [_forward_case(rng, p) for p in _some_keep_probs(rng, 3)] + [
        _forward_case(rng, None)]


def fresh_inputs(rng):
    return [_forward_case(rng, p) for p in _some_keep_probs(rng, 2)]


def identity_inputs(rng):
    return [_forward_case(rng, 1.0), _forward_case(rng, 1.0, large=False)]


def _each(judge):
    def run(inputs, outputs):
        return first_failure(judge(case, out) for case, out in zip(inputs, outputs,
                                                                   strict=True))
    return run


def _judge_structure(case, out):
    X, parameters = case["args"]
    return judge_structure(out, X, parameters)


def _judge_masks(case, out):
    X, parameters = case["args"]
    return first_failure([judge_structure(out, X, parameters),
                          judge_masks(out, X, parameters, _keep_prob(case))])


def _judge_rate(case, out):
    X, parameters = case["args"]
    label = "" if "kwargs" in case else "(keep_prob left at its default)"
    return judge_keep_rate(out, X, parameters, _keep_prob(case), label)


def _judge_fresh(case, outs):
    X, parameters = case["args"]
    return judge_fresh(outs[0], outs[1], X, parameters)


def _judge_output(case, out):
    X, parameters = case["args"]
    return judge_output_layer(out, X, parameters)


def _judge_identity(case, out):
    X, parameters = case["args"]
    plain_A3, _ = nn.forward_propagation(X, parameters)
    return judge_identity(out, X, parameters, plain_A3)


# --- backward ---------------------------------------------------------------------------------

def dropout_cache(rng, X: np.ndarray, parameters: dict, keep_prob: float, mask: str) -> tuple:
    """A dropout cache drawn here (grader side), with ``mask`` masks: "int", "bool", "float"."""
    cache = []
    A = X
    for l in (1, 2):
        Z = parameters[f"W{l}"] @ A + parameters[f"b{l}"]
        D = rng.uniform(size=Z.shape) < keep_prob
        D[0, 0], D[-1, -1] = True, False  # both kinds present
        D = {"int": D.astype(int), "bool": D, "float": D.astype(float)}[mask]
        A = np.maximum(Z, 0.0) * D / keep_prob
        cache += [Z, D, A, parameters[f"W{l}"], parameters[f"b{l}"]]
    Z3 = parameters["W3"] @ A + parameters["b3"]
    A3 = 1.0 / (1.0 + np.exp(-Z3))
    cache += [Z3, A3, parameters["W3"], parameters["b3"]]
    return tuple(cache)


def _labels(rng, m):
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    Y[0, 0], Y[0, -1] = 0.0, 1.0
    return Y


def backward_inputs(rng):
    cases = []
    for mask, keep_prob in zip(("int", "bool", "float"), _some_keep_probs(rng, 3),
                               strict=True):
        base = _forward_case(rng, keep_prob, large=False)
        X, parameters = base["args"]
        cache = dropout_cache(rng, X, parameters, keep_prob, mask)
        cases.append({"args": [X, _labels(rng, X.shape[1]), cache, keep_prob]})
    return cases


def own_forward_inputs(rng):
    cases = []
    for keep_prob in _some_keep_probs(rng, 2):
        base = _forward_case(rng, keep_prob, large=False)
        X, parameters = base["args"]
        cases.append({"X": X, "Y": _labels(rng, X.shape[1]), "parameters": parameters,
                      "keep_prob": keep_prob,
                      "fallback": dropout_cache(rng, X, parameters, keep_prob, "int")})
    return cases


def judge_backward_values(inputs, outputs):
    from course_lib.instructor.reference.dropout import backward_propagation_with_dropout

    verdicts = []
    for case, out in zip(inputs, outputs, strict=True):
        X, Y, cache, keep_prob = case["args"]
        expected = backward_propagation_with_dropout(X, Y, cache, keep_prob)
        verdicts.append(judge_backward(out, expected, cache, keep_prob))
    return first_failure(verdicts)


def judge_backward_own_forward(inputs, outputs):
    from course_lib.instructor.reference.dropout import backward_propagation_with_dropout
    from course_lib.judges import fail

    verdicts = []
    for case, out in zip(inputs, outputs, strict=True):
        cache = _usable_cache((None, out.get("cache") if isinstance(out, dict) else None),
                              case["fallback"])
        try:
            expected = backward_propagation_with_dropout(case["X"], case["Y"], cache,
                                                         case["keep_prob"])
        except Exception as exc:  # a cache the reference cannot read
            verdicts.append(fail(f"the cache of your forward pass could not be used: {exc}"))
            continue
        grads = out.get("grads") if isinstance(out, dict) else out
        verdict = judge_backward(grads, expected, cache, case["keep_prob"])
        if not verdict:
            verdict = fail(f"on the cache of your own forward pass: {verdict.message}")
        verdicts.append(verdict)
    return first_failure(verdicts)


CHECKS = [
    Check(FORWARD, "structure",
          "Dropout forward: the pair (A3, cache), the 14-entry cache in order, Z from the stored A",
          structure_inputs, _each(_judge_structure),
          points=1),
    Check(FORWARD, "masks",
          "Dropout forward: D1, D2 are 0/1 masks and A = relu(Z) * D / keep_prob on both "
          "hidden layers", structure_inputs, _each(_judge_masks), points=1),
    Check(FORWARD, "keep_rate",
          "Dropout forward: the share of kept units is keep_prob (binomial band), default 0.5",
          rate_inputs, _each(_judge_rate), points=1),
    Check(FORWARD, "fresh",
          "Dropout forward: a new mask on every call, and one coin per unit and example",
          fresh_inputs, _each(_judge_fresh), probe=probe_twice, points=1),
    Check(FORWARD, "output",
          "Dropout forward: no dropout on the output layer (A3 = sigmoid(W3 A2 + b3))",
          structure_inputs, _each(_judge_output), points=1),
    Check(FORWARD, "keep_prob_one",
          "Dropout forward: keep_prob = 1 keeps every unit and equals the forward pass "
          "without dropout", identity_inputs, _each(_judge_identity), points=1),
    Check(BACKWARD, "values",
          "Dropout backward: every gradient, with the cache's masks (int, bool, float), scaled",
          backward_inputs, judge_backward_values, points=2),
    Check(BACKWARD, "own_forward",
          "Dropout backward: after your own forward pass, uses that pass's masks",
          own_forward_inputs, judge_backward_own_forward, probe=probe_own_forward, points=1),
]
