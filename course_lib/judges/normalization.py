"""Judges of the normalization assignment: ``(mu, sigma)`` columns, normalized arrays, the
caller's ``X`` left alone, and the five results of ``normalize_splits``.

Mistakes are passed in as ``name -> value`` (or a function returning that, called only when the
result is wrong); when the result matches one, :data:`HINTS` names it.
"""

from __future__ import annotations

import numpy as np

from course_lib.judges import (
    Verdict,
    check_returned,
    compare_array,
    describe,
    fail,
    first_failure,
    ok,
)

__all__ = ["HINTS", "judge_parameters", "judge_normalized", "judge_unchanged_array",
           "judge_splits"]

HINTS = {
    "variance": "that divides by the variance sigma^2 (as the chapter's notes write); divide "
                "by the standard deviation sigma, its square root",
    "no_centering": "sigma must be computed from X - mu: sigma^2 = 1/m sum (x - mu)^2",
    "ddof1": "that divides by m - 1 (ddof=1, the sample standard deviation); this course uses "
             "1/m as the chapter does (np.std's default, ddof=0)",
    "axis0": "those are statistics over axis 0, one per example; compute one per feature, over "
             "the examples (axis=1)",
    "no_centering_inputs": "did you forget to subtract mu?",
    "wrong_order": "subtract mu first, then divide by sigma: (X - mu) / sigma",
    "own_statistics": "it matches statistics recomputed from X: use the mu and sigma passed in "
                      "(for dev and test sets they come from the training set)",
    "nan": "a feature with sigma = 0 gives 0 / 0 = nan; map it to 0 instead",
    "dev_own": "X_dev was normalized with its own mean and standard deviation: reuse the "
               "training set's mu and sigma",
    "test_own": "X_test was normalized with its own mean and standard deviation: reuse the "
                "training set's mu and sigma",
    "each_own": "X_dev and X_test were normalized with their own statistics: reuse the "
                "training set's mu and sigma",
    "all_sets": "the statistics come from all three sets together: compute them on X_train only",
    "dev_stats": "mu and sigma are those of X_dev: compute them on X_train only",
    "test_raw": "X_test is returned as it came: normalize it too",
    "dev_raw": "X_dev is returned as it came: normalize it too",
    "order": "return (X_train_n, X_dev_n, X_test_n, mu, sigma) in this order",
}


def _evaluate(mistakes) -> dict:
    if callable(mistakes):
        mistakes = mistakes()
    return mistakes or {}


def _matches(actual, wrong) -> bool:
    if isinstance(wrong, tuple):
        return (isinstance(actual, (tuple, list)) and len(actual) == len(wrong)
                and all(_matches(a, w) for a, w in zip(actual, wrong, strict=True)))
    if not isinstance(actual, np.ndarray) or actual.dtype.kind not in "biuf":
        return False
    wrong = np.asarray(wrong, dtype=float)
    if actual.size != wrong.size:
        return False
    return bool(np.allclose(actual.reshape(wrong.shape).astype(float), wrong, rtol=1e-6,
                            atol=1e-9, equal_nan=True))


def _with_hint(verdict: Verdict, actual, mistakes) -> Verdict:
    if verdict.passed:
        return verdict
    for name, wrong in _evaluate(mistakes).items():
        if _matches(actual, wrong):
            return fail(f"{verdict.message}: {HINTS.get(name, name)}")
    return verdict


def _judge_column(actual, expected: np.ndarray, name: str, m: int, *, strict_shape: bool
                  ) -> Verdict:
    n_x = expected.shape[0]
    bad = check_returned(actual, name)
    if not bad:
        return bad
    if not isinstance(actual, np.ndarray):
        if n_x == 1 and np.ndim(actual) == 0 and not isinstance(actual, (bool, str)):
            actual = np.asarray(actual, dtype=float)
        else:
            return fail(f"{name} should be an array of shape {expected.shape}, but it is "
                        f"{describe(actual)}")
    if actual.shape != expected.shape:
        if actual.size == m and m != n_x:
            return fail(f"{name} has shape {actual.shape}, one value per example: "
                        f"{HINTS['axis0']}")
        if actual.size == 1 and n_x > 1:
            return fail(f"{name} is a single number: compute one value per feature "
                        "(axis=1)")
        if actual.shape == (n_x,) or actual.shape == (1, n_x):
            if strict_shape:
                return fail(f"{name} has shape {actual.shape} but should be a column "
                            f"{expected.shape}: use keepdims=True (or reshape) so that it "
                            "broadcasts against X of shape (n_x, m)")
            actual = actual.reshape(expected.shape)
    return compare_array(actual, expected, name)


def judge_parameters(actual, X: np.ndarray, expected: tuple, mistakes=None, *,
                     strict_shape: bool = True) -> Verdict:
    """``actual`` is ``(mu, sigma)`` close to ``expected``; with ``strict_shape`` each must be
    a column ``(n_x, 1)``, otherwise ``(n_x,)`` is accepted too."""
    what = f"compute_normalization_parameters(X) for X of shape {X.shape}"
    bad = check_returned(actual, what)
    if not bad:
        return bad
    if not isinstance(actual, (tuple, list)) or len(actual) != 2:
        return fail(f"{what} should return two arrays (mu, sigma), but it returned "
                    f"{describe(actual)}")
    m = X.shape[1]
    verdict = first_failure(_judge_column(a, e, name, m, strict_shape=strict_shape)
                            for a, e, name in zip(actual, expected, ("mu", "sigma"),
                                                  strict=True))
    return _with_hint(verdict, tuple(actual), mistakes) if not verdict else verdict


def judge_normalized(actual, expected: np.ndarray, what: str, mistakes=None) -> Verdict:
    """``actual`` is the normalized array ``expected`` (no nan, no inf)."""
    verdict = compare_array(actual, expected, what)
    return _with_hint(verdict, actual, mistakes)


def judge_unchanged_array(before: np.ndarray, after, what: str) -> Verdict:
    """The caller's array was not modified by the call."""
    if not isinstance(after, np.ndarray) or after.shape != before.shape:
        return fail(f"{what} was replaced or reshaped by the call")
    if not np.array_equal(after, before):
        return fail(f"{what} was modified by the call (X -= mu changes the caller's array): "
                    "compute a new array, (X - mu) / sigma")
    return ok()


def judge_splits(actual, expected: tuple, mistakes=None, keep=(0, 1, 2, 3, 4)) -> Verdict:
    """``actual`` is ``(X_train_n, X_dev_n, X_test_n, mu, sigma)``; the items at positions
    ``keep`` are close to ``expected``'s (and only they are compared with the mistakes)."""
    what = "normalize_splits(X_train, X_dev, X_test)"
    bad = check_returned(actual, what)
    if not bad:
        return bad
    if not isinstance(actual, (tuple, list)) or len(actual) != 5:
        size = f" of {len(actual)} items" if isinstance(actual, (tuple, list)) else ""
        return fail(f"{what} should return five arrays (X_train_n, X_dev_n, X_test_n, mu, "
                    f"sigma), but it returned {describe(actual)}{size}")
    names = ("X_train_n", "X_dev_n", "X_test_n", "mu", "sigma")
    verdict = first_failure(compare_array(actual[i], expected[i], names[i]) for i in keep)
    if verdict:
        return verdict
    for name, wrong in _evaluate(mistakes).items():
        if _matches(tuple(actual[i] for i in keep), tuple(wrong[i] for i in keep)):
            return fail(f"{verdict.message}: {HINTS.get(name, name)}")
    return verdict
