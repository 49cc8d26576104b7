"""Every quantitative claim of the initialization notebook's text, recomputed with the code the
notebook runs (``course_lib.lessons.initialization``, ``nn``, the reference initializers standing
in for the student's), over several seeds, with a margin.

Claims (section of the notebook):

- 2 zero init: the cost stays at ln 2, every parameter stays exactly 0, accuracy 50% (chance);
- 2 constant init 0.5: the cost falls (2.03 -> 0.575) but the units of a layer stay identical
  (difference ~1e-16), a straight boundary: 66% train;
- 3 large random: the first cost is infinite (every seed); the first step moves W3 by more than
  25% of its size (136% for the notebook's seed), He's by < 10% (6% for the notebook's seed);
  notebook seed: plateau at 0.6471 from iteration 100, dead units [0, 1] -> [2, 3] after one
  step -> [2, 4], 56%; at learning rate 0.05: 84% test, dead [0, 3];
  over ten seeds: mean test accuracy 65% at 0.2, 77% at 0.05;
- 4-6 He and Xavier on the small network: 99% train, 95% test (notebook seed), >= 92% test on
  every seed;
- 7 depth: randn * 0.01 vanishes (1e-35, gradients 1e-36), randn * 1 explodes (1e25), He keeps
  ReLU activations and gradients within a factor 2-3 over 30 layers, Xavier on ReLU shrinks by
  ~(1/sqrt 2)^29 = 4e-5; tanh: Xavier falls 0.62 -> ~0.14 with gradients several times
  smaller at layer 1 (4x in the notebook),
  Xavier * 5/3 stays near 0.65, He holds up; gradients grow back to layer 1 by ~4 (He) and ~15
  (5/3);
- 3 float64 sigmoid: exactly 1 past Z = 37, exactly 0 only past Z = -745.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from course_lib.core import data, nn
from course_lib.instructor.reference import initialization as ref
from course_lib.lessons import initialization as lesson

pytestmark = pytest.mark.xdist_group("claims-initialization")

DIMS = [2, 10, 5, 1]
SEEDS = range(5)
TEN_SEEDS = range(10)


@pytest.fixture(scope="module")
def circles():
    return data.load_circles()


def start(init, seed):
    np.random.seed(seed)
    return init(DIMS)


def accuracies(parameters, circles):
    train_X, train_Y, test_X, test_Y = circles
    return (nn.accuracy(train_X, train_Y, parameters), nn.accuracy(test_X, test_Y, parameters))


@pytest.fixture(scope="module")
def large_random(circles):
    """Large random starts of ten seeds trained at 0.2 and 0.05, as the notebook trains them."""
    X, Y = circles[:2]
    runs = {}
    for seed in TEN_SEEDS:
        p0 = start(ref.initialize_parameters_random, seed)
        for rate in (0.2, 0.05):
            trained, history = lesson.train_three_layer(X, Y, p0, learning_rate=rate)
            runs[seed, rate] = (p0, trained, history, accuracies(trained, circles))
    return runs


# --- 2. zeros and a constant ------------------------------------------------------------------

def test_zero_init_stays_exactly_zero_at_chance(circles):
    X, Y = circles[:2]
    trained, history = lesson.train_three_layer(X, Y, ref.initialize_parameters_zeros(DIMS))
    assert all(not v.any() for v in trained.values())
    assert max(abs(c - math.log(2)) for c in history.train_cost) < 1e-12
    assert accuracies(trained, circles) == (0.5, 0.5)


@pytest.mark.parametrize("value", [0.1, 0.25, 0.5, 1.0, 2.0])
def test_constant_init_keeps_units_identical(circles, value):
    X, Y = circles[:2]
    p0 = lesson.constant_weights(ref.initialize_parameters_zeros(DIMS), value)
    trained, history = lesson.train_three_layer(X, Y, p0)
    assert max(lesson.unit_spread(trained)) < 1e-12
    assert not np.allclose(trained["W1"], p0["W1"])  # the weights did move
    train_acc, _ = accuracies(trained, circles)
    assert train_acc < 0.75  # one direction w.x: a straight boundary at best
    if value == 0.5:
        assert history.train_cost[0] == pytest.approx(2.03, abs=0.005)
        assert history.train_cost[-1] == pytest.approx(0.575, abs=0.005)
        assert train_acc == pytest.approx(0.66, abs=0.005)


# --- 3. large random ----------------------------------------------------------------------------

def test_large_random_first_cost_is_infinite_and_first_step_huge(large_random, circles):
    X, Y = circles[:2]
    for seed in TEN_SEEDS:
        p0, _, history, _ = large_random[seed, 0.2]
        assert history.train_cost[0] == math.inf
        assert lesson.first_step_ratio(p0, X, Y)[-1] > 0.25
        he = lesson.first_step_ratio(start(ref.initialize_parameters_he, seed), X, Y)
        assert max(he) < 0.1
        if seed == 3:
            assert max(he) < 0.065  # "6% at most" for the notebook's seed


def test_sigmoid_rounds_to_exactly_one_past_37():
    out = nn.sigmoid(np.array([36.0, 37.0, -37.0, -700.0, -746.0]))
    s = out[0] if isinstance(out, tuple) else out  # (A, cache) or A alone
    assert s[0] < 1.0 and s[1] == 1.0 and s[2] > 0.0 and s[3] > 0.0 and s[4] == 0.0


def test_notebook_seed_stalls_with_dead_units(large_random, circles):
    X, Y = circles[:2]
    p0, trained, history, (train_acc, test_acc) = large_random[3, 0.2]
    assert np.allclose(history.train_cost[1:], 0.6471, atol=5e-5)
    one_step, _ = lesson.train_three_layer(X, Y, p0, num_iterations=1)
    assert lesson.dead_units(p0, X) == [0, 1]
    assert lesson.dead_units(one_step, X) == [2, 3]
    assert lesson.dead_units(trained, X) == [2, 4]
    assert (round(train_acc, 2), round(test_acc, 2)) == (0.56, 0.56)
    assert np.allclose(lesson.first_step_ratio(p0, X, Y), [0.38, 0.24, 1.36], atol=0.01)
    _, slow, _, (_, slow_test) = large_random[3, 0.05]
    assert round(slow_test, 2) == 0.84
    assert lesson.dead_units(slow, X) == [0, 3]


def test_smaller_rate_helps_large_random_on_average(large_random):
    fast = np.mean([large_random[s, 0.2][3][1] for s in TEN_SEEDS])
    slow = np.mean([large_random[s, 0.05][3][1] for s in TEN_SEEDS])
    assert fast == pytest.approx(0.65, abs=0.02)
    assert slow == pytest.approx(0.77, abs=0.02)
    assert slow - fast > 0.05


# --- 4-6. He and Xavier on the small network --------------------------------------------------

@pytest.mark.parametrize("init", [ref.initialize_parameters_he, ref.initialize_parameters_xavier])
def test_he_and_xavier_train_the_small_network(circles, init):
    X, Y = circles[:2]
    for seed in SEEDS:  # seed 3 is the notebook's
        trained, _ = lesson.train_three_layer(X, Y, start(init, seed))
        train_acc, test_acc = accuracies(trained, circles)
        assert train_acc >= 0.97 and test_acc >= 0.92, seed
        if seed == 3:
            assert (round(train_acc, 2), round(test_acc, 2)) == (0.99, 0.95)


# --- 7. signals through 30 layers ---------------------------------------------------------------

SPREAD_INITS = {
    ("relu", "0.01"): lesson.with_gain(ref.initialize_parameters_random, 0.001),
    ("relu", "1"): lesson.with_gain(ref.initialize_parameters_random, 0.1),
    ("relu", "xavier"): ref.initialize_parameters_xavier,
    ("relu", "he"): ref.initialize_parameters_he,
    ("tanh", "xavier"): ref.initialize_parameters_xavier,
    ("tanh", "5/3"): lesson.with_gain(ref.initialize_parameters_xavier, 5 / 3),
    ("tanh", "he"): ref.initialize_parameters_he,
}


def spreads(seed):
    """The notebook's spread cell with seed ``seed`` (the notebook uses 0)."""
    np.random.seed(seed)
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((100, 128))
    return {key: lesson.layer_spread([100] * 31 + [1], init, X, rng, activation=key[0])
            for key, init in SPREAD_INITS.items()}


@pytest.fixture(scope="module")
def spread_runs():
    return {seed: spreads(seed) for seed in SEEDS}


def test_relu_signals_vanish_explode_or_hold(spread_runs):
    for seed, s in spread_runs.items():
        act, grad = s["relu", "0.01"]
        assert act[-1] < 1e-30 and grad[0] < 1e-30, seed
        act, grad = s["relu", "1"]
        assert act[-1] > 1e20 and grad[0] > 1e20, seed
        act, grad = s["relu", "he"]
        assert 1 / 3 < act[-1] / act[0] < 3 and 1 / 3 < grad[0] / grad[-1] < 3, seed
        act, _ = s["relu", "xavier"]
        assert 3e-6 < act[-1] / act[0] < 2e-4, seed  # ~ (1/sqrt 2)^29 = 4.3e-5


def test_tanh_xavier_fades_and_a_gain_holds_it(spread_runs):
    for seed, s in spread_runs.items():
        act, grad = s["tanh", "xavier"]
        assert act[0] == pytest.approx(0.62, abs=0.03) and 0.08 < act[-1] < 0.2, seed
        assert 2 < grad[-1] / grad[0] < 15, seed  # "several times smaller at layer 1"
        act, grad = s["tanh", "5/3"]
        assert 0.6 < act[-1] < 0.72 and act[-1] / act[0] > 0.8, seed  # flat near 0.65
        assert 7 < grad[0] / grad[-1] < 30, seed  # grows by ~15 back to layer 1
        act, grad = s["tanh", "he"]
        assert act[-1] > 0.45, seed
        assert 2 < grad[0] / grad[-1] < 8, seed  # grows by ~4


def test_notebook_spread_numbers(spread_runs):
    s = spread_runs[0]
    assert s["relu", "0.01"][0][-1] == pytest.approx(2e-35, rel=0.5)
    assert s["relu", "0.01"][1][0] == pytest.approx(2.4e-36, rel=0.5)
    assert s["relu", "xavier"][0][-1] / s["relu", "xavier"][0][0] == pytest.approx(1.6e-5, rel=0.3)
    assert s["tanh", "xavier"][0][-1] == pytest.approx(0.14, abs=0.01)


def test_linear_chain_example():
    assert lesson.linear_chain(0.5, 50)[-1] == pytest.approx(8.88e-16, rel=1e-3)
    assert lesson.linear_chain(1.5, 50)[-1] == pytest.approx(6.38e8, rel=1e-3)

