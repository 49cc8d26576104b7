"""Experiment helpers of the lecture notebooks and the mismatched-distribution data."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck_util import check_parameter_gradients

from course_lib.core import data, nn
from course_lib.lessons import experiments


def small_problem(seed=0, m=7, dims=(3, 5, 4, 1)):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(dims[0], m))
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    params = nn.initialize_parameters(list(dims), rng, scale=0.7)
    return X, Y, params


def l2_cost(X, Y, params, lambd):
    """Cross-entropy plus lambd/(2m) * sum ||W||_F^2, written independently for the test."""
    AL, _ = nn.deep_forward(X, params)
    m = X.shape[1]
    ce = -np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return ce + lambd / (2 * m) * sum(np.sum(v ** 2) for k, v in params.items() if k[0] == "W")


@pytest.mark.parametrize("lambd,dims", [(0.0, (3, 5, 4, 1)), (0.7, (3, 5, 4, 1)),
                                        (2.0, (2, 6, 1)), (0.3, (4, 3, 3, 3, 1))])
def test_weight_decay_backward_gradient_check(lambd, dims):
    X, Y, params = small_problem(dims=dims)
    _, cache = nn.deep_forward(X, params)
    grads = experiments.weight_decay_backward(lambd)(X, Y, cache)
    check_parameter_gradients(lambda p: l2_cost(X, Y, p, lambd), params, grads, tol=1e-6)


def test_weight_decay_leaves_biases_and_matches_formula():
    X, Y, params = small_problem()
    _, cache = nn.deep_forward(X, params)
    plain = nn.deep_backward(X, Y, cache)
    decayed = experiments.weight_decay_backward(0.5)(X, Y, cache)
    m = X.shape[1]
    for l in (1, 2, 3):
        np.testing.assert_allclose(decayed[f"dW{l}"], plain[f"dW{l}"] + 0.5 / m * params[f"W{l}"])
        np.testing.assert_array_equal(decayed[f"db{l}"], plain[f"db{l}"])


def test_fit_is_nn_train_with_deep_pieces():
    X, Y, params = small_problem(m=20)
    a, ha = experiments.fit(X, Y, None, None, parameters=params, learning_rate=0.1,
                            num_iterations=50, record_every=10)
    b, hb = nn.train(X, Y, params, forward=nn.deep_forward, backward=nn.deep_backward,
                     learning_rate=0.1, num_iterations=50, record_every=10)
    for k in a:
        np.testing.assert_allclose(a[k], b[k])
    assert ha.train_cost == hb.train_cost
    # Same seed, same initialization, same result.
    c, _ = experiments.fit(X, Y, [3, 5, 4, 1], np.random.default_rng(4), num_iterations=5)
    d, _ = experiments.fit(X, Y, [3, 5, 4, 1], np.random.default_rng(4), num_iterations=5)
    for k in c:
        np.testing.assert_array_equal(c[k], d[k])


def test_weight_decay_shrinks_weights_and_reports_plain_cost():
    X, Y, params = small_problem(m=30)
    plain, hp = experiments.fit(X, Y, None, None, parameters=params, num_iterations=300)
    decayed, hd = experiments.fit(X, Y, None, None, parameters=params, num_iterations=300,
                                  lambd=5.0)
    norm = lambda p: sum(np.sum(v ** 2) for k, v in p.items() if k[0] == "W")  # noqa: E731
    assert norm(decayed) < 0.7 * norm(plain)
    AL, _ = nn.deep_forward(X, decayed)
    assert hd.train_cost[-1] == pytest.approx(nn.compute_cost(AL, Y))


def test_error_is_one_minus_accuracy():
    X, Y, params = small_problem(m=50)
    assert experiments.error(X, Y, params) == pytest.approx(
        1 - nn.accuracy(X, Y, params, nn.deep_forward))


def test_learning_curve_uses_growing_prefixes():
    X, Y = data.make_circles(200, rng=0)
    X_dev, Y_dev = data.make_circles(100, rng=1)
    seen = []

    def train_fn(X_part, Y_part):
        seen.append(X_part.shape[1])
        np.testing.assert_array_equal(X_part, X[:, :X_part.shape[1]])
        params, _ = experiments.fit(X_part, Y_part, [2, 8, 1], np.random.default_rng(0),
                                    learning_rate=0.5, num_iterations=300)
        return params

    curve = experiments.learning_curve(X, Y, X_dev, Y_dev, [10, 50, 200], train_fn)
    assert seen == curve.sizes == [10, 50, 200]
    assert all(0 <= e <= 1 for e in curve.train_error + curve.dev_error)
    # A network that fits 10 points well does worse on the dev set than one trained on 200.
    assert curve.dev_error[-1] < curve.dev_error[0]
    with pytest.raises(ValueError):
        experiments.learning_curve(X, Y, X_dev, Y_dev, [0], train_fn)
    with pytest.raises(ValueError):
        experiments.learning_curve(X, Y, X_dev, Y_dev, [201], train_fn)


# --- the mismatched-distribution data -------------------------------------------------------

def test_make_wavy_app_shapes_and_determinism():
    X, Y = data.make_wavy_app(500, rng=0)
    assert X.shape == (2, 500) and Y.shape == (1, 500)
    assert set(np.unique(Y)) <= {0.0, 1.0}
    X2, Y2 = data.make_wavy_app(500, rng=0)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(Y, Y2)
    assert X[0].min() >= -0.2 and X[0].max() <= 1.4 and X[0].max() > 0.75  # beyond the web


def test_app_frontier_is_lower_than_the_web_frontier():
    X, Y = data.make_wavy_app(4000, flip=0.0, rng=1)
    frontier = data._wavy_frontier(X[0])
    band = (X[1] > frontier - 0.2) & (X[1] < frontier)  # below the web frontier by < lift
    assert Y[0, band].mean() == 1.0  # ... yet labelled 1 in the app's coordinates
    assert Y[0, X[1] < frontier - 0.2].mean() == 0.0
    _, Y_noisy = data.make_wavy_app(4000, rng=1)
    assert 0.01 < np.mean(Y_noisy != data.make_wavy_app(4000, flip=0.0, rng=1)[1]) < 0.06


def test_load_mismatched():
    sets = data.load_mismatched()
    sizes = {k: (v[0].shape, v[1].shape) for k, v in sets.items()}
    assert sizes == {"web_train": ((2, 600), (1, 600)), "web_dev": ((2, 300), (1, 300)),
                     "app_train": ((2, 200), (1, 200)), "app_dev": ((2, 300), (1, 300)),
                     "app_test": ((2, 300), (1, 300)), "web_test": ((2, 300), (1, 300))}
    again = data.load_mismatched()
    for k in sets:
        np.testing.assert_array_equal(sets[k][0], again[k][0])
    assert sets["web_train"][0][0].max() <= 0.75 < sets["app_dev"][0][0].max()
