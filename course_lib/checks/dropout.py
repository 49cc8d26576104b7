"""Visible checks of the dropout assignment.

The forward pass is judged by properties (the judges of :mod:`course_lib.judges.dropout`) on a
network with 40 and 30 hidden units and 200 examples. The backward pass is judged on a small
dropout cache made at import from a seed (``layers_dims = [3, 4, 3, 1]``, ``m = 5``,
``keep_prob = 0.8``, :func:`backward_case`): the gradients it must return are the derivatives of
the cost with the same masks held fixed, taken numerically (no reference needed;
``tests/judges/test_dropout.py`` asserts that they equal the reference's).
"""

from __future__ import annotations

import numpy as np

from course_lib.checks.messages import visible_check
from course_lib.core import nn
from course_lib.core.plain import to_plain
from course_lib.core.randomness import seed_ignored
from course_lib.judges import Verdict, enforce, fail, first_failure, ok
from course_lib.judges.dropout import (
    judge_backward,
    judge_fresh,
    judge_identity,
    judge_keep_rate,
    judge_masks,
    judge_output_layer,
    judge_structure,
)

__all__ = ["forward_case", "backward_case", "check_forward_propagation_with_dropout",
           "check_backward_propagation_with_dropout", "KEEP_PROB", "BACKWARD_KEEP_PROB",
           "BACKWARD_X", "BACKWARD_Y", "BACKWARD_CACHE", "BACKWARD_EXPECTED"]

KEEP_PROB = 0.7
SEED = 7


def forward_case() -> tuple[np.ndarray, dict]:
    """``X (3, 200)`` and the parameters of ``[3, 40, 30, 1]`` (fixed seed)."""
    rng = np.random.default_rng(SEED)
    parameters = nn.initialize_parameters([3, 40, 30, 1], rng)
    for l in (1, 2, 3):
        parameters[f"b{l}"] = parameters[f"b{l}"] + 0.1
    return rng.standard_normal((3, 200)), parameters


def _call(fn, X, parameters, *keep_prob):
    return to_plain(fn(X.copy(), {k: v.copy() for k, v in parameters.items()}, *keep_prob))


@visible_check
def check_forward_propagation_with_dropout(fn) -> None:
    """Structure, masks, keep rate, fresh masks, no dropout on the output, keep_prob = 1."""
    X, parameters = forward_case()
    with seed_ignored() as seeds:  # as the grader does: see course_lib.core.randomness
        first = _call(fn, X, parameters, KEEP_PROB)
        second = _call(fn, X, parameters, KEEP_PROB)
    if seeds:
        print("Note: your forward pass calls np.random.seed. The grader ignores that line (the "
              "classic\nversion of this exercise handed it out), but in training a seed inside "
              "gives the same\nmask at every step, which is not dropout: remove it.")
    judges = (
        lambda: judge_structure(first, X, parameters),
        lambda: judge_masks(first, X, parameters, KEEP_PROB),
        lambda: judge_fresh(first, second, X, parameters),
        lambda: judge_keep_rate(first, X, parameters, KEEP_PROB),
        lambda: judge_output_layer(first, X, parameters),
        lambda: judge_identity(_call(fn, X, parameters, 1.0), X, parameters,
                               nn.forward_propagation(X, parameters)[0]),
    )
    enforce(first_failure(judge() for judge in judges), "All visible checks passed.")


# --- the backward pass: a fixed dropout cache and its gradients, made at import ----------------

BACKWARD_KEEP_PROB = 0.8
BACKWARD_SEED = 3
_NAMES = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")


def _masked_forward(X, Y, parameters, masks, keep_prob, at=None):
    """The cost of the network with the dropout masks held fixed, and the named values on the
    way (``Z1, R1 = relu(Z1), A1 = R1 * D1 / keep_prob, ...``). ``at`` replaces one of ``Z1 R1
    Z2 R2 Z3`` (or a parameter) by a value of its own. Complex-safe, for the complex step."""
    at = at or {}
    p = {**parameters, **{k: v for k, v in at.items() if k in parameters}}
    values = {"A0": X}
    for l in (1, 2):
        Z = at.get(f"Z{l}", p[f"W{l}"] @ values[f"A{l - 1}"] + p[f"b{l}"])
        R = at.get(f"R{l}", Z * (Z.real > 0))
        values.update({f"Z{l}": Z, f"A{l}": R * masks[l - 1] / keep_prob})
    values["Z3"] = at.get("Z3", p["W3"] @ values["A2"] + p["b3"])
    values["A3"] = 1.0 / (1.0 + np.exp(-values["Z3"]))
    # The cross-entropy written as log(1 + exp(-Z3)) + (1 - Y) Z3: no 1 - A3 to lose digits.
    cost = np.mean(np.log1p(np.exp(-values["Z3"])) + (1 - Y) * values["Z3"])
    return cost, values


def _derivative(cost_at, value: np.ndarray, h: float = 1e-30) -> np.ndarray:
    """d cost / d value, entry by entry, by the complex step ``Im cost(v + ih) / h`` (exact to
    rounding, unlike a finite difference)."""
    grad = np.zeros(value.shape)
    for i in np.ndindex(value.shape):
        step = value.astype(complex)
        step[i] += 1j * h
        grad[i] = cost_at(step).imag / h
    return grad


def backward_case(seed: int = BACKWARD_SEED, keep_prob: float = BACKWARD_KEEP_PROB):
    """``X (3, 5)``, ``Y (1, 5)``, a dropout cache of ``[3, 4, 3, 1]`` (fixed masks) and the
    gradients the backward pass must return for it: those of the cost with the same masks
    (``dZ``, ``dA`` for the whole batch, ``dW``, ``db`` averaged, as in the classic notebook)."""
    rng = np.random.default_rng(seed)
    parameters = nn.initialize_parameters([3, 4, 3, 1], rng, scale=1.0)
    parameters = {k: np.round(v + (0.3 * rng.standard_normal(v.shape) if k[0] == "b" else 0), 3)
                  for k, v in parameters.items()}
    X = np.round(rng.standard_normal((3, 5)), 3)
    Y = np.array([[1.0, 0.0, 0.0, 1.0, 1.0]])
    masks = tuple((rng.random((n, 5)) < keep_prob).astype(int) for n in (4, 3))
    _, values = _masked_forward(X, Y, parameters, masks, keep_prob)
    named = {**parameters, **values, "D1": masks[0], "D2": masks[1]}
    cache = tuple(named[name] for name in _NAMES)
    m = X.shape[1]

    def cost_at(name):
        return lambda v: _masked_forward(X, Y, parameters, masks, keep_prob, {name: v})[0]
    expected = {f"d{k}": _derivative(cost_at(k), parameters[k]) for k in parameters}
    for name, key in (("Z3", "dZ3"), ("R2", "dA2"), ("Z2", "dZ2"), ("R1", "dA1"),
                      ("Z1", "dZ1")):
        start = values[name] if name[0] == "Z" else values["Z" + name[1]].clip(min=0)
        expected[key] = m * _derivative(cost_at(name), start)
    return X, Y, cache, expected


BACKWARD_X, BACKWARD_Y, BACKWARD_CACHE, BACKWARD_EXPECTED = backward_case()


@visible_check
def check_backward_propagation_with_dropout(fn) -> None:
    """Every gradient for a fixed cache (same masks, 1 / keep_prob scaling)."""
    X, Y, cache = BACKWARD_X, BACKWARD_Y, BACKWARD_CACHE
    out = to_plain(fn(X.copy(), Y.copy(), tuple(a.copy() for a in cache), BACKWARD_KEEP_PROB))
    enforce(first_failure([_judge_other_mask(out, cache, BACKWARD_KEEP_PROB),
                           judge_backward(out, BACKWARD_EXPECTED, cache, BACKWARD_KEEP_PROB)]),
            "All visible checks passed.")


def _judge_other_mask(out, cache, keep_prob: float) -> Verdict:
    """``dA2`` (or ``dA1``) masked and scaled right, but with a mask other than the cache's
    (a new ``np.random`` draw in the backward pass): every entry is 0 or the unmasked gradient
    / keep_prob, and the zeros are not where ``D`` is 0."""
    if not isinstance(out, dict):
        return ok()
    D = {2: np.asarray(cache[6], float), 1: np.asarray(cache[1], float)}
    W = {3: np.asarray(cache[12], float), 2: np.asarray(cache[8], float)}
    for l in (2, 1):
        dA, dZ_next = out.get(f"dA{l}"), out.get(f"dZ{l + 1}")
        if not all(isinstance(a, np.ndarray) and a.dtype.kind == "f" for a in (dA, dZ_next)):
            return ok()
        full = W[l + 1].T @ dZ_next / keep_prob if dZ_next.shape[0] == W[l + 1].shape[0] \
            else None
        if full is None or dA.shape != D[l].shape or not np.all(np.abs(full) > 1e-12):
            return ok()
        kept = np.isclose(dA, full, rtol=1e-6, atol=1e-12)
        if (np.all(kept | (dA == 0)) and not np.all(kept)
                and not np.array_equal(kept, D[l] == 1)):
            return fail(f"dA{l} is masked and scaled, but with another mask than the forward "
                        f"pass's: use D{l} from the cache (a new random mask in the backward "
                        "pass drops other units than the forward pass did)")
    return ok()
