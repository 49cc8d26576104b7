"""Normalization: the reference against independent maths, the contour helpers (gradient-checked),
the judges on hand-made outputs, the visible checks' fixtures, and the hidden checks."""

from __future__ import annotations

import statistics
from pathlib import Path

import nbformat
import numpy as np
import pytest
from gradcheck_util import numerical_gradient

from course_lib.checks import normalization as visible
from course_lib.core import plain
from course_lib.grading.tools.submissions import strip_solution_markers
from course_lib.instructor.hidden_checks import normalization as checks
from course_lib.instructor.reference import normalization as ref
from course_lib.judges.normalization import (
    judge_normalized,
    judge_parameters,
    judge_splits,
    judge_unchanged_array,
)
from course_lib.lessons import normalization as contours

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source" / "normalization" / "normalization.ipynb"


# --- the reference against independent maths --------------------------------------------------

@pytest.mark.parametrize(("n_x", "m"), [(3, 7), (5, 4), (1, 6), (4, 4)])
def test_statistics_match_the_statistics_module(n_x, m):
    X = checks.feature_matrix(np.random.default_rng(n_x * 10 + m), n_x, m)
    mu, sigma = ref.compute_normalization_parameters(X)
    assert mu.shape == sigma.shape == (n_x, 1)
    for j in range(n_x):
        row = [float(v) for v in X[j]]
        assert mu[j, 0] == pytest.approx(statistics.fmean(row))
        assert sigma[j, 0] == pytest.approx(statistics.pstdev(row))


def test_normalized_rows_have_mean_0_and_std_1_and_constants_map_to_0():
    X = checks.feature_matrix(np.random.default_rng(0), 4, 9, constant_row=2)
    before = X.copy()
    mu, sigma = ref.compute_normalization_parameters(X)
    assert sigma[2, 0] == 0
    with np.errstate(all="raise"):
        Xn = ref.normalize_inputs(X, mu, sigma)
    assert np.array_equal(X, before)
    assert np.all(np.isfinite(Xn)) and np.all(Xn[2] == 0)
    keep = [0, 1, 3]
    assert np.allclose(Xn[keep].mean(axis=1), 0) and np.allclose(Xn[keep].std(axis=1), 1)


def test_normalize_splits_uses_the_training_statistics():
    rng = np.random.default_rng(5)
    X_train, X_dev, X_test = (checks.feature_matrix(rng, 3, m) for m in (10, 4, 3))
    X_train_n, X_dev_n, X_test_n, mu, sigma = ref.normalize_splits(X_train, X_dev, X_test)
    assert np.allclose(mu, X_train.mean(axis=1, keepdims=True))
    assert np.allclose(X_dev_n * sigma + mu, X_dev)
    assert np.allclose(X_test_n * sigma + mu, X_test)
    assert not np.allclose(X_dev_n.mean(axis=1), 0)


def test_parameter_mistakes_differ_from_the_right_answer():
    X = checks.feature_matrix(np.random.default_rng(1), 4, 4)
    right = ref.compute_normalization_parameters(X)
    for name, (mu, sigma) in ref.parameter_mistakes(X).items():
        assert not (np.allclose(mu, right[0]) and np.allclose(sigma, right[1])), name


# --- the contour helpers ----------------------------------------------------------------------

def test_linear_gradients_are_gradient_checked():
    x, y = contours.make_regression(30, np.random.default_rng(2))
    for w, b in ((0.3, -1.0), (2.0, 4.0)):
        numeric = numerical_gradient(lambda v: float(contours.linear_cost(v[0], v[1], x, y)),
                                     np.array([w, b]))
        assert np.allclose(contours.linear_gradients(w, b, x, y), numeric, atol=1e-6)
    w_opt, b_opt = contours.optimum(x, y)
    assert np.allclose(contours.linear_gradients(w_opt, b_opt, x, y), 0, atol=1e-9)


def test_linear_cost_on_a_grid_matches_pointwise():
    x, y = contours.make_regression(20, np.random.default_rng(3))
    W, B, J = contours.cost_grid(x, y, (0, 2), (-5, 0), steps=7)
    assert J.shape == (7, 7)
    assert J[3, 4] == pytest.approx(float(contours.linear_cost(W[3, 4], B[3, 4], x, y)))


def test_iterations_to_reach_matches_running_gradient_descent():
    x, y = contours.make_regression(50, np.random.default_rng(4))
    xn = (x - x.mean()) / x.std()
    for xs in (x, xn):
        top = contours.largest_stable_rate(xs)
        target = float(contours.linear_cost(*contours.optimum(xs, y), xs, y)) + 1e-3
        for rate in (0.3 * top, 0.9 * top):
            k = contours.iterations_to_reach(xs, y, rate)
            path = contours.gradient_descent(xs, y, rate, k)
            costs = [float(contours.linear_cost(w, b, xs, y)) for w, b in path]
            assert costs[-1] <= target and (k == 0 or costs[-2] > target)
        assert contours.iterations_to_reach(xs, y, 1.05 * top) is None
        assert len(contours.gradient_descent(xs, y, 1.2 * top, 5000)) < 5001
    assert contours.largest_stable_rate(xn) == pytest.approx(2.0)
    assert contours.largest_stable_rate(x) < 0.2


# --- judges on hand-made outputs -------------------------------------------------------------

def test_judge_parameters_on_hand_made_outputs():
    X = np.array([[1.0, 3.0, 1.0], [2.0, 2.0, 8.0]])
    right = (np.array([[5 / 3], [4.0]]), np.array([[np.sqrt(8 / 9)], [np.sqrt(8.0)]]))
    assert judge_parameters(right, X, right)
    flat = (right[0].ravel(), right[1].ravel())
    assert judge_parameters(flat, X, right, strict_shape=False)
    verdict = judge_parameters(flat, X, right)
    assert not verdict and "keepdims" in verdict.message
    verdict = judge_parameters((X.mean(axis=0), X.std(axis=0)), X, right)
    assert not verdict and "axis=1" in verdict.message
    verdict = judge_parameters((right[0], right[1] ** 2), X, right,
                               {"variance": (right[0], right[1] ** 2)})
    assert not verdict and "variance" in verdict.message
    assert "two arrays" in judge_parameters(right[0], X, right).message
    assert "raised" in judge_parameters(plain.CallError("ValueError", ""), X, right).message


def test_judge_normalized_unchanged_and_splits():
    expected = np.array([[0.0, 1.0], [0.0, 0.0]])
    assert judge_normalized(expected.copy(), expected, "f")
    verdict = judge_normalized(np.array([[0.0, 1.0], [np.nan, np.nan]]), expected, "f",
                               {"nan": np.array([[0.0, 1.0], [np.nan, np.nan]])})
    assert not verdict and "sigma = 0" in verdict.message
    assert judge_unchanged_array(expected, expected.copy(), "X")
    assert not judge_unchanged_array(expected, expected + 1, "X")
    five = tuple(np.full((1, 2), float(i)) for i in range(5))
    assert judge_splits(five, five)
    assert "five arrays" in judge_splits(five[:3], five).message
    wrong = (five[0], five[0], five[2], five[3], five[4])
    verdict = judge_splits(wrong, five, {"dev_raw": wrong})
    assert not verdict and "normalize it too" in verdict.message
    assert judge_splits(wrong, five, keep=(0, 2, 3, 4))


# --- visible checks ---------------------------------------------------------------------------

def test_fixtures_equal_the_reference():
    mu, sigma = ref.compute_normalization_parameters(visible.X_TRAIN)
    assert np.allclose(mu, visible.MU) and np.allclose(sigma, visible.SIGMA)
    assert np.allclose(ref.normalize_inputs(visible.X_TRAIN, mu, sigma), visible.X_TRAIN_N)
    for got, want in zip(ref.normalize_splits(visible.X_TRAIN, visible.X_DEV, visible.X_TEST),
                         (visible.X_TRAIN_N, visible.X_DEV_N, visible.X_TEST_N, visible.MU,
                          visible.SIGMA), strict=True):
        assert np.allclose(got, want)
    mistakes = ref.parameter_mistakes(visible.X_TRAIN)
    for name, (m, s) in visible.PARAMETER_MISTAKES.items():
        assert np.allclose(mistakes[name][0], m) and np.allclose(mistakes[name][1], s), name
    own = [ref.normalize_inputs(X, *ref.compute_normalization_parameters(X))
           for X in (visible.X_DEV, visible.X_TEST)]
    assert np.allclose(own[0], visible.SPLIT_MISTAKES["each_own"][1])
    assert np.allclose(own[1], visible.SPLIT_MISTAKES["each_own"][2])
    dev = ref.normalize_mistakes(visible.X_DEV, visible.MU, visible.SIGMA)
    for name, value in visible.DEV_MISTAKES.items():
        assert np.allclose(dev[name], value), name


def solution_namespace(replace: dict[str, str] | None = None) -> dict:
    nb = nbformat.read(SOURCE, as_version=4)
    namespace = {"np": np}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            exec((replace or {}).get(meta["grade_id"], strip_solution_markers(cell.source)),
                 namespace)
    return namespace


MISTAKES = {
    "compute_normalization_parameters": """
def compute_normalization_parameters(X):
    return X.mean(axis=1, keepdims=True), X.var(axis=1, keepdims=True)
""",
    "normalize_inputs": """
def normalize_inputs(X, mu, sigma):
    return (X - mu) / sigma
""",
    "normalize_splits": """
def normalize_splits(X_train, X_dev, X_test):
    out = [normalize_inputs(X, *compute_normalization_parameters(X))
           for X in (X_train, X_dev, X_test)]
    return (*out, *compute_normalization_parameters(X_train))
""",
}


def test_visible_checks_pass_the_solutions_and_fail_mistakes():
    ns = solution_namespace()
    for name in MISTAKES:
        getattr(visible, f"check_{name}")(ns[name])
    for name, words in (("compute_normalization_parameters", "variance"),
                        ("normalize_inputs", "nan"), ("normalize_splits", "own")):
        bad = solution_namespace({name: MISTAKES[name]})
        with np.errstate(all="ignore"), pytest.raises(AssertionError, match=words):
            getattr(visible, f"check_{name}")(bad[name])


# --- hidden checks ----------------------------------------------------------------------------

def run_check(check, namespace, seed=3):
    rng = np.random.default_rng(seed)
    inputs = plain.round_trip(check.inputs(rng))
    outputs = plain.round_trip(check.probe(namespace, check.function, inputs))
    return check.judge(inputs, outputs)


@pytest.mark.parametrize("check", checks.CHECKS, ids=lambda c: c.grade_id)
def test_hidden_checks_pass_the_solutions(check):
    for seed in (1, 2, 3):
        verdict = run_check(check, solution_namespace(), seed)
        assert verdict, verdict.message


@pytest.mark.parametrize(("grade_id", "words"), [
    ("test_compute_normalization_parameters__values", "variance"),
    ("test_normalize_inputs__constant_feature", "nan"),
    ("test_normalize_splits__dev_and_test", "own statistics"),
])
def test_hidden_checks_name_the_mistakes(grade_id, words):
    check = next(c for c in checks.CHECKS if c.grade_id == grade_id)
    with np.errstate(all="ignore"):
        verdict = run_check(check, solution_namespace(MISTAKES))
    assert not verdict and words in verdict.message


def test_splits_probe_restores_the_notebooks_functions():
    ns = solution_namespace()
    own = ns["compute_normalization_parameters"]
    check = next(c for c in checks.CHECKS if c.function == "normalize_splits")
    run_check(check, ns)
    assert ns["compute_normalization_parameters"] is own


def test_stand_ins_are_not_the_real_statistics():
    X = checks.feature_matrix(np.random.default_rng(0), 3, 6)
    assert not np.allclose(checks.stand_in_parameters(X)[0],
                           ref.compute_normalization_parameters(X)[0])
    assert np.all(checks.stand_in_parameters(X)[1] >= 1)


# --- an epsilon guard on sigma (batch-norm style) ------------------------------------------------

@pytest.mark.parametrize("eps", [1e-8, 1e-6, 1e-5])
def test_an_epsilon_guard_on_sigma_is_accepted(eps):
    X = checks.feature_matrix(np.random.default_rng(3), 4, 9)
    X[2] = 1.5  # a constant feature: sigma 0, where the guard matters most
    mu, sigma = ref.compute_normalization_parameters(X)
    safe = np.where(sigma > 0, sigma, 1.0)  # the constant row is left at 0 either way
    want = (X - mu) / safe
    for guarded in (sigma + eps, np.sqrt(sigma ** 2 + eps)):
        assert judge_parameters((mu, guarded), X, (mu, sigma))
        got = (X - mu) / np.where(sigma > 0, guarded, 1.0)
        assert judge_normalized(got, want, "normalize_inputs(X, mu, sigma)", sigma=safe)


@pytest.mark.parametrize("eps", [1e-3, 1e-2])
def test_a_larger_epsilon_still_loses(eps):
    X = checks.feature_matrix(np.random.default_rng(4), 4, 9)
    mu, sigma = ref.compute_normalization_parameters(X)
    assert not judge_parameters((mu, sigma + eps), X, (mu, sigma))
    want = (X - mu) / sigma
    got = (X - mu) / (sigma + eps)
    assert not judge_normalized(got, want, "normalize_inputs(X, mu, sigma)", sigma=sigma)
