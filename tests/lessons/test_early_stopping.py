"""The early-stopping lesson's helpers: one run in stages equals one long run, and the slider
shows precomputed boundaries (its claims are in test_claims_lectures.py)."""

from __future__ import annotations

import numpy as np

from course_lib.core import nn
from course_lib.lessons import early_stopping as es


def test_long_run_in_stages_matches_one_run():
    sets, start = es.wavy_sets(0), es.start(0)
    run = es.long_run(sets, start, stages=3)
    assert run.iterations == [0, 1000, 2000, 3000] and run.snapshots[0] is start
    final, h = nn.train(*sets["train"], start, forward=nn.deep_forward,
                        backward=nn.deep_backward, dev=sets["dev"], **es.SETTINGS)
    for k in final:
        np.testing.assert_allclose(run.final[k], final[k], rtol=1e-10, atol=1e-12)
    assert run.history.iterations == h.iterations
    np.testing.assert_allclose(run.history.dev_cost, h.dev_cost, rtol=1e-10)
    assert run.history.best_iteration == h.best_iteration


def test_snapshot_explorer_starts_near_the_best_iteration():
    from course_lib.display import plotting

    sets, start = es.wavy_sets(1), es.start(1)
    run = es.long_run(sets, start)
    ex = es.snapshot_explorer(sets, run, steps=30)
    best = run.history.best_iteration
    assert abs(ex.key["iteration"] - best) <= 100
    frame = ex.frame()
    assert ex.set(iteration=3000) != frame
    assert not plotting.figure_problems(ex.fig, tight=False)


def test_weight_norm_is_the_l2_quantity():
    params = {"W1": np.ones((2, 3)), "b1": np.ones((2, 1)), "W2": 2 * np.ones((1, 2))}
    assert es.weight_norm(params) == 6 + 8
