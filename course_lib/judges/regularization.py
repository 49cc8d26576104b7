"""Judges of the regularization assignment: costs and gradients with an L2 or L1 penalty.

The caller supplies the expected answer (the reference in hidden checks, a fixture in visible
checks). For gradients it also supplies ``base``, the gradients of the plain cross-entropy, so
that the judge can tell *how* a wrong answer differs: no penalty term, twice or half of it, a
missing ``/ m``, ``W`` where ``sign(W)`` belongs, a penalty on the biases, a term added to
``dZ`` ... Costs are compared with the slips students make, computed from the inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from course_lib.core.nn import compute_cost
from course_lib.judges import (
    Verdict,
    compare_array,
    compare_scalar,
    fail,
    first_failure,
    gradient_dict,
    ok,
)

__all__ = ["PENALTIES", "GRADIENT_KEYS", "WEIGHT_KEYS", "OTHER_KEYS", "cost_slips",
           "judge_cost", "judge_weight_gradients", "judge_other_gradients"]

PENALTIES = ("L2", "L1")
GRADIENT_KEYS = ("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")
WEIGHT_KEYS = ("dW3", "dW2", "dW1")
OTHER_KEYS = ("dZ3", "db3", "dA2", "dZ2", "db2", "dA1", "dZ1", "db1")
_LAYERS = (1, 2, 3)


def _close(actual, candidate, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    try:
        a = np.asarray(actual, dtype=float)
        c = np.asarray(candidate, dtype=float)
    except (TypeError, ValueError):
        return False
    if a.size != c.size:
        return False
    return bool(np.allclose(a.reshape(c.shape), c, rtol=rtol, atol=atol))


@dataclass(frozen=True)
class _Sums:
    """What the slips are made of, for one input: cross-entropy ``ce``, ``k = lambd / m``, the
    sums of squares ``S`` and of sizes ``A`` of all weights, per layer, and of the biases."""

    ce: float
    k: float
    lambd: float
    m: int
    squares: list
    sizes: list
    bias_squares: float
    bias_sizes: float
    signed: float

    @property
    def S(self) -> float:
        return sum(self.squares)

    @property
    def A(self) -> float:
        return sum(self.sizes)


def _sums(A3, Y, parameters: dict, lambd: float) -> _Sums:
    W = [parameters[f"W{l}"] for l in _LAYERS]
    b = [parameters[f"b{l}"] for l in _LAYERS]
    return _Sums(ce=compute_cost(A3, Y), k=lambd / Y.shape[1], lambd=lambd, m=Y.shape[1],
                 squares=[float(np.sum(np.square(w))) for w in W],
                 sizes=[float(np.sum(np.abs(w))) for w in W],
                 bias_squares=sum(float(np.sum(np.square(x))) for x in b),
                 bias_sizes=sum(float(np.sum(np.abs(x))) for x in b),
                 signed=sum(float(np.sum(w)) for w in W))


def _l2_slips(s: _Sums) -> list[tuple[float, str]]:
    ce, k, S, lambd, m = s.ce, s.k, s.S, s.lambd, s.m
    return [
        (ce + k * S, "the penalty is twice too big: it is lambd / (2 * m) times the sum "
                     "of squares, not lambd / m"),
        (ce + k / 4 * S, "the penalty is half what it should be: lambd / (2 * m), "
                         "computed as lambd / 2 * m? Use lambd / (2 * m)"),
        (ce + lambd / 2 * S, "the penalty is not divided by m: lambd / (2 * m)"),
        (ce + lambd * S, "the penalty is lambd times the sum of squares, without the "
                         "1 / (2 * m): it is lambd / (2 * m) * sum of W**2"),
        (ce + lambd * m / 2 * S, "the penalty is multiplied by m: lambd / 2 * m parses as "
                                 "(lambd / 2) * m; write lambd / (2 * m)"),
        (ce + k / 2 * (S + s.bias_squares), "the biases are penalized too: only W1, W2, W3 "
                                            "are regularized"),
        (ce + k / 2 * float(np.sqrt(S)), "use the squared norms ||W||^2 (the sum of "
                                         "squares), not the norm itself"),
        (ce + k / 2 * sum(float(np.sqrt(q)) for q in s.squares),
         "use the squared Frobenius norms, not the norms"),
        (ce + k / 2 * s.A, "that sums |W| (the L1 penalty); L2 sums the squares W**2"),
        (ce + k * s.A, "that is the L1 penalty lambd / m * sum |W|; L2 is lambd / (2m) * "
                       "sum W**2"),
        (ce - k / 2 * S, "the penalty is subtracted: add it to the cross-entropy"),
        (k / 2 * S, "the cross-entropy part is missing: cost = cross-entropy + penalty"),
        (ce, "there is no penalty term: add lambd / (2 * m) * (sum of W**2 over W1, W2, W3)"),
    ] + [(ce + k / 2 * (S - s.squares[l - 1]),
          f"W{l} is missing from the penalty: sum over W1, W2 and W3") for l in _LAYERS]


def _l1_slips(s: _Sums) -> list[tuple[float, str]]:
    ce, k, A, lambd, m = s.ce, s.k, s.A, s.lambd, s.m
    return [
        (ce + k / 2 * A, "the L1 penalty is lambd / m * sum |W|, without the 1/2 of L2"),
        (ce + lambd * A, "the penalty is not divided by m: lambd / m * sum |W|"),
        (ce + lambd * m * A, "the penalty is multiplied by m: write lambd / m"),
        (ce + k * (A + s.bias_sizes), "the biases are penalized too: only W1, W2, W3 are "
                                      "regularized"),
        (ce + k * s.signed, "take absolute values: sum |W|, not sum W"),
        (ce + k * abs(s.signed), "take the absolute value of every weight, then sum"),
        (ce + k / 2 * s.S, "that is the L2 penalty (squares); L1 sums |W|"),
        (ce + k * s.S, "that sums the squares W**2; L1 sums the absolute values |W|"),
        (ce - k * A, "the penalty is subtracted: add it to the cross-entropy"),
        (k * A, "the cross-entropy part is missing: cost = cross-entropy + penalty"),
        (ce, "there is no penalty term: add lambd / m * (sum of |W| over W1, W2, W3)"),
    ] + [(ce + k * (A - s.sizes[l - 1]),
          f"W{l} is missing from the penalty: sum over W1, W2 and W3") for l in _LAYERS]


def cost_slips(A3: np.ndarray, Y: np.ndarray, parameters: dict, lambd: float, penalty: str
               ) -> list[tuple[float, str]]:
    """Values that common slips give for this input, each with the message that names it."""
    tables = {"L2": _l2_slips, "L1": _l1_slips}
    if penalty not in tables:
        raise ValueError(f"unknown penalty {penalty!r}")
    s = _sums(A3, Y, parameters, lambd)
    return tables[penalty](s) + [
        (s.ce * s.m, "the cross-entropy is summed, not averaged: divide it by m")]


def judge_cost(actual, expected: float, A3: np.ndarray, Y: np.ndarray, parameters: dict,
               lambd: float, penalty: str, what: str = "the cost") -> Verdict:
    """``actual`` is one number (float, 0-d or ``(1, 1)``) equal to ``expected``; a wrong value
    that matches a known slip is named."""
    verdict = compare_scalar(actual, expected, what, rtol=1e-6, atol=1e-9)
    if verdict:
        return verdict
    value = actual
    if isinstance(actual, np.ndarray) and actual.size == 1:
        value = float(actual.reshape(()))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        for candidate, message in cost_slips(A3, Y, parameters, lambd, penalty):
            if not _close(candidate, expected) and _close(value, candidate):
                return fail(f"{verdict.message}: {message}")
    return verdict


def _gradient_dict(actual, keys) -> Verdict:
    return gradient_dict(actual, keys, layout=GRADIENT_KEYS)


def _weight_slips(l: int, W: np.ndarray, lambd: float, m: int, penalty: str
                  ) -> list[tuple[np.ndarray, str]]:
    """Penalty terms of common slips for ``dW{l}`` (added to the plain gradient)."""
    k = lambd / m
    name = f"W{l}"
    if penalty == "L2":
        term = k * W
        slips = [
            (0 * term, f"d{name} has no penalty term: add lambd / m * {name}"),
            (2 * term, f"d{name} has twice the penalty term: the derivative of "
                       f"lambd / (2m) * {name}**2 is lambd / m * {name}"),
            (term / 2, f"d{name} has half the penalty term: it is lambd / m * {name} (the 2 "
                       "of the square cancels the 1/2)"),
            (lambd * W, f"d{name}: the penalty term is lambd * {name}; divide it by m"),
            (-term, f"d{name}: the penalty term is subtracted; add lambd / m * {name}"),
            (k * np.sign(W), f"d{name}: lambd / m * sign({name}) is the L1 term; L2 adds "
                             f"lambd / m * {name}"),
        ]
    else:
        term = k * np.sign(W)
        slips = [
            (0 * term, f"d{name} has no penalty term: add lambd / m * np.sign({name})"),
            (k * W, f"d{name}: lambd / m * {name} is the L2 term; the derivative of |w| is "
                    "sign(w), so L1 adds lambd / m * np.sign(" + name + ")"),
            (k * np.abs(W), f"d{name}: the derivative of |w| is sign(w), not |w|"),
            (term / 2, f"d{name} has half the penalty term: it is lambd / m * sign({name})"),
            (2 * term, f"d{name} has twice the penalty term: it is lambd / m * sign({name})"),
            (lambd * np.sign(W), f"d{name}: the penalty term is lambd * sign({name}); divide "
                                 "it by m"),
            (-term, f"d{name}: the penalty term is subtracted; add lambd / m * sign({name})"),
        ]
    return slips


def judge_weight_gradients(actual, expected: dict, base: dict, weights: dict, lambd: float,
                           m: int, penalty: str) -> Verdict:
    """``dW1..dW3`` equal ``expected``; ``base`` holds the gradients without penalty and
    ``weights`` the ``W1..W3`` the penalty was computed from."""
    shape = _gradient_dict(actual, WEIGHT_KEYS)
    if not shape:
        return shape
    for key in WEIGHT_KEYS:
        l = int(key[-1])
        verdict = compare_array(actual[key], expected[key], f"gradients['{key}']")
        if verdict:
            continue
        value = actual[key]
        if isinstance(value, np.ndarray) and value.size == np.size(expected[key]):
            for term, message in _weight_slips(l, np.asarray(weights[f"W{l}"], float), lambd,
                                               m, penalty):
                candidate = np.asarray(base[key]) + term
                if not _close(candidate, expected[key]) and _close(value, candidate):
                    return fail(f"{verdict.message}: {message}")
        return verdict
    return ok()


def judge_other_gradients(actual, expected: dict, biases: dict, lambd: float, m: int,
                          penalty: str) -> Verdict:
    """``dZ``, ``dA`` and ``db`` equal the plain backprop values (the penalty touches ``dW``
    only); a penalty on ``db`` or a term added to ``dZ`` is named."""
    shape = _gradient_dict(actual, OTHER_KEYS)
    if not shape:
        return shape
    k = lambd / m
    for key in OTHER_KEYS:
        verdict = compare_array(actual[key], expected[key], f"gradients['{key}']")
        if verdict:
            continue
        value = actual[key]
        if key.startswith("db") and isinstance(value, np.ndarray):
            b = np.asarray(biases[f"b{key[-1]}"], float)
            for term in (k * b, k * np.sign(b), 2 * k * b, k / 2 * b):
                if not _close(term, 0) and _close(value, np.asarray(expected[key]) + term):
                    return fail(f"{verdict.message}: the biases are not regularized; "
                                f"{key} gets no penalty term")
        if key.startswith(("dZ", "dA")):
            return fail(f"{verdict.message}. {key} is the same as without regularization: "
                        "the penalty only adds a term to dW1, dW2, dW3")
        return verdict
    return ok()


def judge_gradients(actual, expected: dict, base: dict, parameters: dict, lambd: float, m: int,
                    penalty: str) -> Verdict:
    """Every key: :func:`judge_weight_gradients` then :func:`judge_other_gradients`."""
    return first_failure([
        judge_weight_gradients(actual, expected, base, parameters, lambd, m, penalty),
        judge_other_gradients(actual, expected, parameters, lambd, m, penalty),
    ])
