"""The initialization judges on hand-made outputs, and the reference against them."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.core.plain import CallError
from course_lib.instructor.hidden_checks.initialization import SCALE_POOL
from course_lib.instructor.reference import initialization as ref
from course_lib.judges import compare_array, compare_scalar
from course_lib.judges.initialization import judge_all_zero, judge_scale, judge_structure

DIMS = [50, 200, 25, 1]


def params(dims, scale, rng=None, bias=0.0, dtype=float, transpose=False):
    rng = rng or np.random.default_rng(0)
    out = {}
    for l in range(1, len(dims)):
        shape = (dims[l - 1], dims[l]) if transpose else (dims[l], dims[l - 1])
        out[f"W{l}"] = (rng.standard_normal(shape) * scale(dims[l - 1], dims[l])).astype(dtype)
        out[f"b{l}"] = np.full((dims[l], 1), bias, dtype=dtype)
    return out


def he(n_in, n_out):
    return np.sqrt(2 / n_in)


@pytest.mark.parametrize("scheme", ["random", "he", "xavier"])
def test_reference_passes_its_judges_over_many_draws(scheme):
    fn = getattr(ref, f"initialize_parameters_{scheme}")
    for seed in range(20):
        np.random.seed(seed)
        assert judge_scale(fn(DIMS), DIMS, scheme)


def test_zeros_reference():
    assert judge_all_zero(ref.initialize_parameters_zeros(DIMS), DIMS)


@pytest.mark.parametrize(("bad", "words"), [
    (params(DIMS, lambda i, o: np.sqrt(2 / o)), "fan-out"),
    (params(DIMS, lambda i, o: np.sqrt(1 / i)), "Xavier"),
    (params(DIMS, lambda i, o: 1.0), "forget to scale"),
    (params(DIMS, lambda i, o: 2 / i), "square root"),
])
def test_wrong_scales_are_named(bad, words):
    verdict = judge_scale(bad, DIMS, "he")
    assert not verdict and words in verdict.message


@pytest.mark.parametrize("dims", SCALE_POOL, ids=str)
def test_a_wrong_scale_is_named_on_every_draw(dims):
    """The mean is judged against the spread the student's weights have, so a scale larger
    than He's (fan-out, when n[l] < n[l-1]) is named for what it is on every draw, never
    mistaken for uniform weights."""
    for seed in range(200):
        bad = params(dims, lambda i, o: np.sqrt(2 / o), np.random.default_rng(seed))
        verdict = judge_scale(bad, dims, "he")
        assert not verdict and "fan-out" in verdict.message, (seed, verdict.message)


def test_structure_mistakes():
    assert "transposed" in judge_structure(params(DIMS, he, transpose=True), DIMS).message
    assert "zeros" in judge_structure(params(DIMS, he, bias=0.1), DIMS).message
    assert "dtype" in judge_structure(params(DIMS, lambda i, o: 0.0, dtype=int), DIMS).message
    missing = params(DIMS, he)
    del missing["W3"], missing["b3"]
    assert "missing W3, b3" in judge_structure(missing, DIMS).message
    assert "raised ValueError" in judge_structure(CallError("ValueError", "x"), DIMS).message
    assert not judge_structure([1, 2], DIMS)


def test_uniform_weights_fail_on_the_mean():
    rng = np.random.default_rng(1)
    p = {f"W{l}": rng.uniform(size=(DIMS[l], DIMS[l - 1])) * np.sqrt(2 / DIMS[l - 1])
         for l in range(1, 4)}
    p.update({f"b{l}": np.zeros((DIMS[l], 1)) for l in range(1, 4)})
    assert "mean" in judge_scale(p, DIMS, "he").message


def test_compare_helpers_accept_equivalent_scalars_and_name_ratios():
    assert compare_scalar(np.array([[1.5]]), 1.5, "cost")
    assert compare_scalar(np.float64(1.5), 1.5, "cost")
    assert not compare_scalar(np.array([1.5, 2.0]), 1.5, "cost")
    assert not compare_scalar(True, 1.0, "cost")
    e = np.arange(1.0, 7.0).reshape(2, 3)
    assert compare_array(e.copy(), e, "dW")
    assert "2 times" in compare_array(2 * e, e, "dW").message
    assert "transposed" in compare_array(e.T, e, "dW").message
