"""Gradient checking: the reference against independent maths, the library helpers, the
judges on hand-made outputs, the visible checks' fixtures, and the notebook's planted bugs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest
from gradcheck_util import check_parameter_gradients, numerical_gradient, relative_error

from course_lib.checks import gradient_checking as visible
from course_lib.core import gradcheck, plain
from course_lib.grading.tools.submissions import strip_solution_markers
from course_lib.instructor.hidden_checks import gradient_checking as checks
from course_lib.instructor.reference import gradient_checking as ref
from course_lib.judges.gradient_checking import (
    judge_difference,
    judge_gradient_dict,
    judge_unchanged,
    noise_floor,
)

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "source" / "gradient_checking" / "gradient_checking.ipynb"


def network(sizes=(4, 5, 3), m=5, seed=0):
    rng = np.random.default_rng(seed)
    return checks.network_case(rng, sizes)


# --- library helpers --------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(gradcheck.TOY_COSTS))
def test_toy_cost_derivatives_are_right(name):
    J, dJ = gradcheck.TOY_COSTS[name]
    for x, theta in ((1.3, 0.7), (-0.9, 1.4), (0.6, -1.1)):
        numeric = numerical_gradient(lambda t, x=x: float(J(x, t[0])), np.array([theta]))[0]
        assert numeric == pytest.approx(float(dJ(x, theta)), rel=1e-7, abs=1e-9)
    assert J(1.3, 0.7 + 1e-2) - 2 * J(1.3, 0.7) + J(1.3, 0.7 - 1e-2) != pytest.approx(0.0,
                                                                                      abs=1e-8)


@pytest.mark.parametrize("sizes", [(4, 5, 3), (2, 3, 2), (6, 3, 2), (3, 1, 4)])
def test_forward_and_backward_propagation_n_are_gradient_checked(sizes):
    case = network(sizes, seed=sum(sizes))
    p, X, Y = case["parameters"], case["X"], case["Y"]
    _, cache = gradcheck.forward_propagation_n(X, Y, p)
    grads = gradcheck.backward_propagation_n(X, Y, cache)
    check_parameter_gradients(lambda q: gradcheck.forward_propagation_n(X, Y, q)[0], p, grads)


def test_forward_propagation_n_is_the_cross_entropy():
    case = network()
    p, X, Y = case["parameters"], case["X"], case["Y"]
    cost, cache = gradcheck.forward_propagation_n(X, Y, p)
    A3 = cache[9]
    assert cost == pytest.approx(float(-np.mean(Y * np.log(A3) + (1 - Y) * np.log(1 - A3))))


@pytest.mark.parametrize("sizes", [(4, 5, 3), (2, 7, 1)])
def test_vector_round_trip_remembers_the_last_layout(sizes):
    p = network(sizes)["parameters"]
    theta, keys = gradcheck.dictionary_to_vector(p)
    assert theta.shape == (sum(v.size for v in p.values()), 1)
    assert keys[0] == "W1" and keys[-1] == "b3" and len(keys) == theta.shape[0]
    back = gradcheck.vector_to_dictionary(theta)
    assert all(np.array_equal(back[k], p[k]) for k in p)
    grads = {"d" + k: v * 2 for k, v in p.items()}
    assert np.array_equal(gradcheck.gradients_to_vector(grads), theta * 2)
    with pytest.raises(ValueError):
        gradcheck.vector_to_dictionary(theta[:-1])


def test_swapped_restores_bindings_even_after_an_error():
    namespace = {"a": 1}
    with pytest.raises(RuntimeError), gradcheck.swapped(namespace, a=2, b=3):
        assert namespace == {"a": 2, "b": 3}
        raise RuntimeError
    assert namespace == {"a": 1}


def test_gradcheck_module_holds_no_numerical_gradient():
    """The library students get must not solve gradient_check_n for them."""
    text = (ROOT / "course_lib" / "core" / "gradcheck.py").read_text()
    assert "2 * epsilon" not in text and "linalg.norm" not in text


# --- the reference against independent maths --------------------------------------------------

def test_reference_one_d():
    assert ref.forward_propagation(2, 4) == 8
    assert ref.backward_propagation(2, 4) == 2
    assert ref.gradient_check(2, 4) < 1e-7
    J, dJ = gradcheck.TOY_COSTS["sine"]
    x, theta, eps = 1.3, 0.7, 1e-2
    approx = (J(x, theta + eps) - J(x, theta - eps)) / (2 * eps)
    g = dJ(x, theta)
    expected = abs(approx - g) / (abs(approx) + abs(g))
    assert ref.gradient_check(x, theta, eps, forward=J, backward=dJ) == pytest.approx(expected)
    assert ref.gradient_check(x, theta, forward=J, backward=lambda x, t: 2 * dJ(x, t)) \
        == pytest.approx(1 / 3, rel=1e-6)


@pytest.mark.parametrize("sizes", [(4, 5, 3), (3, 4, 4)])
def test_reference_n_d_matches_the_test_suites_numerical_gradient(sizes):
    case = network(sizes, seed=7)
    p, g, X, Y = case["parameters"], case["gradients"], case["X"], case["Y"]
    approx = ref.numerical_gradients_n(p, X, Y, 1e-6)
    for k in p:
        numeric = numerical_gradient(
            lambda v, k=k: gradcheck.forward_propagation_n(X, Y, {**p, k: v})[0], p[k].copy())
        assert np.allclose(approx["d" + k], numeric, atol=1e-8)
        assert np.allclose(approx["d" + k], g["d" + k], atol=1e-7)
    vec = np.concatenate([approx["d" + k].reshape(-1, 1) for k in p])
    bad = {**g, "dW2": g["dW2"] * 2, "db1": g["db1"] * 4}
    assert ref.gradient_check_n(p, bad, X, Y, 1e-6) == pytest.approx(
        relative_error(vec, gradcheck.gradients_to_vector(bad)), rel=1e-6)
    assert ref.gradient_check_n(p, g, X, Y) < 1e-7


def test_one_sided_error_is_first_order_and_two_sided_second_order():
    J, dJ = gradcheck.TOY_COSTS["cubic"]
    errors = {}
    for kind in ("one_sided", "two_sided"):
        errors[kind] = [abs(ref.approximate(lambda t: J(1.2, t[0, 0]), np.array([[0.9]]), e,
                                            kind)[0, 0] - dJ(1.2, 0.9)) for e in (1e-2, 1e-3)]
    assert errors["one_sided"][0] / errors["one_sided"][1] == pytest.approx(10, rel=0.05)
    assert errors["two_sided"][0] / errors["two_sided"][1] == pytest.approx(100, rel=0.05)


# --- judges on hand-made outputs -----------------------------------------------------------------

def test_judge_difference_on_hand_made_outputs():
    mistakes = {"one_sided": 2e-3, "no_denominator": 5e-5}
    assert judge_difference(1.0001e-5, 1e-5, "f", mistakes)
    assert judge_difference(np.array([[1e-5]]), 1e-5, "f")
    assert judge_difference(np.float64(3e-9), 1e-9, "f", floor=1e-8)
    assert not judge_difference(0.0, 0.3, "f")
    verdict = judge_difference(2e-3, 1e-5, "f", mistakes)
    assert not verdict and "one-sided" in verdict.message
    for value, words in ((True, "not whether"), ("ok", "text"), (None, "return difference"),
                         (-1e-3, "negative"), (float("nan"), "finite"),
                         (np.ones(3), "one number"),
                         (plain.CallError("ValueError", "boom"), "raised")):
        verdict = judge_difference(value, 1e-5, "f")
        assert not verdict and words in verdict.message, (value, verdict.message)


def test_judge_difference_evaluates_mistakes_only_when_wrong():
    def explode():
        raise AssertionError("mistakes computed for a right answer")
    assert judge_difference(1e-5, 1e-5, "f", explode)
    verdict = judge_difference(0.5, 1e-5, "f", lambda: {"plus_twice": 0.5})
    assert not verdict and "both terms" in verdict.message


def test_noise_floor_shrinks_with_epsilon_and_gradient_size():
    assert noise_floor(0.7, 1e-7, 47, 0.3) > noise_floor(0.7, 1e-3, 47, 0.3)
    assert noise_floor(0.7, 1e-7, 47, 1.0) < noise_floor(0.7, 1e-7, 47, 0.1)
    assert noise_floor(0.7, 1e-7, 47, 0.3) < 1e-5


def test_judge_gradient_dict_and_unchanged():
    expected = {"dW1": np.ones((2, 3)), "db1": np.zeros((2, 1))}
    assert judge_gradient_dict({"dW1": np.ones((2, 3)), "db1": np.zeros((2, 1))}, expected, "f")
    assert judge_gradient_dict({"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}, expected, "f")
    verdict = judge_gradient_dict({"dW1": 2 * np.ones((2, 3)), "db1": np.zeros((2, 1))},
                                  expected, "f", {"divided_by_eps": {"dW1": 2 * np.ones((2, 3)),
                                                                     "db1": np.zeros((2, 1))}})
    assert not verdict and "2 * epsilon" in verdict.message
    assert "dict" in judge_gradient_dict(np.ones((8, 1)), expected, "f").message
    assert "missing" in judge_gradient_dict({"dW1": np.ones((2, 3))}, expected, "f").message
    before = {"W1": np.ones((2, 2))}
    assert judge_unchanged(before, {"W1": np.ones((2, 2)) + 1e-17}, "parameters")
    verdict = judge_unchanged(before, {"W1": np.ones((2, 2)) + 1e-7}, "parameters")
    assert not verdict and "modified" in verdict.message


# --- visible checks: fixtures equal the reference, and they can fail --------------------------

def test_one_d_fixtures_equal_the_reference():
    for case, expected, mistakes in zip(visible.ONE_D_CASES, visible.ONE_D_EXPECTED,
                                        visible.ONE_D_MISTAKES, strict=True):
        forward, backward = visible._cubic(case["scale"])
        args = (case["x"], case["theta"], case["epsilon"])
        assert ref.gradient_check(*args, forward=forward, backward=backward) == pytest.approx(
            expected, rel=1e-4)
        actual = ref.difference_mistakes(*args, forward=forward, backward=backward)
        for name, value in mistakes.items():
            assert actual[name] == pytest.approx(value, rel=1e-4, abs=1e-12), name


def test_n_d_fixtures_equal_the_reference():
    p, g, X, Y = visible.fixture_network()
    assert ref.gradient_check_n(p, visible.buggy(g), X, Y) == pytest.approx(
        visible.N_D_EXPECTED_BUGGY, rel=1e-6)
    actual = ref.difference_mistakes_n(p, visible.buggy(g), X, Y)
    for name, value in visible.N_D_MISTAKES_BUGGY.items():
        assert actual[name] == pytest.approx(value, rel=1e-6), name
    assert ref.difference_mistakes_n(p, g, X, Y, 1e-3)["one_sided"] == pytest.approx(
        visible.N_D_ONE_SIDED_COARSE, rel=1e-6)


def solution_namespace(replace: dict[str, str] | None = None) -> dict:
    """The source notebook's solution cells (some replaced), run in a fresh namespace."""
    nb = nbformat.read(SOURCE, as_version=4)
    namespace = {"np": np, "forward_propagation_n": gradcheck.forward_propagation_n,
                 "dictionary_to_vector": gradcheck.dictionary_to_vector,
                 "vector_to_dictionary": gradcheck.vector_to_dictionary,
                 "gradients_to_vector": gradcheck.gradients_to_vector}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution"):
            code = (replace or {}).get(meta["grade_id"], strip_solution_markers(cell.source))
            exec(code, namespace)
    return namespace


ONE_SIDED = {
    "gradient_check": '''
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    approx = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta)) / epsilon
    grad = backward_propagation(x, theta)
    return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
''',
    "gradient_check_n": '''
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta, _ = dictionary_to_vector(parameters)
    approx = np.zeros_like(theta)
    J0 = forward_propagation_n(X, Y, vector_to_dictionary(theta))[0]
    for i in range(theta.shape[0]):
        t = theta.copy()
        t[i] += epsilon
        approx[i] = (forward_propagation_n(X, Y, vector_to_dictionary(t))[0] - J0) / epsilon
    grad = gradients_to_vector(gradients)
    return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
''',
}


def test_visible_checks_pass_the_solutions_and_catch_one_sided_differences():
    ns = solution_namespace()
    visible.check_forward_propagation(ns["forward_propagation"])
    visible.check_backward_propagation(ns["backward_propagation"])
    visible.check_gradient_check(ns["gradient_check"])
    visible.check_gradient_check_n(ns["gradient_check_n"])
    visible.check_numerical_gradients_n(ns["numerical_gradients_n"])
    bad = solution_namespace(ONE_SIDED)
    for name in ONE_SIDED:
        with pytest.raises(AssertionError, match="one-sided"):
            getattr(visible, f"check_{name}")(bad[name])


def test_visible_check_restores_the_notebooks_helpers():
    ns = solution_namespace()
    forward = ns["forward_propagation"]
    visible.check_gradient_check(ns["gradient_check"])
    assert ns["forward_propagation"] is forward


# --- hidden checks ----------------------------------------------------------------------------

def run_check(check, namespace, seed=3):
    rng = np.random.default_rng(seed)
    inputs = plain.round_trip(check.inputs(rng))
    outputs = plain.round_trip(check.probe(namespace, check.function, inputs))
    return check.judge(inputs, outputs)


@pytest.mark.parametrize("check", checks.CHECKS, ids=lambda c: c.grade_id)
def test_hidden_checks_pass_the_solutions(check):
    for seed in (1, 2):
        verdict = run_check(check, solution_namespace(), seed)
        assert verdict, verdict.message


def test_hidden_checks_catch_one_sided_differences_and_all_zero_answers():
    bad = solution_namespace(ONE_SIDED)
    zero = solution_namespace({
        "gradient_check": "def gradient_check(x, theta, epsilon=1e-7, print_msg=False):\n"
                          "    return 0.0",
        "gradient_check_n": "def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7,"
                            " print_msg=False):\n    return 0.0"})
    for check in checks.CHECKS:
        if check.function in ONE_SIDED and check.aspect == "two_sided":
            assert not run_check(check, bad)
        if check.function in ONE_SIDED and check.aspect == "finds_bugs":
            assert not run_check(check, zero)


def test_probe_puts_the_notebooks_helpers_back():
    ns = solution_namespace()
    ns["forward_propagation"] = original = object()
    check = next(c for c in checks.CHECKS if c.function == "gradient_check")
    run_check(check, ns)
    assert ns["forward_propagation"] is original


# --- the notebook's planted bugs --------------------------------------------------------------

def test_the_notebook_ships_backward_propagation_n_with_exactly_two_planted_bugs():
    nb = nbformat.read(SOURCE, as_version=4)
    (cell,) = [c for c in nb.cells if c.cell_type == "code"
               and c.source.startswith("def backward_propagation_n")]
    assert "lesson" in cell.metadata.get("tags", [])
    namespace = {"np": np}
    exec(cell.source, namespace)
    case = network((4, 5, 3), seed=11)
    X, Y = case["X"], case["Y"]
    _, cache = gradcheck.forward_propagation_n(X, Y, case["parameters"])
    buggy = namespace["backward_propagation_n"](X, Y, cache)
    right = gradcheck.backward_propagation_n(X, Y, cache)
    for key, value in right.items():
        factor = {"dW2": 2.0, "db1": 4.0}.get(key, 1.0)
        assert np.allclose(buggy[key], factor * value), key


def test_network_cases_never_saturate():
    """Every network the hidden checks draw keeps its outputs away from 0 and 1: a saturated
    sigmoid loses the cost's precision (numerical gradients of noise) and, past Z3 = 37, makes
    it infinite (about 2 % of the drawn networks did before they were redrawn)."""
    from course_lib.instructor.hidden_checks.gradient_checking import (
        BUGS,
        SIZES,
        network_case,
    )

    with np.errstate(all="raise"):
        for seed in range(200):
            rng = np.random.default_rng(seed)
            case = network_case(rng, SIZES[seed % len(SIZES)], 1e-4, BUGS[seed % len(BUGS)])
            A3, _ = gradcheck.forward_propagation(case["X"], case["parameters"])
            assert 1e-6 <= A3.min() and A3.max() <= 1 - 1e-6, seed
            assert np.isfinite(gradcheck.forward_propagation_n(case["X"], case["Y"],
                                                               case["parameters"])[0])
