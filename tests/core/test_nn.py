"""course_lib.core.nn and course_lib.core.gradcheck: every backward pass against numerical
gradients."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck_util import check_parameter_gradients, numerical_gradient, relative_error

from course_lib.core import gradcheck, nn


@pytest.fixture
def rng():
    return np.random.default_rng(7)


def _params(rng, dims, scale="he"):
    """Random weights and small random biases: zero biases put ReLU exactly on its kink for
    examples whose previous layer is all zero, where a numerical gradient is meaningless."""
    p = nn.initialize_parameters(dims, rng, scale)
    return {k: v + 0.1 * rng.standard_normal(v.shape) if k[0] == "b" else v for k, v in p.items()}


def _data(rng, n_x=4, m=9):
    X = rng.standard_normal((n_x, m))
    Y = (rng.uniform(size=(1, m)) > 0.5).astype(float)
    return X, Y


@pytest.mark.parametrize(("forward", "backward"), [
    (nn.relu, nn.relu_backward), (nn.tanh, nn.tanh_backward), (nn.sigmoid, nn.sigmoid_backward),
])
def test_activation_backward(rng, forward, backward):
    Z = rng.standard_normal((3, 5)) + 0.05  # keep clear of relu's kink at 0
    dA = rng.standard_normal(Z.shape)
    numeric = numerical_gradient(lambda z: float(np.sum(forward(z) * dA)), Z.copy())
    assert relative_error(numeric, backward(dA, Z)) < 1e-8


def test_linear_backward(rng):
    A, W, b = rng.standard_normal((4, 6)), rng.standard_normal((3, 4)), rng.standard_normal((3, 1))
    dZ = rng.standard_normal((3, 6))

    def f(A_, W_, b_):
        return float(np.sum(nn.linear_forward(A_, W_, b_)[0] * dZ)) / A.shape[1]

    dA_prev, dW, db = nn.linear_backward(dZ, (A, W, b))
    # dW and db carry the 1/m of the cost; dA_prev does not
    assert relative_error(numerical_gradient(lambda w: f(A, w, b), W.copy()), dW) < 1e-8
    assert relative_error(numerical_gradient(lambda v: f(A, W, v), b.copy()), db) < 1e-8
    assert relative_error(numerical_gradient(lambda a: f(a, W, b), A.copy()) * A.shape[1],
                          dA_prev) < 1e-8


def test_three_layer_backward(rng):
    X, Y = _data(rng)
    params = _params(rng, [4, 5, 3, 1])

    def cost(p):
        return nn.compute_cost(nn.forward_propagation(X, p)[0], Y)

    grads = nn.backward_propagation(X, Y, nn.forward_propagation(X, params)[1])
    assert set(grads) == {"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1",
                          "dW1", "db1"}
    check_parameter_gradients(cost, params, grads)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_deep_backward(rng, activation):
    X, Y = _data(rng, n_x=3)
    params = _params(rng, [3, 4, 4, 2, 1], "xavier")

    def cost(p):
        return nn.compute_cost(nn.deep_forward(X, p, activation)[0], Y)

    grads = nn.deep_backward(X, Y, nn.deep_forward(X, params, activation)[1])
    check_parameter_gradients(cost, params, grads)


def test_backward_propagation_n_is_the_gradient_of_forward_propagation_n(rng):
    X, Y = _data(rng)
    params = _params(rng, [4, 5, 3, 1])
    _, cache = gradcheck.forward_propagation_n(X, Y, params)
    grads = gradcheck.backward_propagation_n(X, Y, cache)
    check_parameter_gradients(lambda p: gradcheck.forward_propagation_n(X, Y, p)[0], params,
                              grads)


def test_deep_forward_matches_three_layer_model(rng):
    X, _ = _data(rng)
    params = nn.initialize_parameters([4, 5, 3, 1], rng, "he")
    np.testing.assert_allclose(nn.deep_forward(X, params)[0], nn.forward_propagation(X, params)[0])


def test_compute_cost_is_cross_entropy():
    A = np.array([[0.9, 0.2, 0.6]])
    Y = np.array([[1.0, 0.0, 1.0]])
    expected = -(np.log(0.9) + np.log(0.8) + np.log(0.6)) / 3
    assert nn.compute_cost(A, Y) == pytest.approx(expected)
    assert isinstance(nn.compute_cost(A, Y), float)


def test_sigmoid_saturates_without_warnings():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        A = nn.sigmoid(np.array([[-1000.0, 0.0, 1000.0]]))
    np.testing.assert_allclose(A, [[0.0, 0.5, 1.0]])


def test_initialize_parameters_scales(rng):
    p = nn.initialize_parameters([400, 300, 1], rng, "he")
    assert p["W1"].shape == (300, 400) and p["b1"].shape == (300, 1)
    assert p["W1"].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    g = nn.initialize_parameters([400, 300, 1], rng, "glorot")
    assert g["W1"].std() == pytest.approx(np.sqrt(2 / 700), rel=0.02)
    assert not np.any(p["b1"])


def test_update_parameters_does_not_modify_its_input(rng):
    p = nn.initialize_parameters([2, 3, 1], rng, "he")
    grads = {"d" + k: np.ones_like(v) for k, v in p.items()}
    before = {k: v.copy() for k, v in p.items()}
    new = nn.update_parameters(p, grads, 0.5)
    for k in p:
        np.testing.assert_array_equal(p[k], before[k])
        np.testing.assert_allclose(new[k], before[k] - 0.5)


def test_train_lowers_the_cost_and_records_dev(rng):
    from course_lib.core import data

    X, Y, Xd, Yd = data.load_circles()
    params = nn.initialize_parameters([2, 10, 5, 1], rng, "he")
    trained, history = nn.train(X, Y, params, learning_rate=0.1, num_iterations=600,
                                record_every=100, dev=(Xd, Yd))
    assert history.iterations == [0, 100, 200, 300, 400, 500, 600]
    assert history.train_cost[-1] < 0.5 * history.train_cost[0]
    assert len(history.dev_cost) == len(history.iterations)
    best = int(np.argmin(history.dev_cost))
    assert history.best_iteration == history.iterations[best]
    assert nn.accuracy(X, Y, trained) > 0.8
    assert nn.predict(X, trained).shape == (1, X.shape[1])


def test_vector_helpers_round_trip_any_layout(rng):
    params = nn.initialize_parameters([3, 7, 2, 1], rng, "he")
    theta, keys = gradcheck.dictionary_to_vector(params)
    assert theta.shape == (3 * 7 + 7 + 7 * 2 + 2 + 2 + 1, 1)
    assert keys[:21] == ["W1"] * 21 and keys[-1] == "b3"
    back = gradcheck.vector_to_dictionary(theta)
    for k in params:
        np.testing.assert_array_equal(back[k], params[k])
    grads = {"d" + k: v for k, v in params.items()}
    np.testing.assert_array_equal(gradcheck.gradients_to_vector(grads), theta)
    with pytest.raises(ValueError):
        gradcheck.vector_to_dictionary(theta[:-1])
