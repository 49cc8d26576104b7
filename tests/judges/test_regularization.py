"""Regularization: the reference against independent maths and numerical gradients, the judges on
hand-made answers, the visible checks' fixtures, the hidden checks, and the lesson helpers."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from gradcheck_util import check_parameter_gradients

from course_lib.checks import regularization as visible
from course_lib.core import nn, plain, weights
from course_lib.display import plotting
from course_lib.instructor.hidden_checks import checks_for, run_hidden_check
from course_lib.instructor.reference import regularization as ref
from course_lib.judges import CheckFailed
from course_lib.judges.regularization import (
    judge_cost,
    judge_other_gradients,
    judge_weight_gradients,
)
from course_lib.lessons import sliders
from course_lib.lessons.regularization import lambda_explorer

PENALTIES = {
    "L2": (ref.compute_cost_with_regularization, ref.backward_propagation_with_regularization),
    "L1": (ref.compute_cost_with_l1_regularization,
           ref.backward_propagation_with_l1_regularization),
}


def _network(seed, dims=(3, 5, 4, 1), m=7):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in (1, 2, 3):
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1]))
        parameters[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.3
    X = rng.standard_normal((dims[0], m))
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    return X, Y, parameters


def _loop_cost(A3, Y, parameters, lambd, penalty):
    """The regularized cost with plain Python loops over every entry (no numpy reductions)."""
    m = Y.shape[1]
    total = 0.0
    for i in range(m):
        a, y = float(A3[0, i]), float(Y[0, i])
        total -= y * np.log(a) + (1 - y) * np.log(1 - a)
    cost = total / m
    extra = 0.0
    for l in (1, 2, 3):
        for w in parameters[f"W{l}"].ravel():
            extra += float(w) ** 2 if penalty == "L2" else abs(float(w))
    return cost + (lambd / (2 * m) * extra if penalty == "L2" else lambd / m * extra)


@pytest.mark.parametrize("penalty", ["L2", "L1"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_reference_cost_equals_loops(penalty, seed):
    X, Y, parameters = _network(seed)
    A3, _ = nn.forward_propagation(X, parameters)
    lambd = 0.3 + seed
    cost = PENALTIES[penalty][0](A3, Y, parameters, lambd)
    assert isinstance(cost, float)
    assert cost == pytest.approx(_loop_cost(A3, Y, parameters, lambd, penalty), rel=1e-12)


def test_reference_cost_ignores_biases_and_zero_lambd_is_cross_entropy():
    X, Y, parameters = _network(3)
    A3, _ = nn.forward_propagation(X, parameters)
    for cost, _ in PENALTIES.values():
        shifted = {**parameters, "b1": parameters["b1"] + 10.0}
        assert cost(A3, Y, shifted, 0.7) == pytest.approx(cost(A3, Y, parameters, 0.7))
        assert cost(A3, Y, parameters, 0.0) == pytest.approx(nn.compute_cost(A3, Y))


@pytest.mark.parametrize("penalty", ["L2", "L1"])
@pytest.mark.parametrize("seed", [0, 5])
def test_reference_backward_matches_numerical_gradient(penalty, seed):
    cost_fn, backward_fn = PENALTIES[penalty]
    X, Y, parameters = _network(seed)
    lambd = 0.8

    def cost_of(p):
        A3, _ = nn.forward_propagation(X, p)
        return cost_fn(A3, Y, p, lambd)

    _, cache = nn.forward_propagation(X, parameters)
    grads = backward_fn(X, Y, cache, lambd)
    check_parameter_gradients(cost_of, parameters, grads, tol=1e-6)


def test_reference_backward_adds_the_term_to_dw_only():
    X, Y, parameters = _network(7)
    _, cache = nn.forward_propagation(X, parameters)
    base = nn.backward_propagation(X, Y, cache)
    m = X.shape[1]
    for penalty, (_, backward_fn) in PENALTIES.items():
        grads = backward_fn(X, Y, cache, 1.5)
        assert set(grads) == set(base)
        for key in base:
            if key.startswith("dW"):
                W = parameters["W" + key[-1]]
                term = W if penalty == "L2" else np.sign(W)
                np.testing.assert_allclose(grads[key], base[key] + 1.5 / m * term)
            else:
                np.testing.assert_array_equal(grads[key], base[key])


# --- judges on hand-made answers -----------------------------------------------------------

def _case(seed=11, lambd=0.9):
    X, Y, parameters = _network(seed)
    A3, cache = nn.forward_propagation(X, parameters)
    return X, Y, parameters, A3, cache, lambd


def test_judge_cost_accepts_float_0d_and_1x1():
    _, Y, parameters, A3, _, lambd = _case()
    expected = ref.compute_cost_with_regularization(A3, Y, parameters, lambd)
    for answer in (expected, np.float64(expected), np.array(expected), np.array([[expected]])):
        assert judge_cost(plain.to_plain(answer), expected, A3, Y, parameters, lambd, "L2")


@pytest.mark.parametrize(("penalty", "slip", "words"), [
    ("L2", lambda ce, k, S, A, B: ce + k * S, "twice too big"),
    ("L2", lambda ce, k, S, A, B: ce + k / 2 * (S + B), "biases"),
    ("L2", lambda ce, k, S, A, B: ce, "no penalty"),
    ("L2", lambda ce, k, S, A, B: k / 2 * S, "cross-entropy part is missing"),
    ("L1", lambda ce, k, S, A, B: ce + k / 2 * A, "without the 1/2"),
    ("L1", lambda ce, k, S, A, B: ce + k / 2 * S, "L2 penalty"),
])
def test_judge_cost_names_slips(penalty, slip, words):
    _, Y, parameters, A3, _, lambd = _case()
    m = Y.shape[1]
    ce = nn.compute_cost(A3, Y)
    S = sum(np.sum(parameters[f"W{l}"] ** 2) for l in (1, 2, 3))
    A = sum(np.sum(np.abs(parameters[f"W{l}"])) for l in (1, 2, 3))
    B = sum(np.sum(parameters[f"b{l}"] ** 2) for l in (1, 2, 3))
    expected = PENALTIES[penalty][0](A3, Y, parameters, lambd)
    verdict = judge_cost(float(slip(ce, lambd / m, S, A, B)), expected, A3, Y, parameters,
                         lambd, penalty)
    assert not verdict
    assert words in verdict.message


def test_judge_cost_rejects_arrays_and_errors():
    _, Y, parameters, A3, _, lambd = _case()
    expected = ref.compute_cost_with_regularization(A3, Y, parameters, lambd)
    assert not judge_cost(np.full(3, expected), expected, A3, Y, parameters, lambd, "L2")
    error = plain.CallError("NotImplementedError", "")
    verdict = judge_cost(error, expected, A3, Y, parameters, lambd, "L2")
    assert not verdict and "NotImplementedError" in verdict.message


@pytest.mark.parametrize(("penalty", "factor", "words"), [
    ("L2", 0.0, "no penalty term"), ("L2", 2.0, "twice"), ("L2", 0.5, "half"),
    ("L1", 0.0, "no penalty term"), ("L1", 2.0, "twice"),
])
def test_judge_weight_gradients_names_the_size_of_the_term(penalty, factor, words):
    X, Y, parameters, _, cache, lambd = _case()
    base = nn.backward_propagation(X, Y, cache)
    expected = PENALTIES[penalty][1](X, Y, cache, lambd)
    answer = {k: base[k] + factor * (expected[k] - base[k]) for k in expected}
    verdict = judge_weight_gradients(answer, expected, base, parameters, lambd, X.shape[1],
                                     penalty)
    assert not verdict and words in verdict.message


def test_judge_weight_gradients_names_w_instead_of_sign_and_abs():
    X, Y, parameters, _, cache, lambd = _case()
    m = X.shape[1]
    base = nn.backward_propagation(X, Y, cache)
    expected = ref.backward_propagation_with_l1_regularization(X, Y, cache, lambd)
    for transform, words in ((lambda W: W, "L2 term"), (np.abs, "not |w|")):
        answer = dict(expected)
        answer["dW3"] = base["dW3"] + lambd / m * transform(parameters["W3"])
        verdict = judge_weight_gradients(answer, expected, base, parameters, lambd, m, "L1")
        assert not verdict and words in verdict.message
    assert judge_weight_gradients(expected, expected, base, parameters, lambd, m, "L1")


def test_judge_gradients_structure_and_biases():
    X, Y, parameters, _, cache, lambd = _case()
    m = X.shape[1]
    base = nn.backward_propagation(X, Y, cache)
    expected = ref.backward_propagation_with_regularization(X, Y, cache, lambd)
    missing = {k: v for k, v in expected.items() if k != "dW2"}
    verdict = judge_weight_gradients(missing, expected, base, parameters, lambd, m, "L2")
    assert not verdict and "dW2" in verdict.message
    assert not judge_weight_gradients([1, 2], expected, base, parameters, lambd, m, "L2")
    penalized = dict(expected)
    penalized["db2"] = expected["db2"] + lambd / m * parameters["b2"]
    verdict = judge_other_gradients(penalized, expected, parameters, lambd, m, "L2")
    assert not verdict and "biases are not regularized" in verdict.message
    leaked = dict(expected)
    leaked["dZ1"] = expected["dZ1"] + 0.1
    verdict = judge_other_gradients(leaked, expected, parameters, lambd, m, "L2")
    assert not verdict and "only adds a term to dW" in verdict.message
    assert judge_other_gradients(expected, expected, parameters, lambd, m, "L2")


# --- visible checks -------------------------------------------------------------------------

def test_visible_fixtures_equal_the_reference():
    case = visible.visible_case()
    for penalty, (cost_fn, backward_fn) in PENALTIES.items():
        cost = cost_fn(case["A3"], case["Y"], case["parameters"], visible.LAMBD)
        assert visible.EXPECTED_COST[penalty] == pytest.approx(cost, rel=1e-12)
        grads = backward_fn(case["X"], case["Y"], case["cache"], visible.LAMBD)
        for key, value in visible.EXPECTED_DW[penalty].items():
            np.testing.assert_allclose(np.array(value), grads[key], rtol=1e-12, atol=1e-15)


def test_visible_case_has_units_on_and_off():
    """Every hidden unit is active for some examples and not for others (so ReLU mistakes and
    dead units cannot hide)."""
    case = visible.visible_case()
    Z1, Z2 = case["cache"][0], case["cache"][4]
    for Z in (Z1, Z2):
        active = (Z > 0).sum(axis=1)
        assert active.min() >= 1 and active.max() < Z.shape[1]


def test_visible_checks_pass_with_the_reference_and_fail_with_slips(capsys):
    visible.check_compute_cost_with_regularization(ref.compute_cost_with_regularization)
    visible.check_backward_propagation_with_regularization(
        ref.backward_propagation_with_regularization)
    visible.check_compute_cost_with_l1_regularization(ref.compute_cost_with_l1_regularization)
    visible.check_backward_propagation_with_l1_regularization(
        ref.backward_propagation_with_l1_regularization)
    assert capsys.readouterr().out.count("All visible checks passed.") == 4

    def twice(A3, Y, parameters, lambd):
        return ref.compute_cost_with_regularization(A3, Y, parameters, 2 * lambd)

    with pytest.raises(CheckFailed, match="twice too big"):
        visible.check_compute_cost_with_regularization(twice)

    def l2_for_l1(X, Y, cache, lambd):
        return ref.backward_propagation_with_regularization(X, Y, cache, lambd)

    with pytest.raises(CheckFailed, match="L2 term"):
        visible.check_backward_propagation_with_l1_regularization(l2_for_l1)


# --- hidden checks ---------------------------------------------------------------------------

CHECKS = checks_for("regularization")


def test_hidden_checks_cover_every_graded_function():
    functions = {c.function for c in CHECKS}
    assert functions == {"compute_cost_with_regularization",
                         "backward_propagation_with_regularization",
                         "compute_cost_with_l1_regularization",
                         "backward_propagation_with_l1_regularization"}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hidden_checks_pass_with_the_reference(seed, capsys):
    namespace = dict(vars(ref))
    for check in CHECKS:
        run_hidden_check(check.function, check.aspect, namespace, seed=seed)
    assert capsys.readouterr().out.count("Passed") == len(CHECKS)


def test_hidden_inputs_are_plain_and_reproducible():
    for check in CHECKS:
        first = plain.dumps(check.inputs(np.random.default_rng(4)))
        assert first == plain.dumps(check.inputs(np.random.default_rng(4)))
        assert plain.dumps(plain.loads(first)) == first


def test_hidden_checks_fail_a_penalty_on_biases():
    def biased(A3, Y, parameters, lambd):
        m = Y.shape[1]
        return nn.compute_cost(A3, Y) + lambd / (2 * m) * sum(
            np.sum(v ** 2) for v in parameters.values())

    with pytest.raises(CheckFailed, match="biases"):
        run_hidden_check("compute_cost_with_regularization", "penalty",
                         {"compute_cost_with_regularization": biased}, seed=3)


# --- lesson helpers --------------------------------------------------------------------------

def test_weight_statistics_by_hand():
    parameters = {"W1": np.array([[3.0, -4.0]]), "b1": np.array([[100.0]]),
                  "W2": np.array([[0.0], [0.0005]]), "b2": np.zeros((2, 1))}
    assert weights.weight_norm(parameters) == pytest.approx(np.sqrt(9 + 16 + 0.0005 ** 2))
    assert weights.near_zero_share(parameters) == pytest.approx(2 / 4)
    assert weights.largest_input_share(np.array([[1.0, 1.0, 2.0], [0.0, 0.0, 0.0]])) == 0.5
    assert weights.largest_input_share(np.array([[1.0, 1.0], [3.0, 1.0]])) == pytest.approx(
        (0.5 + 0.75) / 2)


def test_guard_turns_mistakes_into_messages():
    def broken(*args):
        raise NotImplementedError()

    with pytest.raises(sliders.StudentCodeError, match="broken raised NotImplementedError"):
        sliders.guard(broken, "cost")(np.ones((1, 2)), np.ones((1, 2)), {}, 0.1)

    def vector_cost(A3, Y, parameters, lambd):
        return np.ones(3)

    with pytest.raises(sliders.StudentCodeError, match="expected one number"):
        sliders.guard(vector_cost, "cost")(np.ones((1, 2)), np.ones((1, 2)), {}, 0.1)

    state = {"parameters": {"W1": np.ones((2, 3)), "b1": np.ones((2, 1))}}

    def flat_db(X, Y, cache, lambd):
        return {"dW1": np.ones((2, 3)), "db1": np.ones(2)}

    with pytest.raises(sliders.StudentCodeError, match=r"db1 of shape \(2,\)"):
        sliders.guard(flat_db, "backward", state)(None, None, None, 0.1)


def test_lambda_explorer_reports_a_broken_function(capsys):
    X, Y, parameters = _network(0, dims=(2, 4, 3, 1), m=20)

    def compute_cost_with_regularization(A3, Y, parameters, lambd):
        raise NotImplementedError()

    result = lambda_explorer(
        X, Y, X, Y, parameters,
        {"L2": (compute_cost_with_regularization, ref.backward_propagation_with_regularization)},
        lambds=[0.0, 0.5], iterations=5, show=False)
    out = capsys.readouterr().out
    assert result is None
    assert "compute_cost_with_regularization raised NotImplementedError" in out
    assert "run this cell again" in out


def test_fit_path_warm_starts_and_measures():
    X, Y, parameters = _network(1, dims=(2, 6, 4, 1), m=30)
    grid = plotting.boundary_grid(X, steps=10)

    def pieces(lambd):
        return {"cost": lambda A, Y_, p: ref.compute_cost_with_regularization(A, Y_, p, lambd),
                "backward": lambda X_, Y_, c: ref.backward_propagation_with_regularization(
                    X_, Y_, c, lambd)}

    fits = sliders.fit_path([0.0, 5.0, 50.0], pieces, X, Y, X, Y, parameters, iterations=50,
                               learning_rate=0.3, grid=grid)
    assert [f.value for f in fits] == [0.0, 5.0, 50.0]
    norms = [f.weight_norm for f in fits]
    assert norms[0] > norms[1] > norms[2]
    assert all(f.labels.shape == (10, 10) and f.labels.dtype == np.uint8 for f in fits)
    assert all(0.0 <= f.train_accuracy <= 1.0 for f in fits)
    assert np.array_equal(parameters["W1"], _network(1, dims=(2, 6, 4, 1), m=30)[2]["W1"])


def test_every_combination_of_penalty_and_lambd_has_a_frame():
    X, Y, parameters = _network(2, dims=(2, 5, 3, 1), m=25)
    explorer = lambda_explorer(
        X, Y, X, Y, parameters,
        {"L2": PENALTIES["L2"], "L1": PENALTIES["L1"]}, lambds=[0.0, 1.0], iterations=3,
        steps=12, show=False)
    for penalty, lambd in itertools.product(["L2", "L1"], [0.0, 1.0]):
        assert explorer.set(penalty=penalty, lambd=lambd).startswith(b"\x89PNG")
