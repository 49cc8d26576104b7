"""The numbers the visible checks compare with are what the reference gives (the reference is
instructor-only, so the checks carry them as fixtures or make them without it)."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.checks import dropout, gradient_checking, normalization
from course_lib.instructor.reference import dropout as dropout_ref
from course_lib.instructor.reference import gradient_checking as gradcheck_ref
from course_lib.instructor.reference import normalization as normalization_ref


def test_mistakes_with_the_right_gradients_are_the_references():
    parameters, gradients, X, Y = gradient_checking.fixture_network()
    n_d = gradcheck_ref.difference_mistakes_n(parameters, gradients, X, Y)
    one_d = gradcheck_ref.difference_mistakes(2, 4)
    for name, value in gradient_checking.N_D_MISTAKES_RIGHT.items():
        assert n_d[name] == pytest.approx(value, rel=1e-6), name
        assert one_d[name] == pytest.approx(value, rel=1e-6), name


def test_the_dropout_backward_case_is_a_dropout_cache_with_the_references_gradients():
    for seed in (dropout.BACKWARD_SEED, 11, 12):
        X, Y, cache, expected = dropout.backward_case(seed)
        Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
        keep_prob = dropout.BACKWARD_KEEP_PROB
        np.testing.assert_allclose(A1, np.maximum(Z1, 0) * D1 / keep_prob)
        np.testing.assert_allclose(Z2, W2 @ A1 + b2)
        grads = dropout_ref.backward_propagation_with_dropout(X, Y, cache, keep_prob)
        for key, value in expected.items():
            np.testing.assert_allclose(value, grads[key], rtol=1e-10, atol=1e-13)
    # the fixed case drops units that the ReLU kept, on both layers (so masks matter)
    _, _, cache, _ = dropout.backward_case()
    assert ((cache[0] > 0) & (cache[1] == 0)).any() and ((cache[5] > 0) & (cache[6] == 0)).any()


def test_normalization_mistakes_are_the_references():
    X = np.hstack([normalization.X_TRAIN, normalization.X_DEV, normalization.X_TEST])
    mu, sigma = normalization_ref.compute_normalization_parameters(X)
    np.testing.assert_allclose(normalization.ALL_SETS[0], mu)
    np.testing.assert_allclose(normalization.ALL_SETS[1], sigma)
    own = normalization_ref.compute_normalization_parameters(normalization.X_DEV)
    np.testing.assert_allclose(normalization.DEV_OWN[0], own[0])
    np.testing.assert_allclose(normalization.DEV_OWN[1], own[1])
    train = normalization_ref.normalize_mistakes(normalization.X_TRAIN, normalization.MU,
                                                 normalization.SIGMA)
    for name, value in normalization.TRAIN_MISTAKES.items():
        if name in train:
            np.testing.assert_allclose(value, train[name], err_msg=name)
