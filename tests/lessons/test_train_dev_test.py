"""The split helper: disjoint, complete, reproducible, faithful to the ratios, pairs kept."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.lessons import train_dev_test as splits


def ids_split(m, ratios, seed=0):
    ids = np.arange(m).reshape(1, m)
    return [p[0].ravel() for p in splits.split(ids, ids, ratios, np.random.default_rng(seed))]


@pytest.mark.parametrize("m,ratios", [(1000, splits.CLASSICAL), (1000, splits.BIG_DATA),
                                      (10_000, splits.HUGE_DATA), (7, (0.6, 0.2, 0.2)),
                                      (101, (0.8, 0.2)), (3, (0.5, 0.5))])
def test_no_overlap_and_covers_all(m, ratios):
    parts = ids_split(m, ratios)
    assert len(parts) == len(ratios)
    joined = np.concatenate(parts)
    assert len(joined) == m
    assert len(np.unique(joined)) == m  # no example twice
    assert set(joined.tolist()) == set(range(m))  # every example once


@pytest.mark.parametrize("m,ratios,expected", [
    (1000, splits.CLASSICAL, [600, 200, 200]),
    (1000, splits.BIG_DATA, [980, 10, 10]),
    (1_000_000, splits.BIG_DATA, [980_000, 10_000, 10_000]),
    (1_000_000, splits.HUGE_DATA, [995_000, 2_500, 2_500]),
    (10, (0.6, 0.2, 0.2), [6, 2, 2]),
    (7, (0.6, 0.2, 0.2), [4, 2, 1]),  # largest remainders, ties to the earlier part
    (11, (0.5, 0.5), [6, 5]),
    (0, splits.CLASSICAL, [0, 0, 0]),
])
def test_sizes(m, ratios, expected):
    assert splits.split_sizes(m, ratios) == expected
    assert [len(p) for p in ids_split(m, ratios)] == expected


def test_sizes_close_to_ratios_for_many_m():
    for m in range(0, 500, 7):
        sizes = splits.split_sizes(m, (0.7, 0.15, 0.15))
        assert sum(sizes) == m
        assert all(abs(s - r * m) < 1 for s, r in zip(sizes, (0.7, 0.15, 0.15), strict=True))


def test_reproducible_and_seed_dependent():
    a, b = ids_split(500, splits.CLASSICAL, 3), ids_split(500, splits.CLASSICAL, 3)
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    c = ids_split(500, splits.CLASSICAL, 4)
    assert not np.array_equal(a[1], c[1])


def test_shuffled_not_a_plain_cut():
    train, dev, test = ids_split(1000, splits.CLASSICAL)
    assert not np.array_equal(np.sort(train), np.arange(600))
    # A sorted-by-label set gets both labels in every part.
    Y = np.r_[np.zeros(500), np.ones(500)].reshape(1, -1)
    X = np.arange(1000).reshape(1, -1)
    for _, Yp in splits.split(X, Y, splits.CLASSICAL, np.random.default_rng(0)):
        assert 0.3 < Yp.mean() < 0.7


def test_columns_stay_paired_and_shapes():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(3, 50))
    Y = X[:1] * 10  # Y is a function of the column, so pairing can be checked
    parts = splits.split(X, Y, (0.6, 0.2, 0.2), np.random.default_rng(2))
    for Xp, Yp in parts:
        assert Xp.shape[0] == 3 and Yp.shape[0] == 1 and Xp.shape[1] == Yp.shape[1]
        np.testing.assert_array_equal(Yp, Xp[:1] * 10)


def test_works_on_image_stacks_with_examples_last():
    X = np.arange(4 * 4 * 10).reshape(4, 4, 10)
    Y = np.arange(10).reshape(1, 10)
    parts = splits.split(X, Y, (0.5, 0.5), np.random.default_rng(0))
    for Xp, Yp in parts:
        np.testing.assert_array_equal(Xp[0, 0], Yp[0])


def test_does_not_use_global_random_state():
    np.random.seed(0)
    before = np.random.get_state()[1].copy()
    ids_split(100, splits.CLASSICAL)
    assert np.array_equal(np.random.get_state()[1], before)


@pytest.mark.parametrize("ratios", [(0.6, 0.2, 0.1), (0.7, 0.4), (1.2, -0.2), (), (np.nan, 1)])
def test_bad_ratios_raise(ratios):
    with pytest.raises(ValueError):
        splits.split_sizes(100, ratios)


def test_needs_a_generator_and_matching_lengths():
    X, Y = np.zeros((2, 10)), np.zeros((1, 10))
    with pytest.raises(TypeError):
        splits.split(X, Y, splits.CLASSICAL)
    with pytest.raises(TypeError):
        splits.split_indices(10, splits.CLASSICAL, 0)
    with pytest.raises(ValueError):
        splits.split(X, np.zeros((1, 9)), splits.CLASSICAL, np.random.default_rng(0))
