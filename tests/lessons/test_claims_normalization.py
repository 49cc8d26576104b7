"""Every quantitative claim of the normalization notebook's text, recomputed with the code the
notebook runs (``course_lib.lessons.normalization``, ``nn``, the reference solutions standing in
for the student's), over several seeds, with a margin; and the speed of its slider.

Claims (section of the notebook):

- 3 dividing by sigma^2 leaves a spread of 1/sigma (0.25 and 2 for sigma = 4 and 0.5); by sigma,
  1 for every feature; the notebook's sample (seed 0) prints 0.26 and 1.95, 1/sigma of its own
  sigma (3.845 and 0.513);
- 4 dev set of the right-hand points: 100% with the training statistics, 71% (11 of 38 wrong)
  with its own (notebook seed); training statistics beat own statistics on every seed;
- 4 raw inputs (x1 in 253..345): the first cost is huge (infinite for the notebook's start),
  then ln 2 from iteration 100, 50% accuracy, on every seed; the layer-1 units dead at the
  start are exactly those with w1 < 0; layer 2 is entirely dead after the first steps (notebook
  start: [5, 3] dead at the start, [6, 5] after one step);
- 5 the normalized feature tolerates a learning rate ~27 times larger (0.073 vs 2) and needs 2
  iterations instead of ~460 at best: over 200 times fewer; on every seed the rate ratio is
  20-35 and the iteration ratio over 150;
- the learning-rate slider redraws in under 100 ms (median, first visit of each value).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from course_lib.core import data, nn
from course_lib.instructor.reference import normalization as ref
from course_lib.lessons import normalization as contours

pytestmark = pytest.mark.xdist_group("claims-normalization")

SEEDS = range(5)
SCALE, SHIFT = np.array([[40.0], [0.5]]), np.array([[300.0], [-2.0]])
RATES = np.geomspace(1e-3, 2.5, 36)
SLIDER_RATES = [0.001, 0.003, 0.01, 0.03, 0.05, 0.065, 0.07, 0.1, 0.3, 0.6, 1.0, 1.5, 1.9, 2.05]


def test_sigma_squared_leaves_one_over_sigma():
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        X = np.vstack([rng.normal(6.0, 4.0, 200), rng.normal(3.0, 0.5, 200)])
        mu, sigma = ref.compute_normalization_parameters(X)
        notes = (X - mu) / sigma ** 2
        assert np.allclose(notes.std(axis=1), 1 / sigma.ravel())
        assert notes[0].std() == pytest.approx(0.25, rel=0.1)
        assert notes[1].std() == pytest.approx(2.0, rel=0.15)
        assert np.allclose(ref.normalize_inputs(X, mu, sigma).std(axis=1), 1.0)


def test_the_printed_spreads_of_the_notebook_sample():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(6.0, 4.0, 200), rng.normal(3.0, 0.5, 200)])
    mu, sigma = ref.compute_normalization_parameters(X)
    # as the notebook prints them (raw line: std of x1, x2; notes line: the same after / sigma^2)
    assert [f"{s:.3f}" for s in X.std(axis=1)] == ["3.845", "0.513"]
    assert [f"{s:.3f}" for s in ((X - mu) / sigma ** 2).std(axis=1)] == ["0.260", "1.951"]


@pytest.fixture(scope="module")
def rings():
    train_X, train_Y, test_X, test_Y = data.load_circles()
    raw_train, raw_test = train_X * SCALE + SHIFT, test_X * SCALE + SHIFT
    right = test_X[0] > 0.3
    return raw_train, train_Y, raw_test[:, right], test_Y[:, right]


def test_dev_set_needs_the_training_statistics(rings):
    raw_train, train_Y, raw_dev, dev_Y = rings
    train_n, dev_n, _, _, _ = ref.normalize_splits(raw_train, raw_dev, raw_dev)
    dev_own = ref.normalize_inputs(raw_dev, *ref.compute_normalization_parameters(raw_dev))
    for seed in [3, *SEEDS]:  # 3 is the notebook's
        start = nn.initialize_parameters([2, 10, 5, 1], np.random.default_rng(seed))
        trained, _ = nn.train(train_n, train_Y, start, learning_rate=0.3, num_iterations=1000,
                              record_every=1000)
        with_train = nn.accuracy(dev_n, dev_Y, trained)
        with_own = nn.accuracy(dev_own, dev_Y, trained)
        assert with_train >= 0.95 and with_train - with_own > 0.15, seed
        if seed == 3:
            assert dev_Y.shape[1] == 38 and with_train == 1.0
            assert round(with_own * 38) == 27  # 11 of 38 wrong


def test_raw_inputs_kill_the_relu_units(rings):
    raw_train, train_Y, _, _ = rings
    assert 253 < raw_train[0].min() and raw_train[0].max() < 345
    for seed in [3, *SEEDS]:
        start = nn.initialize_parameters([2, 10, 5, 1], np.random.default_rng(seed))
        trained, history = nn.train(raw_train, train_Y, start, learning_rate=0.01,
                                    num_iterations=300, record_every=100)
        assert history.train_cost[0] > 10, seed
        assert np.allclose(history.train_cost[1:], math.log(2), atol=1e-4), seed
        assert nn.accuracy(raw_train, train_Y, trained) == 0.5
        dead_at_start = np.all(start["W1"] @ raw_train <= 0, axis=1)
        assert np.array_equal(dead_at_start, start["W1"][:, 0] < 0), seed
        assert contours.dead_units(trained, raw_train)[1] >= 4, seed
        if seed == 3:
            assert history.train_cost[0] == math.inf
            one, _ = nn.train(raw_train, train_Y, start, learning_rate=0.01, num_iterations=1,
                              record_every=1)
            assert contours.dead_units(start, raw_train) == [5, 3]
            assert contours.dead_units(one, raw_train) == [6, 5]


def test_normalized_feature_allows_larger_rates_and_fewer_iterations():
    for seed in [1, *SEEDS]:  # 1 is the notebook's
        x_raw, y = contours.make_regression(100, np.random.default_rng(seed))
        x_norm = ref.normalize_inputs(x_raw, *ref.compute_normalization_parameters(x_raw))
        raw_rate, norm_rate = (contours.largest_stable_rate(x) for x in (x_raw, x_norm))
        raw_best, _ = contours.best_iterations(x_raw, y, RATES)
        norm_best, _ = contours.best_iterations(x_norm, y, RATES)
        assert norm_rate == pytest.approx(2.0)
        assert 20 < norm_rate / raw_rate < 35, seed
        assert norm_best <= 3 and raw_best / norm_best > 150, seed
        if seed == 1:
            assert round(norm_rate / raw_rate) == 27 and raw_rate == pytest.approx(0.073, abs=5e-4)
            assert (raw_best, norm_best) == (460, 2)


def slider():
    rng = np.random.default_rng(1)
    x_raw, y = contours.make_regression(100, rng)
    x_norm = ref.normalize_inputs(x_raw, *ref.compute_normalization_parameters(x_raw))
    sets = {"raw x": x_raw, "normalized x": x_norm}
    windows = {}
    for name, x in sets.items():
        w_opt, b_opt = contours.optimum(x, y)
        half_w, half_b = (3, 6) if name == "raw x" else (4.5, 4.5)
        windows[name] = ((w_opt - half_w, w_opt + half_w), (b_opt - half_b, b_opt + half_b))
    starts = {name: (w[0] + 0.5, b[1] - 1.0) for name, (w, b) in windows.items()}
    return contours.learning_rate_explorer(sets, y, windows, starts, SLIDER_RATES, initial=0.05)


def test_slider_redraws_within_100_ms_on_first_visit():
    explorer = slider()
    for rate in SLIDER_RATES:  # every value visited once, as a student sweeping the slider
        assert explorer.set(learning_rate=rate)[:4] == b"\x89PNG"
    assert np.median(explorer.latencies) < 0.1
    width = int.from_bytes(explorer.frame()[16:20], "big")  # PNG header: width in pixels
    assert width <= 900

