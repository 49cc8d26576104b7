"""Every quantitative claim of source/regularization's text, computed with the code the notebook
runs (course_lib.lessons.regularization, nn.train through lesson.train) on the 5 seeds of
lesson.SEEDS, with the reference solutions in place of the student's functions.

Claims (the numbers in brackets are today's 5-seed means; the asserts keep a margin):

- R1 the unregularized network overfits: train - dev gap of about 15 points [15.0], above 5 on
  every seed;
- R2 its training accuracy is above the true frontier's [91.5 vs 86.2]: it learned swapped labels;
- R3 logistic regression: gap near 0 [0.4] and training accuracy several points below the true
  frontier's [81.0 vs 86.2]: high bias; on dev it beats the overfit network by about 4 points
  [80.6 vs 76.5];
- R4 L2 (lambd = 1, same start, same 600 iterations) lowers the training accuracy on every seed;
- R5 L2 raises dev accuracy by about 5 points on average [+5.6], gaining on 4 of the 5 seeds;
- R6 L2 shrinks the gap from about 15 points to a few [2.2], on every seed;
- R7 L2 weights are about four times smaller [14.6 -> 3.6];
- R8 the L2 network ends a point or two above logistic regression on dev [82.1 vs 80.6];
- R9 L1 (lambd = 0.3) narrows the gap and raises dev accuracy [+4.2], and leaves almost every
  weight below 0.01 [97%], far more than L2 [55%] or no regularization [3%];
- R10 L2 and L1 did about as well on dev (L2 at least as well on average) [82.1 vs 80.7];
- R11 the slider (seed 0): for L2, dev accuracy is highest around lambd = 1; at 10 both train and
  dev accuracy drop (oversmoothing); at lambd = 0.1, L1 already leaves most weights near zero,
  L2 almost none; at lambd = 10, L1 collapses and its near-zero share falls (jitter > 0.01);
- R12 slider frames are the text's models: fit_path from t.start for ITERATIONS gives the same
  weights as lesson.train;
- R13 smaller weights, smoother output: the steepest slope of the L2 model's probability is
  several times smaller than the unregularized one's, on every seed;
- R14 weight decay: (1 - alpha lambd / m) ** 600 leaves about 0.05% of a weight;
- R9b the histogram: L2 empties switched-off units (weights below 1e-3), L1 weights sit within
  about alpha lambd / m = 0.004 of zero;

and of notebooks/06_why_regularization_works, where sections of the assignment moved:

- R15 its experiments.fit(lambd = 1) trains the assignment's L2 model;
- R16 lambd 0 -> 1 -> 10: weight norm and steepest slope of the output fall on every seed;
- R17 a tanh network trained with L2 (lambd = 3) has far more z[1] values in |z| < 0.5.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_lib.core import data, nn, weights
from course_lib.display import plotting
from course_lib.instructor.reference import regularization as ref
from course_lib.lessons import experiments, sliders
from course_lib.lessons import regularization as lesson

L2 = (ref.compute_cost_with_regularization, ref.backward_propagation_with_regularization)
L1 = (ref.compute_cost_with_l1_regularization, ref.backward_propagation_with_l1_regularization)
ROOT = Path(__file__).resolve().parents[2]
NONE, LOGISTIC, L2_1, L1_03, L2_10 = ("no regularization", "logistic regression",
                                      "L2, lambd = 1", "L1, lambd = 0.3", "L2, lambd = 10")


@pytest.fixture(scope="module")
def runs() -> lesson.Comparison:
    return lesson.compare({NONE: None, LOGISTIC: lesson.logistic_regression,
                           L2_1: lesson.penalized(*L2, 1.0), L1_03: lesson.penalized(*L1, 0.3),
                           L2_10: lesson.penalized(*L2, 10.0)},
                          forward={LOGISTIC: nn.deep_forward}, show=False)


@pytest.fixture(scope="module")
def frontier() -> np.ndarray:
    return np.array([lesson.best_possible(lesson.trial(s)).train for s in lesson.SEEDS])


def pts(values):
    return 100 * np.asarray(values)


def test_five_seeds():
    assert len(lesson.SEEDS) >= 5


def test_r1_the_network_overfits(runs):
    gap = pts(runs.values(NONE, "gap"))
    assert gap.mean() > 10 and gap.min() > 5


def test_r2_the_network_learns_swapped_labels(runs, frontier):
    assert pts(runs.values(NONE, "train") - frontier).mean() > 2


def test_r3_logistic_regression_has_high_bias(runs, frontier):
    assert abs(pts(runs.values(LOGISTIC, "gap")).mean()) < 3
    assert pts(frontier - runs.values(LOGISTIC, "train")).mean() > 2.5
    assert 1 < pts(runs.values(LOGISTIC, "dev") - runs.values(NONE, "dev")).mean() < 7


def test_r4_l2_lowers_training_accuracy(runs):
    assert (runs.values(L2_1, "train") < runs.values(NONE, "train")).all()


def test_r5_l2_raises_dev_accuracy(runs):
    gain = pts(runs.gain(L2_1, NONE))
    assert 3 < gain.mean() < 9
    assert (gain > 0.5).sum() >= 4


def test_r6_l2_narrows_the_gap(runs):
    assert (runs.values(L2_1, "gap") < runs.values(NONE, "gap")).all()
    assert pts(runs.values(L2_1, "gap")).mean() < 6


def test_r7_l2_weights_about_four_times_smaller(runs):
    ratio = runs.values(NONE, "weight_norm") / runs.values(L2_1, "weight_norm")
    assert ratio.min() > 3 and 3 < ratio.mean() < 5.5


def test_r8_l2_a_point_or_two_above_logistic(runs):
    assert 0 < pts(runs.values(L2_1, "dev") - runs.values(LOGISTIC, "dev")).mean() < 4


def test_r9_l1_regularizes_and_sparsifies(runs):
    assert pts(runs.gain(L1_03, NONE)).mean() > 2
    assert runs.values(L1_03, "gap").mean() < runs.values(NONE, "gap").mean() - 0.04
    l1, l2, none = (runs.values(n, "near_zero") for n in (L1_03, L2_1, NONE))
    assert l1.min() > 0.9 and none.max() < 0.1
    assert (l1 > l2 + 0.15).all()


def test_r9b_l2_empties_switched_off_units_l1_jitters_near_zero(runs):
    """The histogram: L2's bump near 1e-4 (units that switched off decay), L1's weights within
    about alpha lambd / m = 0.004 of zero."""
    def tiny(name, k):
        w = np.concatenate([W.ravel() for W in weights.weights(runs.runs[name][k][0])])
        return np.abs(w)

    for k in range(len(lesson.SEEDS)):
        assert np.mean(tiny(L2_1, k) < 1e-3) > 0.1 and np.mean(tiny(NONE, k) < 1e-3) < 0.02
        assert np.median(tiny(L1_03, k)) < 1.5 * lesson.LEARNING_RATE * 0.3 / 80


def test_r10_l2_at_least_as_good_as_l1(runs):
    assert runs.values(L2_1, "dev").mean() >= runs.values(L1_03, "dev").mean()


def _slider_path(runs, penalty, lambds, known):
    t = lesson.trial(0)
    return sliders.fit_path(lambds, lambda lambd: lesson.penalized(*penalty, lambd), *t.train,
                            *t.dev, t.start, iterations=lesson.ITERATIONS,
                            learning_rate=lesson.LEARNING_RATE,
                            grid=plotting.boundary_grid(t.train[0], steps=10), seed=0,
                            known=known)


def test_r11_slider_lambd_path(runs):
    lambds = [0, 0.1, 0.3, 1, 3, 10]
    l2 = _slider_path(runs, L2, lambds, {0: runs.model(NONE, 0), 1: runs.model(L2_1, 0),
                                         10: runs.model(L2_10, 0)})
    l1 = _slider_path(runs, L1, lambds, {0: runs.model(NONE, 0), 0.3: runs.model(L1_03, 0)})
    dev2 = [f.dev_accuracy for f in l2]
    assert lambds[int(np.argmax(dev2))] == 1
    assert l2[-1].train_accuracy < l2[3].train_accuracy and dev2[-1] < dev2[3] - 0.03
    assert l1[1].near_zero > 0.5 and l2[1].near_zero < 0.2  # lambd = 0.1
    assert l1[-1].train_accuracy < 0.7 and l1[-1].dev_accuracy < l1[2].dev_accuracy - 0.1
    assert l1[-1].near_zero < l1[2].near_zero - 0.3  # jitter above 0.01 at lambd = 10
    # and over the 5 seeds, lambd = 10 oversmooths: lower train and dev than lambd = 1
    assert (runs.values(L2_10, "train") < runs.values(L2_1, "train")).all()
    assert runs.values(L2_10, "dev").mean() < runs.values(L2_1, "dev").mean() - 0.03


def test_r12_slider_frames_are_the_texts_models(runs):
    t = lesson.trial(0)
    fit, = sliders.fit_path([1.0], lambda lambd: lesson.penalized(*L2, lambd), *t.train, *t.dev,
                            t.start, iterations=lesson.ITERATIONS,
                            learning_rate=lesson.LEARNING_RATE,
                            grid=plotting.boundary_grid(t.train[0], steps=10), seed=0)
    for key, value in runs.model(L2_1, 0).items():
        np.testing.assert_allclose(fit.parameters[key], value, rtol=0, atol=1e-12)
    assert fit.dev_accuracy == runs.runs[L2_1][0][1].dev


def test_r13_smaller_weights_smoother_output(runs):
    for k, seed in enumerate(lesson.SEEDS):
        t = lesson.trial(seed)
        xx, _, points = plotting.boundary_grid(t.train[0], steps=120)

        def steepest(parameters, xx=xx, points=points):
            p = nn.forward_propagation(points, parameters)[0].reshape(xx.shape)
            return np.abs(np.gradient(p, xx[0, 1] - xx[0, 0])).max()

        assert steepest(runs.runs[L2_1][k][0]) < steepest(runs.runs[NONE][k][0]) / 3


def test_r14_weight_decay_factor():
    m = data.KICKS_SIZES["train"]
    left = (1 - lesson.LEARNING_RATE * 1.0 / m) ** lesson.ITERATIONS
    assert 0.0003 < left < 0.0007


def test_the_notebook_runs_these_settings():
    """The claims above hold for these settings; the notebook must use them."""
    nb = nbformat.read(ROOT / "source" / "regularization" / "regularization.ipynb", as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for needle in ("lesson.trial(seed=0)", "l2(1.0)",
                   "backward_propagation_with_l1_regularization, 0.3)",
                   "lambds=[0, 0.1, 0.3, 1, 3, 10]", "iterations=lesson.ITERATIONS"):
        assert needle in code, needle


# --- notebooks/06_why_regularization_works (sections moved out of the assignment) -------------

def _steepest(parameters, t):
    xx, _, points = plotting.boundary_grid(t.train[0], steps=100)
    p = nn.forward_propagation(points, parameters)[0].reshape(xx.shape)
    return np.abs(np.gradient(p, xx[0, 1] - xx[0, 0])).max()


def test_r15_lecture_fit_is_the_assignments_l2(runs):
    t = lesson.trial(0)
    fitted, _ = experiments.fit(*t.train, lesson.LAYERS_DIMS, None, lambd=1.0, parameters=t.start,
                                learning_rate=lesson.LEARNING_RATE,
                                num_iterations=lesson.ITERATIONS, record_every=lesson.ITERATIONS)
    for key, value in runs.model(L2_1, 0).items():
        np.testing.assert_allclose(fitted[key], value, atol=1e-8)


def test_r16_larger_lambd_smaller_weights_gentler_slope(runs):
    """06 section 1: lambd 0 -> 1 -> 10, weight norm and steepest slope fall on every seed."""
    for k, seed in enumerate(lesson.SEEDS):
        t = lesson.trial(seed)
        models = [runs.runs[name][k][0] for name in (NONE, L2_1, L2_10)]
        norms = [s.weight_norm for s in (lesson.scores(p, t) for p in models)]
        slopes = [_steepest(p, t) for p in models]
        assert norms[0] > norms[1] > norms[2] and slopes[0] > slopes[1] > slopes[2]
        assert slopes[2] < 0.5


def test_r17_l2_keeps_tanh_units_near_linear():
    """06 section 2: with lambd = 3 a larger share of z[1] lies in |z| < 0.5 than without."""
    def tanh_forward(X, parameters):
        return nn.deep_forward(X, parameters, activation="tanh")

    for seed in lesson.SEEDS:
        t = lesson.trial(seed)
        start = nn.initialize_parameters(list(lesson.LAYERS_DIMS), np.random.default_rng(seed),
                                         "xavier")
        inside = []
        for lambd in (0.0, 3.0):
            p, _ = nn.train(*t.train, start, forward=tanh_forward,
                            backward=experiments.weight_decay_backward(lambd),
                            learning_rate=lesson.LEARNING_RATE,
                            num_iterations=lesson.ITERATIONS, record_every=lesson.ITERATIONS)
            inside.append(np.mean(np.abs(p["W1"] @ t.train[0] + p["b1"]) < 0.5))
        assert inside[1] > inside[0] + 0.3


# --- the helpers the claims rest on -----------------------------------------------------------

def test_kicks_splits_and_seeds():
    a, b = data.load_kicks(0), data.load_kicks(1)
    assert {k: v[0].shape for k, v in a.items()} == {"train": (2, 80), "dev": (2, 1000),
                                                     "test": (2, 1000)}
    assert not np.array_equal(a["train"][0], b["train"][0])  # a new training set per seed
    for split in ("dev", "test"):  # the same held-out kicks for every seed
        assert np.array_equal(a[split][0], b[split][0]) and np.array_equal(a[split][1],
                                                                           b[split][1])
    swapped = np.mean(data.kicks_frontier_labels(a["dev"][0]) != a["dev"][1])
    assert 0.11 < swapped < 0.19


def test_compare_twice_replaces_instead_of_appending():
    result = lesson.compare({"a": None}, seeds=[0, 1], show=False, iterations=3)
    lesson.compare({"a": None, "b": None}, seeds=[0, 1], into=result, show=False, iterations=3)
    assert [len(result.runs[n]) for n in ("a", "b")] == [2, 2]
    table = result.table(baseline="a")
    assert "mean +- sd over 2 seeds" in table and "+0.0 ± 0.0" in table
