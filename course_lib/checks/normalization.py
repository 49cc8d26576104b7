"""Visible checks of the normalization assignment: small sets whose statistics can be worked out
by hand (fixtures; ``tests/judges/test_normalization.py`` asserts that the reference agrees)."""

from __future__ import annotations

import numpy as np

from course_lib.checks.messages import visible_check
from course_lib.core.plain import to_plain
from course_lib.judges import enforce, first_failure
from course_lib.judges.normalization import (
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

#: What the usual mistakes give on these sets.
PARAMETER_MISTAKES = {
    "ddof1": (MU, SIGMA * np.sqrt(4 / 3)),
    "variance": (MU, SIGMA ** 2),
}
DEV_MISTAKES = {
    "variance": np.array([[0.0, 2.0], [0.0, -0.2], [0.0, 0.0]]),
    "own_statistics": np.array([[-1.0, 1.0], [1.0, -1.0], [0.0, 0.0]]),
    "no_centering_inputs": np.array([[2.0, 4.0], [1.0, 0.0], [0.0, 0.0]]),
}
SPLIT_MISTAKES = {
    "dev_own": (X_TRAIN_N, DEV_MISTAKES["own_statistics"], X_TEST_N, MU, SIGMA),
    "each_own": (X_TRAIN_N, DEV_MISTAKES["own_statistics"], np.zeros((3, 1)), MU, SIGMA),
    "test_raw": (X_TRAIN_N, X_DEV_N, X_TEST, MU, SIGMA),
    "order": (X_DEV_N, X_TRAIN_N, X_TEST_N, MU, SIGMA),
}

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
        judge_normalized(train_n, X_TRAIN_N, "normalize_inputs(X_train, mu, sigma)"),
        judge_normalized(dev_n, X_DEV_N, "normalize_inputs(X_dev, mu, sigma)", DEV_MISTAKES),
        judge_unchanged_array(X_TRAIN, to_plain(X_train), "the caller's X_train"),
        judge_unchanged_array(X_DEV, to_plain(X_dev), "the caller's X_dev"),
    ]), _PASSED)


@visible_check
def check_normalize_splits(fn) -> None:
    """Train, dev and test sets normalized with the training set's statistics (this uses your
    two functions above: check them first)."""
    result = to_plain(fn(X_TRAIN.copy(), X_DEV.copy(), X_TEST.copy()))
    enforce(judge_splits(result, (X_TRAIN_N, X_DEV_N, X_TEST_N, MU, SIGMA), SPLIT_MISTAKES),
            _PASSED)
