"""Visible checks of the normalization assignment: small sets whose statistics can be worked out
by hand (fixtures; ``tests/judges/test_normalization.py`` asserts that the reference agrees)."""

from __future__ import annotations

import numpy as np

from course_lib.checks.messages import visible_check
from course_lib.core import gradcheck
from course_lib.core.plain import to_plain
from course_lib.judges import Verdict, enforce, fail, first_failure, ok
from course_lib.judges.normalization import (
    HINTS,
    judge_normalized,
    judge_parameters,
    judge_splits,
    judge_unchanged_array,
)

# Feature 1: mean 2, standard deviation 1. Feature 2: mean 5, sd 5. Feature 3: constant -2.
X_TRAIN = np.array([[1.0, 3.0, 1.0, 3.0], [0.0, 0.0, 10.0, 10.0], [-2.0, -2.0, -2.0, -2.0]])
MU = np.array([[2.0], [5.0], [-2.0]])
SIGMA = np.array([[1.0], [5.0], [0.0]])
X_TRAIN_N = np.array([[-1.0, 1.0, -1.0, 1.0], [-1.0, -1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0]])
X_DEV = np.array([[2.0, 4.0], [5.0, 0.0], [-2.0, -2.0]])
X_DEV_N = np.array([[0.0, 2.0], [0.0, -1.0], [0.0, 0.0]])
X_TEST = np.array([[0.0], [15.0], [-2.0]])
X_TEST_N = np.array([[-2.0], [2.0], [0.0]])


def _divide(numerator: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """``numerator / sigma`` with 0 where ``sigma`` is 0 (the constant feature)."""
    return numerator / np.where(sigma == 0, 1.0, sigma) * (sigma != 0)


#: mu and sigma of X_dev alone, and of the three sets side by side (worked out by hand).
DEV_OWN = (np.array([[3.0], [2.5], [-2.0]]), np.array([[1.0], [2.5], [0.0]]))
ALL_SETS = (np.array([[2.0], [40 / 7], [-2.0]]), np.sqrt([[12 / 7], [10850 / 343], [0.0]]))


def _input_mistakes(X: np.ndarray, own: tuple) -> dict[str, np.ndarray]:
    """What ``normalize_inputs(X, MU, SIGMA)`` returns with the usual mistakes (``own``: the
    statistics of ``X`` itself)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        nan = (X - MU) / SIGMA
    return {"variance": _divide(X - MU, SIGMA ** 2), "no_centering_inputs": _divide(X, SIGMA),
            "wrong_order": np.where(SIGMA == 0, 0.0, _divide(X, SIGMA) - MU),
            "own_statistics": _divide(X - own[0], own[1]), "nan": nan}


#: What the usual mistakes give on these sets.
PARAMETER_MISTAKES = {
    "ddof1": (MU, SIGMA * np.sqrt(4 / 3)),
    "variance": (MU, SIGMA ** 2),
    "no_centering": (MU, np.sqrt(np.mean(X_TRAIN ** 2, axis=1, keepdims=True))),
}
TRAIN_MISTAKES = _input_mistakes(X_TRAIN, (MU, SIGMA))
DEV_MISTAKES = {k: v for k, v in _input_mistakes(X_DEV, DEV_OWN).items() if k != "nan"}


def _splits(train: tuple, dev: tuple, test: tuple, every: tuple) -> tuple[tuple, dict]:
    """``normalize_splits``'s right answer and its usual mistakes, given the statistics
    ``(mu, sigma)`` of X_train, X_dev, X_test and of the three together."""
    def norm(X, stats):
        return _divide(X - stats[0], stats[1])
    right = (norm(X_TRAIN, train), norm(X_DEV, train), norm(X_TEST, train), *train)
    mistakes = {
        "dev_own": (right[0], norm(X_DEV, dev), right[2], *train),
        "each_own": (right[0], norm(X_DEV, dev), norm(X_TEST, test), *train),
        "test_raw": (right[0], right[1], X_TEST, *train),
        "order": (right[1], right[0], right[2], *train),
        "all_sets": (norm(X_TRAIN, every), norm(X_DEV, every), norm(X_TEST, every), *every),
    }
    return right, mistakes


def stand_in_parameters(X):
    """What ``compute_normalization_parameters`` is bound to while ``normalize_splits`` is
    checked (as in the grader): the row minimum and the range plus 1, so that the check judges
    ``normalize_splits`` alone, whatever the two functions above do."""
    X = np.asarray(X, dtype=float)
    low = X.min(axis=1, keepdims=True)
    return low, X.max(axis=1, keepdims=True) - low + 1.0


#: With the two functions of the notebook (their statistics), and with the stand-ins bound.
SPLITS = _splits((MU, SIGMA), DEV_OWN, (X_TEST, np.zeros((3, 1))), ALL_SETS)
SPLITS_STAND_IN = _splits(*(stand_in_parameters(X) for X in (
    X_TRAIN, X_DEV, X_TEST, np.hstack([X_TRAIN, X_DEV, X_TEST]))))
SPLIT_MISTAKES = SPLITS[1]

_PASSED = "All visible checks passed."


@visible_check
def check_compute_normalization_parameters(fn) -> None:
    """mu and sigma of a 3 x 4 set: columns (n_x, 1), population standard deviation, 0 for a
    constant feature."""
    X = X_TRAIN.copy()
    enforce(judge_parameters(to_plain(fn(X)), X_TRAIN, (MU, SIGMA), PARAMETER_MISTAKES),
            _PASSED)


@visible_check
def check_normalize_inputs(fn) -> None:
    """The training set, then a dev set, normalized with the training set's mu and sigma; the
    constant feature maps to 0; the caller's X is left as it was."""
    X_train, X_dev = X_TRAIN.copy(), X_DEV.copy()
    train_n = to_plain(fn(X_train, MU.copy(), SIGMA.copy()))
    dev_n = to_plain(fn(X_dev, MU.copy(), SIGMA.copy()))
    enforce(first_failure([
        judge_normalized(train_n, X_TRAIN_N, "normalize_inputs(X_train, mu, sigma)",
                         TRAIN_MISTAKES, sigma=SIGMA),
        judge_normalized(dev_n, X_DEV_N, "normalize_inputs(X_dev, mu, sigma)", DEV_MISTAKES,
                         sigma=SIGMA),
        judge_unchanged_array(X_TRAIN, to_plain(X_train), "the caller's X_train"),
        judge_unchanged_array(X_DEV, to_plain(X_dev), "the caller's X_dev"),
    ]), _PASSED)


@visible_check
def check_normalize_splits(fn) -> None:
    """Train, dev and test sets normalized with the training set's statistics. While it runs,
    stand-ins replace the two functions above (:func:`stand_in_parameters` and a plain
    ``(X - mu) / sigma``), so a mistake in those is not counted against it."""
    stand_ins = {"compute_normalization_parameters": stand_in_parameters,
                 "normalize_inputs": lambda X, mu, sigma: _divide(X - mu, sigma)}
    with gradcheck.swapped(fn.__globals__, **stand_ins):
        result = to_plain(fn(X_TRAIN.copy(), X_DEV.copy(), X_TEST.copy()))
    # A normalize_splits that calls the two functions gets the stand-ins' statistics back; one
    # that writes the maths inline gets the true ones.
    mu = result[3] if isinstance(result, (tuple, list)) and len(result) == 5 else None
    uses_stand_ins = any(isinstance(mu, np.ndarray) and mu.shape == value[3].shape
                         and np.allclose(mu, value[3])
                         for value in (SPLITS_STAND_IN[0], *SPLITS_STAND_IN[1].values()))
    right, mistakes = SPLITS_STAND_IN if uses_stand_ins else SPLITS
    enforce(first_failure([_judge_no_nan(result), _judge_order(result),
                           judge_splits(result, right, mistakes)]), _PASSED)


def _same(a, b) -> bool:
    return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
            and np.allclose(a, b, equal_nan=True))


def _judge_order(result) -> Verdict:
    """The five right arrays (from the stand-ins or from inline maths), returned in another
    order (``mu, sigma`` first, say)."""
    if not isinstance(result, (tuple, list)) or len(result) != 5:
        return ok()
    for right in (SPLITS_STAND_IN[0], SPLITS[0]):
        if all(_same(a, b) for a, b in zip(result, right, strict=True)):
            return ok()
        if all(any(_same(a, b) for a in result) for b in right):
            return fail(f"it returned the right arrays in another order: {HINTS['order']}")
    return ok()


def _judge_no_nan(result) -> Verdict:
    """nan or inf in a normalized set: the constant feature (sigma = 0) divided by 0."""
    if isinstance(result, (tuple, list)):
        for name, value in zip(("X_train_n", "X_dev_n", "X_test_n"), result[:3], strict=False):
            if (isinstance(value, np.ndarray) and value.dtype.kind == "f"
                    and not np.all(np.isfinite(value))):
                return fail(f"{name} contains nan or inf: {HINTS['nan']}")
    return ok()
