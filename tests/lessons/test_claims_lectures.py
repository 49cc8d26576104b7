"""Every quantitative claim the lecture notebooks make, computed with the same course_lib code
the notebook runs, over at least 5 seeds, and asserted with a margin: an edit that breaks a
lesson fails here.

The claims, by notebook (the test that checks each is named after it):

01 train/dev/test
- a straight line cannot separate two rings, and a tiny learning rate wastes a good network,
  while a moderate network with a sensible learning rate does well  (test_01_ideas)
- 10,000 dev examples measure an accuracy near 90 % to about +-0.3 points, 200 to about +-2
  (test_01_standard_error)
- cutting a file sorted by label puts a single class in the test set; a shuffled split keeps
  the class shares of all three parts close  (test_01_sorted_cut)
- the dev accuracy of the model chosen on that dev set is optimistic: about 2-3 points on
  average, too high in most draws  (test_01_selection_is_optimistic)

02 mismatched distributions
- a dev set from the wrong distribution (web) never picks a better model for the app than the
  app dev set, and is several points worse on average  (test_02_wrong_dev_set_picks_worse)
- the app dev set always picks a model trained with app data; the web dev set picks a web-only
  model in about half the draws  (test_02_what_each_dev_set_picks)
- a web test set reports a much better accuracy than the app's data gets
  (test_02_web_test_flatters)

03 bias and variance
- the small network (logistic regression) has high bias and low variance, and is far better
  than chance  (test_03_small_network_high_bias)
- the big network on 30 examples fits them perfectly and has high variance
  (test_03_big_network_high_variance)
- the moderate network is within a point or two of the Bayes error on both sets
  (test_03_moderate_network_near_bayes)
- learning curves: the small network's dev error stops improving, close to its training error
  and far above the Bayes error; the big network's gap closes from about 19 to about 2 points
  and its dev error falls as data grows  (test_03_learning_curves)
- training error never falls as lambd grows and rises from 0 to 3 in every run; a moderate
  lambd lowers the mean dev error a little (under a point) and gives the big network a dev
  error no worse than the small network's; lambd = 3 is too much  (test_03_lambd_sweep)

04 data augmentation
- augmentation lowers the dev error by about 4-5 points on average and never raises it
  (test_04_augmentation_helps)
- flips hurt in every run  (test_04_flips_hurt)
- new independent images beat augmented copies in every run, by about 3 points on average
  (test_04_new_data_beats_augmentation)

05 early stopping
- the lowest dev cost comes well before the end (in the first fifth of the run), after which
  the dev cost rises while the training cost keeps falling  (test_05_dev_minimum_is_early)
- the stopped network's weights are far smaller than those trained to the end, and its test
  accuracy is at least as good  (test_05_stopping_regularizes)
- with lambd = 3, L2's dev cost no longer turns up, its test accuracy is within about a point
  of early stopping's, and its weights are small too  (test_05_l2_matches_early_stopping)
- lambd = 0.3, and sometimes lambd = 1, still turn up a little on some seeds, lambd = 3 on none
  (test_05_weaker_l2_turns_up)
"""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.core import data, nn
from course_lib.lessons import bias_variance as bv
from course_lib.lessons import data_augmentation as augment
from course_lib.lessons import early_stopping as es
from course_lib.lessons import mismatched_distributions as mm
from course_lib.lessons import train_dev_test as splits

SEEDS = range(5)


# --- 01 ---------------------------------------------------------------------------------------

@pytest.mark.xdist_group("claims-01")
def test_01_ideas():
    for seed in range(1, 6):
        results = splits.try_ideas(seed)
        dev = {(idea["layers_dims"], idea["learning_rate"]): dv for idea, _, dv in results}
        line, slow = dev[(2, 1), 0.5], dev[(2, 10, 5, 1), 0.005]
        good = dev[(2, 10, 5, 1), 0.5]
        assert line < 0.7 and slow < 0.7, (seed, line, slow)
        assert good > 0.9 and good - max(line, slow) > 0.25, (seed, good)


def test_01_standard_error():
    assert splits.standard_error(0.9, 10_000) == pytest.approx(0.3, abs=0.01)
    assert splits.standard_error(0.9, 200) == pytest.approx(2.1, abs=0.05)
    for seed in SEEDS:  # the formula agrees with simulated dev sets
        scores = np.random.default_rng(seed).binomial(10_000, 0.9, size=4000) / 100
        assert np.std(scores) == pytest.approx(0.3, rel=0.1)


def test_01_sorted_cut():
    for seed in SEEDS:
        X, Y = data.make_wavy(1000, rng=np.random.default_rng(seed))
        order = np.argsort(Y[0], kind="stable")
        X_sorted, Y_sorted = X[:, order], Y[:, order]
        test_size = splits.split_sizes(1000, splits.CLASSICAL)[2]
        assert np.unique(Y_sorted[:, -test_size:]).size == 1
        parts = splits.split(X_sorted, Y_sorted, splits.CLASSICAL, np.random.default_rng(seed))
        for _, Y_part in parts:
            assert abs(Y_part.mean() - Y.mean()) < 0.08, (seed, Y_part.mean(), Y.mean())


@pytest.mark.xdist_group("claims-01")
def test_01_selection_is_optimistic():
    for seed in SEEDS:
        optimism = splits.selection_optimism(seed)
        assert 1.5 < optimism.mean() < 4.0, (seed, optimism.mean())
        assert np.mean(optimism > 0) > 0.7, (seed, np.mean(optimism > 0))


# --- 02 ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def mismatched():
    return [mm.candidates(data.load_mismatched(seed))[1] for seed in SEEDS]


@pytest.mark.xdist_group("claims-02")
def test_02_wrong_dev_set_picks_worse(mismatched):
    gains = []
    for scores in mismatched:
        by_web, by_app = mm.pick(scores, "web_dev"), mm.pick(scores, "app_dev")
        gains.append(scores[by_app]["app_test"] - scores[by_web]["app_test"])
    assert min(gains) > -0.005, gains
    assert np.mean(gains) > 0.03, gains


@pytest.mark.xdist_group("claims-02")
def test_02_what_each_dev_set_picks(mismatched):
    web_only = 0
    for scores in mismatched:
        assert mm.pick(scores, "app_dev").startswith("web + app"), scores
        web_only += mm.pick(scores, "web_dev").startswith("web only")
    assert 2 <= web_only <= 4, web_only


@pytest.mark.xdist_group("claims-02")
def test_02_web_test_flatters(mismatched):
    for scores in mismatched:
        chosen = scores[mm.pick(scores, "web_dev")]
        assert chosen["web_test"] - chosen["app_test"] > 0.02, chosen


# --- 03 ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def regimes():
    out = []
    for seed in SEEDS:
        sets = bv.field_sets(seed)
        out.append({m.name: bv.run(m, sets, seed) for m in (bv.SMALL, bv.MODERATE, bv.BIG_ON_30)}
                   | {"bayes": sets[4]})
    return out


@pytest.mark.xdist_group("claims-03")
def test_03_small_network_high_bias(regimes):
    for runs in regimes:
        r = runs[bv.SMALL.name]
        assert r.diagnosis.regime == "high bias", (r.train_error, r.dev_error)
        assert r.diagnosis.avoidable_bias > 0.05 and abs(r.diagnosis.variance) < 0.02
        assert r.dev_error < 0.2  # far better than a coin


@pytest.mark.xdist_group("claims-03")
def test_03_big_network_high_variance(regimes):
    for runs in regimes:
        r = runs[bv.BIG_ON_30.name]
        assert r.diagnosis.regime == "high variance"
        assert r.train_error <= 0.04 and r.dev_error - r.train_error > 0.08


@pytest.mark.xdist_group("claims-03")
def test_03_moderate_network_near_bayes(regimes):
    for runs in regimes:
        r = runs[bv.MODERATE.name]
        assert r.train_error - runs["bayes"] < 0.025 and r.dev_error - runs["bayes"] < 0.035


@pytest.mark.xdist_group("claims-03")
def test_03_learning_curves():
    sizes = [25, 50, 100, 200, 400]
    small = bv.learning_curves(bv.SMALL, sizes, SEEDS)
    big = bv.learning_curves(bv.BIG, sizes, SEEDS)
    s_dev, s_gap = small.dev_error.mean(0), (small.dev_error - small.train_error).mean(0)
    assert abs(s_dev[-1] - s_dev[2]) < 0.015  # flat from 100 examples on
    assert s_gap[-1] < 0.02 and s_dev[-1] - small.bayes.mean() > 0.05
    b_dev, b_gap = big.dev_error.mean(0), (big.dev_error - big.train_error).mean(0)
    assert b_gap[0] > 0.15 and b_gap[-1] < 0.03, b_gap
    assert np.all(np.diff(b_dev) < 0.005) and b_dev[0] - b_dev[-1] > 0.05, b_dev


@pytest.mark.xdist_group("claims-03")
def test_03_lambd_sweep():
    lambds = [0, 0.3, 1, 3]
    big_train, big_dev = bv.lambd_sweep(bv.BIG_100, lambds, SEEDS)
    _, small_dev = bv.lambd_sweep(bv.SMALL_100, [0], SEEDS)
    assert np.all(np.diff(big_train, axis=1) >= 0), big_train  # never falls, in any run
    assert np.all(big_train[:, -1] - big_train[:, 0] >= 0.02), big_train  # rises 0 -> 3
    mean_dev = big_dev.mean(0)
    assert 0 < mean_dev[0] - min(mean_dev[1], mean_dev[2]) < 0.015, mean_dev  # falls a little
    assert max(mean_dev[1], mean_dev[2]) <= small_dev.mean(), (mean_dev, small_dev.mean())
    assert mean_dev[3] - mean_dev.min() > 0.01, mean_dev


# --- 04 ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def augmentation():
    runs = [augment.experiment(seed) for seed in range(10)]
    return {name: 100 * np.array([r[name] for r in runs]) for name in augment.CONDITIONS}


@pytest.mark.xdist_group("claims-04")
def test_04_augmentation_helps(augmentation):
    gain = augmentation["originals only"] - augmentation["+ augmented copies"]
    assert gain.min() > -0.5 and 2.5 < gain.mean() < 7.0, gain


@pytest.mark.xdist_group("claims-04")
def test_04_flips_hurt(augmentation):
    harm = augmentation["+ augmented, with flips"] - augmentation["+ augmented copies"]
    assert harm.min() > 1.5 and harm.mean() > 5.0, harm


@pytest.mark.xdist_group("claims-04")
def test_04_new_data_beats_augmentation(augmentation):
    edge = augmentation["+ augmented copies"] - augmentation["+ new images"]
    assert edge.min() > 0 and 1.5 < edge.mean() < 4.5 and edge.max() < 6.0, edge


# --- 05 ---------------------------------------------------------------------------------------

L2_LAMBDS = (0.3, 1.0, 3.0)


@pytest.fixture(scope="module")
def stopping():
    out = []
    for seed in SEEDS:
        sets, start = es.wavy_sets(seed), es.start(seed)
        out.append((sets, es.long_run(sets, start), es.l2_runs(sets, start, L2_LAMBDS)))
    return out


def _test_accuracy(sets, parameters):
    return nn.accuracy(*sets["test"], parameters, nn.deep_forward)


@pytest.mark.xdist_group("claims-05")
def test_05_dev_minimum_is_early(stopping):
    for _, run, _ in stopping:
        h = run.history
        assert h.best_iteration <= es.SETTINGS["num_iterations"] / 5, h.best_iteration
        assert h.dev_cost[-1] - min(h.dev_cost) > 0.02
        assert h.train_cost[-1] < h.train_cost[h.iterations.index(h.best_iteration)] - 0.02


@pytest.mark.xdist_group("claims-05")
def test_05_stopping_regularizes(stopping):
    gains = []
    for sets, run, _ in stopping:
        best = run.history.best_parameters
        assert es.weight_norm(best) < 0.6 * es.weight_norm(run.final)
        gains.append(_test_accuracy(sets, best) - _test_accuracy(sets, run.final))
    assert min(gains) > -0.005 and np.mean(gains) > 0.01, gains


@pytest.mark.xdist_group("claims-05")
def test_05_l2_matches_early_stopping(stopping):
    for sets, run, l2 in stopping:
        l2_params, l2_history = l2[3.0]
        assert l2_history.dev_cost[-1] - min(l2_history.dev_cost) < 0.005
        stopped = _test_accuracy(sets, run.history.best_parameters)
        assert abs(_test_accuracy(sets, l2_params) - stopped) < 0.015
        assert es.weight_norm(l2_params) < 0.5 * es.weight_norm(run.final)


def _turn_up(history):
    return history.dev_cost[-1] - min(history.dev_cost)


@pytest.mark.xdist_group("claims-05")
def test_05_weaker_l2_turns_up(stopping):
    turns = {lambd: [_turn_up(l2[lambd][1]) for _, _, l2 in stopping] for lambd in L2_LAMBDS}
    assert sum(t > 0.02 for t in turns[0.3]) >= 2, turns
    assert sum(t > 0.01 for t in turns[1.0]) >= 1, turns
    assert max(turns[3.0]) < 0.005, turns
