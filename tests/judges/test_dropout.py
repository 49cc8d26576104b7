"""Dropout: the reference's masks by their properties, its backward pass checked numerically with
a fixed mask, the judges on hand-made answers, the visible fixtures and the hidden checks."""

from __future__ import annotations

import numpy as np
import pytest
from gradcheck_util import check_parameter_gradients

from course_lib.checks import dropout as visible
from course_lib.core import nn, plain
from course_lib.instructor.hidden_checks import checks_for, run_hidden_check
from course_lib.instructor.hidden_checks.dropout import dropout_cache
from course_lib.instructor.reference import dropout as ref
from course_lib.judges import CheckFailed
from course_lib.judges.dropout import (
    judge_backward,
    judge_fresh,
    judge_identity,
    judge_keep_rate,
    judge_masks,
    judge_output_layer,
    judge_structure,
    keep_rate_band,
)
from course_lib.lessons.dropout import keep_prob_explorer


def _network(seed, dims=(3, 30, 20, 1), m=150):
    rng = np.random.default_rng(seed)
    parameters = nn.initialize_parameters(list(dims), rng)
    for l in (1, 2, 3):
        parameters[f"b{l}"] = parameters[f"b{l}"] + 0.1
    X = rng.standard_normal((dims[0], m))
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    return X, Y, parameters


# --- the reference ---------------------------------------------------------------------------

@pytest.mark.parametrize("keep_prob", [0.5, 0.7, 0.86])
def test_reference_forward_masks_scales_and_keeps_the_right_share(keep_prob):
    X, _, parameters = _network(0)
    np.random.seed(1)
    A3, cache = ref.forward_propagation_with_dropout(X, parameters, keep_prob)
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3c, W3, b3 = cache
    np.testing.assert_allclose(Z1, W1 @ X + b1)
    np.testing.assert_allclose(A1, np.maximum(Z1, 0) * D1 / keep_prob)
    np.testing.assert_allclose(Z2, W2 @ A1 + b2)
    np.testing.assert_allclose(A2, np.maximum(Z2, 0) * D2 / keep_prob)
    np.testing.assert_allclose(A3, 1 / (1 + np.exp(-(W3 @ A2 + b3))))
    assert A3 is A3c or np.array_equal(A3, A3c)
    for D in (D1, D2):
        assert set(np.unique(D)) <= {0, 1}
        assert abs(D.mean() - keep_prob) < keep_rate_band(keep_prob, D.size)


def test_reference_forward_is_fresh_and_identity_at_keep_prob_one():
    X, _, parameters = _network(1)
    _, first = ref.forward_propagation_with_dropout(X, parameters, 0.6)
    _, second = ref.forward_propagation_with_dropout(X, parameters, 0.6)
    assert not np.array_equal(first[1], second[1])
    A3, cache = ref.forward_propagation_with_dropout(X, parameters, 1.0)
    np.testing.assert_allclose(A3, nn.forward_propagation(X, parameters)[0])
    assert np.all(cache[1] == 1) and np.all(cache[6] == 1)


def test_inverted_dropout_keeps_the_expected_value():
    """Averaged over many masks, A * D / keep_prob is A (the reason for the scaling)."""
    rng = np.random.default_rng(0)
    a = rng.uniform(0.5, 2.0, size=(4, 1))
    D = rng.uniform(size=(4, 400_000)) < 0.7
    np.testing.assert_allclose((a * D / 0.7).mean(axis=1, keepdims=True), a, rtol=0.01)


def _masked_cost(X, Y, parameters, D1, D2, keep_prob):
    """Cost of the network with the masks D1, D2 held fixed, written independently."""
    h1 = np.maximum(parameters["W1"] @ X + parameters["b1"], 0) * D1 / keep_prob
    h2 = np.maximum(parameters["W2"] @ h1 + parameters["b2"], 0) * D2 / keep_prob
    out = 1 / (1 + np.exp(-(parameters["W3"] @ h2 + parameters["b3"])))
    return float(-np.mean(Y * np.log(out) + (1 - Y) * np.log(1 - out)))


@pytest.mark.parametrize(("seed", "keep_prob"), [(0, 0.5), (1, 0.8), (2, 1.0)])
def test_reference_backward_matches_finite_differences_with_a_fixed_mask(seed, keep_prob):
    X, Y, parameters = _network(seed, dims=(3, 6, 4, 1), m=9)
    np.random.seed(seed)
    _, cache = ref.forward_propagation_with_dropout(X, parameters, keep_prob)
    D1, D2 = cache[1], cache[6]
    grads = ref.backward_propagation_with_dropout(X, Y, cache, keep_prob)
    check_parameter_gradients(
        lambda p: _masked_cost(X, Y, p, D1, D2, keep_prob), parameters, grads, tol=1e-6)


def test_reference_backward_accepts_bool_and_float_masks():
    X, Y, parameters = _network(3, dims=(2, 5, 4, 1), m=8)
    as_int = dropout_cache(np.random.default_rng(9), X, parameters, 0.7, "int")
    for kind in ("bool", "float"):
        other = dropout_cache(np.random.default_rng(9), X, parameters, 0.7, kind)
        a = ref.backward_propagation_with_dropout(X, Y, as_int, 0.7)
        b = ref.backward_propagation_with_dropout(X, Y, other, 0.7)
        for key in a:
            np.testing.assert_allclose(a[key], b[key])


# --- judges on hand-made answers -----------------------------------------------------------

def _forward_out(seed=4, keep_prob=0.7):
    X, Y, parameters = _network(seed)
    np.random.seed(seed)
    return X, Y, parameters, plain.to_plain(
        ref.forward_propagation_with_dropout(X, parameters, keep_prob))


def _with(out, index, value):
    A3, cache = out
    cache = list(cache)
    cache[index] = value
    return (A3, tuple(cache))


def test_forward_judges_pass_the_reference():
    X, _, parameters, out = _forward_out()
    _, _, _, again = _forward_out(seed=4)
    np.random.seed(99)
    other = plain.to_plain(ref.forward_propagation_with_dropout(X, parameters, 0.7))
    assert judge_structure(out, X, parameters)
    assert judge_masks(out, X, parameters, 0.7)
    assert judge_keep_rate(out, X, parameters, 0.7)
    assert judge_fresh(out, other, X, parameters)
    assert judge_output_layer(out, X, parameters)
    assert not judge_fresh(out, again, X, parameters)  # same seed, same mask


def test_forward_judges_name_the_mistakes():
    X, _, parameters, out = _forward_out()
    A3, cache = out
    Z1, D1 = cache[0], cache[1]
    unscaled = _with(out, 2, np.maximum(Z1, 0) * D1)
    verdict = judge_masks(unscaled, X, parameters, 0.7)
    assert not verdict and "not divided by keep_prob" in verdict.message
    verdict = judge_masks(_with(out, 1, np.random.default_rng(0).uniform(size=D1.shape)), X,
                          parameters, 0.7)
    assert not verdict and "random numbers" in verdict.message
    flipped = _with(out, 1, 1 - D1)
    verdict = judge_keep_rate(flipped, X, parameters, 0.7)
    assert not verdict and "1 - keep_prob" in verdict.message
    verdict = judge_structure((A3, cache[:12]), X, parameters)
    assert not verdict and "14 entries" in verdict.message
    dropped_output = (A3 * (np.arange(A3.size) % 2), cache)
    verdict = judge_output_layer(dropped_output, X, parameters)
    assert not verdict and "output layer" in verdict.message
    same_columns = np.repeat(D1[:, :1], D1.shape[1], axis=1)
    verdict = judge_fresh(_with(out, 1, same_columns), _with(out, 1, same_columns * 0 + 1),
                          X, parameters)
    assert not verdict and "every example the same mask" in verdict.message


def test_identity_judge():
    X, _, parameters = _network(6)
    plain_A3 = nn.forward_propagation(X, parameters)[0]
    out = plain.to_plain(ref.forward_propagation_with_dropout(X, parameters, 1.0))
    assert judge_identity(out, X, parameters, plain_A3)
    np.random.seed(0)
    dropped = plain.to_plain(ref.forward_propagation_with_dropout(X, parameters, 0.9))
    verdict = judge_identity(dropped, X, parameters, plain_A3)
    assert not verdict and "keep every unit" in verdict.message


def test_backward_judge_names_scaling_and_mask_mistakes():
    X, Y, parameters = _network(7, dims=(3, 6, 5, 1), m=12)
    keep_prob = 0.8
    cache = dropout_cache(np.random.default_rng(7), X, parameters, keep_prob, "int")
    expected = ref.backward_propagation_with_dropout(X, Y, cache, keep_prob)
    assert judge_backward(expected, expected, cache, keep_prob)

    unmasked = dict(expected)  # dA before masking is also accepted
    unmasked["dA2"] = cache[12].T @ expected["dZ3"]
    unmasked["dA1"] = cache[8].T @ expected["dZ2"]
    assert judge_backward(unmasked, expected, cache, keep_prob)

    rescaled = dict(expected)
    rescaled["dA2"] = expected["dA2"] * keep_prob
    verdict = judge_backward(rescaled, expected, cache, keep_prob)
    assert not verdict and "divide by keep_prob" in verdict.message

    no_mask = dict(expected)
    no_mask["dZ2"] = (cache[12].T @ expected["dZ3"]) / keep_prob * (cache[5] > 0)
    verdict = judge_backward(no_mask, expected, cache, keep_prob)
    assert not verdict and "same" in verdict.message and "mask D2" in verdict.message

    verdict = judge_backward({k: v for k, v in expected.items() if k != "db1"}, expected,
                             cache, keep_prob)
    assert not verdict and "db1" in verdict.message


# --- visible checks ----------------------------------------------------------------------

def test_visible_backward_fixtures_equal_the_reference():
    X, Y = np.array(visible.BACKWARD_X), np.array(visible.BACKWARD_Y)
    cache = tuple(np.array(a) for a in visible.BACKWARD_CACHE)
    keep_prob = visible.BACKWARD_KEEP_PROB
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    np.testing.assert_allclose(Z1, W1 @ X + b1)  # the fixture cache is a real dropout cache
    np.testing.assert_allclose(A1, np.maximum(Z1, 0) * D1 / keep_prob)
    np.testing.assert_allclose(A2, np.maximum(Z2, 0) * D2 / keep_prob)
    np.testing.assert_allclose(A3, 1 / (1 + np.exp(-(W3 @ A2 + b3))))
    assert (D1 == 0).any() and (D2 == 0).any()
    assert ((Z1 > 0) & (D1 == 0)).any() and ((Z2 > 0) & (D2 == 0)).any()
    grads = ref.backward_propagation_with_dropout(X, Y, cache, keep_prob)
    assert set(grads) == set(visible.BACKWARD_EXPECTED)
    for key, value in visible.BACKWARD_EXPECTED.items():
        np.testing.assert_allclose(np.array(value), grads[key], rtol=1e-12, atol=1e-15)


def test_visible_checks_pass_with_the_reference_and_fail_with_a_seed(capsys):
    visible.check_forward_propagation_with_dropout(ref.forward_propagation_with_dropout)
    visible.check_backward_propagation_with_dropout(ref.backward_propagation_with_dropout)
    assert capsys.readouterr().out.count("All visible checks passed.") == 2

    def seeded(X, parameters, keep_prob=0.5):  # the classic template's line: a note
        np.random.seed(0)
        return ref.forward_propagation_with_dropout(X, parameters, keep_prob)

    visible.check_forward_propagation_with_dropout(seeded)
    out = capsys.readouterr().out
    assert "calls np.random.seed" in out and "All visible checks passed." in out
    fixed = np.random.RandomState(0).get_state()

    def fixed_state(X, parameters, keep_prob=0.5):  # the same mask on every call
        np.random.set_state(fixed)
        return ref.forward_propagation_with_dropout(X, parameters, keep_prob)

    with pytest.raises(CheckFailed, match="seed inside"):
        visible.check_forward_propagation_with_dropout(fixed_state)

    def unscaled(X, Y, cache, keep_prob):
        return ref.backward_propagation_with_dropout(X, Y, cache, 1.0)

    with pytest.raises(CheckFailed, match="divide by keep_prob"):
        visible.check_backward_propagation_with_dropout(unscaled)


# --- hidden checks ---------------------------------------------------------------------------

CHECKS = checks_for("dropout")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hidden_checks_pass_with_the_reference(seed, capsys):
    namespace = dict(vars(ref))
    for check in CHECKS:
        run_hidden_check(check.function, check.aspect, namespace, seed=seed)
    assert capsys.readouterr().out.count("Passed") == len(CHECKS)


@pytest.mark.parametrize(("aspect", "forward", "words"), [
    ("fresh", "seeded", "seed inside"),
    ("keep_rate", "greater", "1 - keep_prob"),
    ("output", "output", "output layer"),
])
def test_hidden_forward_checks_fail_mistakes(aspect, forward, words):
    fixed = np.random.RandomState(1).get_state()

    def seeded(X, parameters, keep_prob=0.5):  # the same random state on every call
        np.random.set_state(fixed)
        return ref.forward_propagation_with_dropout(X, parameters, keep_prob)

    def greater(X, parameters, keep_prob=0.5):
        return ref.forward_propagation_with_dropout(X, parameters, 1 - keep_prob)

    def output(X, parameters, keep_prob=0.5):
        A3, cache = ref.forward_propagation_with_dropout(X, parameters, keep_prob)
        return A3 * (np.random.rand(*A3.shape) < keep_prob) / keep_prob, cache

    fn = {"seeded": seeded, "greater": greater, "output": output}[forward]
    with pytest.raises(CheckFailed, match=words):
        run_hidden_check("forward_propagation_with_dropout", aspect,
                         {"forward_propagation_with_dropout": fn}, seed=5)


def test_hidden_fresh_check_forgives_the_classic_seed_line(capsys):
    """The classic template's ``np.random.seed(1)`` at the top is scaffolding: ignored while
    the masks are judged fresh."""
    def classic(X, parameters, keep_prob=0.5):
        np.random.seed(1)
        return ref.forward_propagation_with_dropout(X, parameters, keep_prob)

    real_seed = np.random.seed
    run_hidden_check("forward_propagation_with_dropout", "fresh",
                     {"forward_propagation_with_dropout": classic}, seed=5)
    assert "Passed" in capsys.readouterr().out
    assert np.random.seed is real_seed, "np.random.seed is put back after the probe"


def test_hidden_own_forward_check_uses_the_students_cache():
    """The student's backward is judged on the student's own cache (here bool masks)."""
    def forward(X, parameters, keep_prob=0.5):
        A3, cache = ref.forward_propagation_with_dropout(X, parameters, keep_prob)
        cache = list(cache)
        cache[1], cache[6] = cache[1].astype(bool), cache[6].astype(bool)
        return A3, tuple(cache)

    namespace = {"forward_propagation_with_dropout": forward,
                 "backward_propagation_with_dropout": ref.backward_propagation_with_dropout}
    run_hidden_check("backward_propagation_with_dropout", "own_forward", namespace, seed=2)

    def stale_mask(X, Y, cache, keep_prob):
        cache = list(cache)
        cache[6] = np.ones_like(cache[6])
        return ref.backward_propagation_with_dropout(X, Y, tuple(cache), keep_prob)

    namespace["backward_propagation_with_dropout"] = stale_mask
    with pytest.raises(CheckFailed, match="own forward pass"):
        run_hidden_check("backward_propagation_with_dropout", "own_forward", namespace, seed=2)


def test_keep_prob_explorer_reports_a_broken_function(capsys):
    X, Y, parameters = _network(0, dims=(2, 4, 3, 1), m=20)

    def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
        return np.zeros((1, 3)), ()

    result = keep_prob_explorer(
        X, Y, X, Y, parameters, forward_propagation_with_dropout,
        ref.backward_propagation_with_dropout, keep_probs=[1.0, 0.5], iterations=3,
        show=False)
    out = capsys.readouterr().out
    assert result is None
    assert "forward_propagation_with_dropout returned A3 of shape (1, 3)" in out
