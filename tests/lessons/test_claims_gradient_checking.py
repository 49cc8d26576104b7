"""Every quantitative claim of the gradient-checking notebook's text, recomputed with the code the
notebook runs: ``course_lib.lessons.gradient_checking``, ``course_lib.core.gradcheck``, the
functions its lesson cells define (read from the source notebook), and the reference solutions
standing in for the student's; over several seeds or points, with a margin.

Claims (section of the notebook):

- 2 at eps = 1e-2 the one-sided error is ~eps/2 |J''| (7e-3 for the notebook's sine), the
  two-sided one ~eps^2/6 |J'''| (2e-5); shrinking eps 100 times shrinks them 100 and 10 000
  times; at eps = 1e-7 the two-sided error is between 1e-10 and ~1e-9 (rounding), below 1e-8
  both errors grow again;
- 3 the right derivative passes (< 1e-7), a derivative that forgot the factor x fails (0.13 at
  the notebook's point);
- 5 the planted backward pass fails (> 1e-3) and only dW2 (x2) and db1 (x4) disagree; the correct
  one passes;
- 6 regularized gradients fail against the plain cost and pass against the regularized one;
- 7 with input dropout at keep_prob 0.8 the difference is close to 1; at 1.0 it passes;
- 8 the bias slip changes nothing at initialization (passes, ~5e-9) and fails after training
  (close to 1); at a ReLU kink (Z exactly 0, start default_rng(4)) even the correct pass fails.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_lib.core import data, gradcheck, nn
from course_lib.instructor.reference import gradient_checking as ref
from course_lib.lessons import gradient_checking as lesson

SOURCE = Path(__file__).resolve().parents[2] / "source/gradient_checking/gradient_checking.ipynb"
SEEDS = range(5)
J_SINE, DJ_SINE = gradcheck.TOY_COSTS["sine"]
POINTS = [(1.3, 0.7), (0.5, 2.0), (2.0, -0.4), (-1.5, 0.3), (3.0, 1.1)]  # first: the notebook's


def cell_definitions(cell_id: str, **namespace) -> dict:
    """The functions (and constant assignments) of one lesson cell of the source notebook,
    defined in ``namespace`` (``np`` and ``gradcheck`` are there already)."""
    nb = nbformat.read(SOURCE, as_version=4)
    (cell,) = [c for c in nb.cells if c.get("id") == cell_id]
    body = [node for node in ast.parse(cell.source).body
            if isinstance(node, ast.FunctionDef)
            or (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant))]
    namespace = {"np": np, "gradcheck": gradcheck, **namespace}
    exec(compile(ast.Module(body=body, type_ignores=[]), str(SOURCE), "exec"), namespace)
    return namespace


def network(seed: int, dims=(4, 5, 3, 1), m: int = 3):
    """A network as the notebook's section 4 draws it (``scale=1.0``, biases moved off 0)."""
    rng = np.random.default_rng(seed)
    parameters = nn.initialize_parameters(list(dims), rng, scale=1.0)
    parameters = {k: v + (0.3 * rng.standard_normal(v.shape) if k[0] == "b" else 0)
                  for k, v in parameters.items()}
    X = rng.standard_normal((dims[0], m))
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    return parameters, X, Y


def correct_gradients(parameters, X, Y, backward=gradcheck.backward_propagation_n):
    _, cache = gradcheck.forward_propagation_n(X, Y, parameters)
    return backward(X, Y, cache)


# --- 2. one- and two-sided differences -----------------------------------------------------------

@pytest.mark.parametrize("x, theta", POINTS)
def test_error_orders(x, theta):
    one, two = lesson.finite_difference_errors(J_SINE, DJ_SINE, x, theta, [1e-2, 1e-4, 1e-7])
    d2 = abs(x ** 2 * np.sin(x * theta))
    d3 = abs(x ** 3 * np.cos(x * theta))
    assert one[0] == pytest.approx(0.01 / 2 * d2, rel=0.2)
    assert two[0] == pytest.approx(1e-4 / 6 * d3, rel=0.2)
    assert one[1] / one[0] == pytest.approx(1e-2, rel=0.1)
    assert two[1] / two[0] == pytest.approx(1e-4, rel=0.1)
    assert two[2] < 1e-8  # rounding: ~1e-16 * (|J| + |theta J'|) / 1e-7
    if (x, theta) == POINTS[0]:
        assert (round(one[0], 4), float(f"{two[0]:.1e}")) == (0.0067, 2.2e-5)
        assert 1e-10 < two[2] < 1e-9


def test_errors_grow_again_below_1e_8():
    for x, theta in POINTS:
        epsilons = np.logspace(-1, -12, 45)
        one, two = lesson.finite_difference_errors(J_SINE, DJ_SINE, x, theta, epsilons)
        tiny = epsilons < 1e-10
        assert two[tiny].max() > 100 * two[np.argmin(np.abs(epsilons - 1e-6))]
        assert one[tiny].max() > one[np.argmin(np.abs(epsilons - 1e-8))]


# --- 3. the 1-D check ---------------------------------------------------------------------------

def test_right_and_forgotten_derivatives():
    forgot = cell_definitions("swap_demo-020")["dJ_forgot_x"]
    assert ref.gradient_check(2, 4) < 1e-7
    for x, theta in POINTS:
        assert ref.gradient_check(x, theta, forward=J_SINE, backward=DJ_SINE) < 1e-7
        wrong = ref.gradient_check(x, theta, forward=J_SINE, backward=forgot)
        assert wrong == pytest.approx(abs(x - 1) / (abs(x) + 1), rel=1e-3)
        assert wrong > 1e-3
    assert ref.gradient_check(1.3, 0.7, forward=J_SINE, backward=forgot) == pytest.approx(
        0.13, abs=0.005)


# --- 5. the planted bugs --------------------------------------------------------------------------

def test_planted_bugs_are_found_and_located():
    buggy = cell_definitions("backward_propagation_n-030")["backward_propagation_n"]
    for seed in [1, *SEEDS]:  # 1 is the notebook's
        parameters, X, Y = network(seed)
        bad = correct_gradients(parameters, X, Y, buggy)
        assert ref.gradient_check_n(parameters, bad, X, Y) > 1e-3, seed
        assert ref.gradient_check_n(parameters, correct_gradients(parameters, X, Y), X, Y) < 1e-7
        rows = lesson.compare_by_parameter(bad, ref.numerical_gradients_n(parameters, X, Y))
        for name, (gap, ratio) in rows.items():
            factor = {"dW2": 2.0, "db1": 4.0}.get(name, 1.0)
            assert ratio == pytest.approx(factor, rel=1e-3), (seed, name)
            assert (gap > 1e-3) == (factor != 1.0), (seed, name)


# --- 6. regularization -------------------------------------------------------------------------

def test_regularized_gradients_need_the_regularized_cost():
    defs = cell_definitions("regularization-042")
    lambd, cost_with_penalty = defs["lambd"], defs["cost_with_penalty"]
    assert lambd == 0.7
    for seed in [1, *SEEDS]:
        parameters, X, Y = network(seed)
        grads = correct_gradients(parameters, X, Y)
        grads["dW1"] = grads["dW1"] + lambd / X.shape[1] * parameters["W1"]
        assert ref.gradient_check_n(parameters, grads, X, Y) > 1e-3, seed
        assert ref.gradient_check_n(parameters, grads, X, Y, forward=cost_with_penalty) < 1e-7


# --- 7. dropout --------------------------------------------------------------------------------

def test_dropout_makes_the_check_meaningless():
    for seed in SEEDS:
        defs = cell_definitions("dropout-045", dropout_rng=np.random.default_rng(seed))
        parameters, X, Y = network(1)
        grads = correct_gradients(parameters, X, Y)
        noisy = ref.gradient_check_n(parameters, grads, X, Y,
                                     forward=defs["cost_with_input_dropout"](0.8))
        off = ref.gradient_check_n(parameters, grads, X, Y,
                                   forward=defs["cost_with_input_dropout"](1.0))
        assert noisy > 0.99 and off < 1e-7, seed


# --- 8. a slip that hides at initialization ----------------------------------------------------

def test_bias_slip_hides_at_initialization():
    backward_with_slip = cell_definitions(
        "train-048", correct_backward=gradcheck.backward_propagation_n)["backward_with_slip"]
    train_X, train_Y, _, _ = data.load_circles()
    X, Y = train_X[:, :60], train_Y[:, :60]
    for seed in range(5):  # 0 is the notebook's
        start = nn.initialize_parameters([2, 5, 3, 1], np.random.default_rng(seed))
        trained, _ = nn.train(X, Y, start, learning_rate=0.3, num_iterations=1000,
                              record_every=1000)
        slip = correct_gradients(start, X, Y, backward_with_slip)
        right = correct_gradients(start, X, Y)
        assert all(np.array_equal(slip[k], right[k]) for k in right), seed  # b = 0: no change
        after = ref.gradient_check_n(trained, correct_gradients(trained, X, Y,
                                                                backward_with_slip), X, Y)
        after_right = ref.gradient_check_n(trained, correct_gradients(trained, X, Y), X, Y)
        assert after > 1e-3 and after > 100 * after_right, seed
        if seed == 0:
            at_start = ref.gradient_check_n(start, slip, X, Y)
            assert at_start == pytest.approx(5e-9, rel=0.5) and after > 0.9


def test_a_relu_kink_fails_even_a_correct_pass():
    """With the start ``default_rng(4)`` an example turns every unit of layer 1 off, so
    ``Z2 = b2 = 0`` exactly: a kink, where even the correct backward pass "fails"."""
    train_X, train_Y, _, _ = data.load_circles()
    X, Y = train_X[:, :60], train_Y[:, :60]
    start = nn.initialize_parameters([2, 5, 3, 1], np.random.default_rng(4))
    _, cache = gradcheck.forward_propagation_n(X, Y, start)
    assert np.any(cache[4] == 0.0)
    assert ref.gradient_check_n(start, correct_gradients(start, X, Y), X, Y) > 1e-3

