"""Every quantitative claim of source/dropout's text, computed with the code the notebook runs
(course_lib.lessons.regularization and .dropout, nn.train through lesson.train) on the 5 seeds
of lesson.SEEDS, with the reference solutions in place of the student's functions.

Claims (the numbers in brackets are today's 5-seed means; the asserts keep a margin):

- D1 dividing by keep_prob keeps the expected activation: the mean of a * d / keep_prob over
  200,000 masks is a (within 1%), the mean of a * d is keep_prob * a;
- D2 two calls of a correct forward pass differ on about 2 keep_prob (1 - keep_prob) = 42% of
  the coins, a seed inside the function on none;
- D3 with dropout on at test time, the same dev set gets a different accuracy on each pass,
  every one below the plain forward pass's;
- D4 dropout (keep_prob = 0.7, same start, same 600 iterations) lowers the training accuracy
  [91.5 -> 87.2] and roughly halves the train/dev gap [15.0 -> 7.3];
- D5 it raises dev accuracy by about 3 points on average [+3.4], gaining on 4 of the 5 seeds;
- D6 L2 (lambd = 1) did a little better on dev [+5.6];
- D7 the output unit's largest weight is smaller on every seed [2.42 -> 1.80], the weight norm
  about 14% smaller [14.6 -> 12.6], and far less shrunk than by L2 [3.6];
- D8 layer 2's units spread their weight a little more evenly (largest input share lower on
  average, by a small amount);
- D9 gradient check: with keep_prob = 0.7 the two-sided difference is off by orders of
  magnitude, with keep_prob = 1 it agrees with backprop;
- D10 the slider (seed 0): weight norm falls at every step from keep_prob = 1 to 0.5, and train
  accuracy never rises; over the 5 seeds the gap goes from about 15 points to about 4 [4.3];
- D11 slider frames are the text's models: fit_path from t.start with the seed gives the same
  weights as lesson.train.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_lib.core import nn, weights
from course_lib.display import plotting
from course_lib.instructor.reference import dropout as ref
from course_lib.instructor.reference import regularization as reg
from course_lib.lessons import regularization as lesson
from course_lib.lessons import sliders
from course_lib.lessons.dropout import with_dropout

ROOT = Path(__file__).resolve().parents[2]
NONE, DROP, DROP_05, L2 = ("no dropout", "dropout, keep_prob = 0.7", "dropout, keep_prob = 0.5",
                           "L2, lambd = 1")


def dropout(keep_prob):
    return with_dropout(ref.forward_propagation_with_dropout,
                        ref.backward_propagation_with_dropout, keep_prob)


@pytest.fixture(scope="module")
def runs() -> lesson.Comparison:
    return lesson.compare({NONE: None, DROP: dropout(0.7), DROP_05: dropout(0.5),
                           L2: lesson.penalized(reg.compute_cost_with_regularization,
                                                reg.backward_propagation_with_regularization,
                                                1.0)}, show=False)


def pts(values):
    return 100 * np.asarray(values)


def test_d1_inverted_scaling_keeps_the_expectation():
    rng = np.random.default_rng(0)
    a = np.array([[0.5], [1.0], [2.0], [3.0]])
    d = rng.uniform(size=(4, 200_000)) < 0.8
    np.testing.assert_allclose((a * d / 0.8).mean(axis=1), a.ravel(), rtol=0.01)
    np.testing.assert_allclose((a * d).mean(axis=1), 0.8 * a.ravel(), rtol=0.01)


def test_d2_fresh_masks_differ_seeded_masks_do_not():
    t = lesson.trial(0)
    np.random.seed(1)
    first, second = (ref.forward_propagation_with_dropout(t.train[0], t.start, 0.7)[1][1]
                     for _ in range(2))
    assert abs(np.mean(first != second) - 0.42) < 0.05

    def seeded():
        np.random.seed(0)
        return ref.forward_propagation_with_dropout(t.train[0], t.start, 0.7)[1][1]

    assert np.array_equal(seeded(), seeded())


def test_d3_dropout_at_test_time_is_random(runs):
    t = lesson.trial(0)
    model = runs.model(NONE, 0)
    np.random.seed(2)
    noisy = [nn.accuracy(*t.dev, model, lambda X, p: ref.forward_propagation_with_dropout(
        X, p, 0.7)) for _ in range(5)]
    assert len(set(noisy)) > 1
    assert max(noisy) < nn.accuracy(*t.dev, model)


def test_d4_dropout_trades_train_for_dev(runs):
    assert runs.values(DROP, "train").mean() < runs.values(NONE, "train").mean() - 0.02
    assert runs.values(DROP, "gap").mean() < 0.65 * runs.values(NONE, "gap").mean()


def test_d5_dropout_raises_dev_accuracy(runs):
    gain = pts(runs.gain(DROP, NONE))
    assert 1.5 < gain.mean() < 5.5
    assert (gain > 0.5).sum() >= 4


def test_d6_l2_did_a_little_better(runs):
    assert runs.values(L2, "dev").mean() > runs.values(DROP, "dev").mean()


def test_d7_dropout_shrinks_the_weights(runs):
    top = {n: np.array([np.abs(p["W3"]).max() for p, _ in runs.runs[n]]) for n in (NONE, DROP)}
    assert (top[DROP] < top[NONE]).all()
    norm, norm_drop = runs.values(NONE, "weight_norm"), runs.values(DROP, "weight_norm")
    assert (norm_drop < norm).all()
    assert 0.08 < 1 - norm_drop.mean() / norm.mean() < 0.22
    assert norm_drop.mean() > 2 * runs.values(L2, "weight_norm").mean()


def test_d8_layer_two_spreads_a_little(runs):
    share = {n: np.array([weights.largest_input_share(p["W2"]) for p, _ in runs.runs[n]])
             for n in (NONE, DROP)}
    assert 0 < (share[NONE] - share[DROP]).mean() < 0.02


def test_d9_gradient_check_needs_dropout_off():
    t = lesson.trial(0)

    def cost_at(parameters, keep_prob):
        A3, _ = ref.forward_propagation_with_dropout(t.train[0], parameters, keep_prob)
        return nn.compute_cost(A3, t.train[1])

    def shifted(delta):
        W2 = t.start["W2"].copy()
        W2[0, 0] += delta
        return {**t.start, "W2": W2}

    np.random.seed(3)
    for keep_prob, agree in ((0.7, False), (1.0, True)):
        numerical = (cost_at(shifted(1e-7), keep_prob) - cost_at(shifted(-1e-7), keep_prob)) / 2e-7
        A3, cache = ref.forward_propagation_with_dropout(t.train[0], t.start, keep_prob)
        analytic = ref.backward_propagation_with_dropout(*t.train, cache, keep_prob)["dW2"][0, 0]
        difference = abs(numerical - analytic) / (abs(numerical) + abs(analytic))
        assert (difference < 1e-6) if agree else (difference > 0.5)


def test_d10_slider_keep_prob_path(runs):
    t = lesson.trial(0)
    keep_probs = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5]
    fits = sliders.fit_path(keep_probs, dropout, *t.train, *t.dev, t.start,
                            iterations=lesson.ITERATIONS, learning_rate=lesson.LEARNING_RATE,
                            grid=plotting.boundary_grid(t.train[0], steps=10), seed=0,
                            known={1.0: runs.model(NONE, 0), 0.7: runs.model(DROP, 0),
                                   0.5: runs.model(DROP_05, 0)})
    norms = [f.weight_norm for f in fits]
    assert all(b < a for a, b in zip(norms, norms[1:], strict=False))
    train = [f.train_accuracy for f in fits]
    assert all(b <= a for a, b in zip(train, train[1:], strict=False))
    assert pts(runs.values(DROP_05, "gap")).mean() < 7
    assert pts(runs.values(NONE, "gap")).mean() > 12


def test_d11_slider_frames_are_the_texts_models(runs):
    t = lesson.trial(0)
    fit, = sliders.fit_path([0.7], dropout, *t.train, *t.dev, t.start,
                            iterations=lesson.ITERATIONS, learning_rate=lesson.LEARNING_RATE,
                            grid=plotting.boundary_grid(t.train[0], steps=10), seed=t.seed)
    for key, value in runs.model(DROP, 0).items():
        np.testing.assert_array_equal(fit.parameters[key], value)


def test_the_notebook_runs_these_settings():
    """The claims above hold for these settings; the notebook must use them."""
    nb = nbformat.read(ROOT / "source" / "dropout" / "dropout.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for needle in ("lesson.trial(seed=0)", "dropout_07 = with_dropout(",
                   "backward_propagation_with_dropout,\n                          0.7)",
                   "keep_probs=[1.0, 0.9, 0.8, 0.7, 0.6, 0.5]", "iterations=lesson.ITERATIONS",
                   "seed=t.seed"):
        assert needle in code, needle
