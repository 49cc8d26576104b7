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

__all__ = ["HINTS", "MAX_EPSILON", "guarded_sigma", "guarded_normalized", "judge_parameters",
           "judge_normalized", "judge_unchanged_array", "judge_splits"]

#: The largest epsilon accepted as a guard against sigma = 0, written ``sigma + eps`` or
#: ``sqrt(sigma**2 + eps)`` (the batch-norm habit, eps = 1e-5 there): the maths is right and the
#: result moves far less than any slip (m - 1, the variance, own statistics) moves it.
MAX_EPSILON = 1e-5

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


def guarded_sigma(actual, sigma) -> bool:
    """Each entry of ``actual`` is the matching ``sigma`` guarded by an epsilon of at most
    :data:`MAX_EPSILON`: ``sigma + eps`` or ``sqrt(sigma**2 + eps)`` (shapes already agree in
    size)."""
    try:
        a = np.asarray(actual, dtype=float).reshape(-1)
        s = np.asarray(sigma, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return False
    if a.size != s.size or not np.all(np.isfinite(a)):
        return False
    slack = 1e-6 * s + 1e-12
    added = a - s
    squared = a ** 2 - s ** 2
    plus = (added >= -slack) & (added <= MAX_EPSILON + slack)
    root = (squared >= -2 * s * slack) & (squared <= MAX_EPSILON + 2 * s * slack)
    return bool(np.all(plus | root))


def guarded_normalized(actual, expected, sigma) -> bool:
    """``actual`` is ``expected`` = ``(X - mu) / sigma`` computed with a guarded sigma (see
    :func:`guarded_sigma`): row ``i`` is ``expected[i] * sigma[i] / s_i``, with one ``s_i``
    per row (``X`` of shape ``(n_x, m)``, ``sigma`` ``(n_x, 1)``)."""
    if not isinstance(actual, np.ndarray) or actual.dtype.kind not in "biuf":
        return False
    e = np.asarray(expected, dtype=float)
    s = np.asarray(sigma, dtype=float).reshape(-1)
    if actual.shape != e.shape or e.ndim != 2 or s.size != e.shape[0]:
        return False
    a = actual.astype(float)
    if not np.all(np.isfinite(a)):
        return False
    for a_i, e_i, s_i in zip(a, e, s, strict=True):
        big = np.abs(e_i) > 1e-12
        if s_i <= 0 or not big.any():
            if not np.allclose(a_i, e_i, rtol=1e-6, atol=1e-9):
                return False
            continue
        ratio = float(np.median(a_i[big] / e_i[big]))
        if ratio <= 0 or not np.allclose(a_i, ratio * e_i, rtol=1e-6, atol=1e-9):
            return False
        if not guarded_sigma(s_i / ratio, s_i):
            return False
    return True


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
    verdict = compare_array(actual, expected, name)
    if (not verdict and name == "sigma" and isinstance(actual, np.ndarray)
            and actual.shape == expected.shape and guarded_sigma(actual, expected)):
        return ok()
    return verdict


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


def judge_normalized(actual, expected: np.ndarray, what: str, mistakes=None, *,
                     sigma=None) -> Verdict:
    """``actual`` is the normalized array ``expected`` (no nan, no inf); given the ``sigma``
    that ``expected`` was divided by, an epsilon guard on it is accepted
    (:func:`guarded_normalized`)."""
    verdict = compare_array(actual, expected, what)
    if not verdict and sigma is not None and guarded_normalized(actual, expected, sigma):
        return ok()
    return _with_hint(verdict, actual, mistakes)


def judge_unchanged_array(before: np.ndarray, after, what: str) -> Verdict:
    """The caller's array was not modified by the call."""
    if not isinstance(after, np.ndarray) or after.shape != before.shape:
        return fail(f"{what} was replaced or reshaped by the call")
    if not np.array_equal(after, before):
        return fail(f"{what} was modified by the call (X -= mu changes the caller's array): "
                    "compute a new array, (X - mu) / sigma")
    return ok()


def _compare_split(actual, expected: tuple, i: int, name: str) -> Verdict:
    """Item ``i`` of ``normalize_splits``'s result against ``expected[i]``, with an epsilon guard
    on sigma accepted (``expected[4]`` is the sigma the arrays were divided by)."""
    verdict = compare_array(actual, expected[i], name)
    if verdict or i == 3:
        return verdict
    if i == 4 and isinstance(actual, np.ndarray) and actual.shape == np.shape(expected[4]):
        return ok() if guarded_sigma(actual, expected[4]) else verdict
    return ok() if guarded_normalized(actual, expected[i], expected[4]) else verdict


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
    verdict = first_failure(_compare_split(actual[i], expected, i, names[i]) for i in keep)
    if verdict:
        return verdict
    for name, wrong in _evaluate(mistakes).items():
        if _matches(tuple(actual[i] for i in keep), tuple(wrong[i] for i in keep)):
            return fail(f"{verdict.message}: {HINTS.get(name, name)}")
    return verdict
