"""Datasets of the course, generated with numpy: deterministic, no downloads.

Every function takes an explicit ``np.random.Generator`` (or a seed) and returns data in the
course's column-major layout: ``X`` has shape ``(n_x, m)`` and ``Y`` shape ``(1, m)``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["as_rng", "make_circles", "make_field", "load_circles", "load_field",
           "make_wavy", "make_wavy_app", "load_mismatched", "make_kicks", "load_kicks",
           "kicks_frontier", "kicks_frontier_labels"]


def as_rng(rng: np.random.Generator | int | None) -> np.random.Generator:
    """Return ``rng`` itself, or a new generator seeded with it (an int or None)."""
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(rng)


def make_circles(m: int, *, noise: float = 0.1, factor: float = 0.6,
                 rng: np.random.Generator | int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric noisy circles: the outer ring is class 0, the inner ring class 1.

    Returns ``X`` of shape ``(2, m)`` and ``Y`` of shape ``(1, m)`` (floats 0.0 / 1.0).
    """
    rng = as_rng(rng)
    m_inner = m // 2
    labels = np.zeros(m)
    labels[:m_inner] = 1.0
    angles = rng.uniform(0.0, 2.0 * np.pi, size=m)
    radius = np.where(labels == 1.0, factor, 1.0)
    X = np.vstack([radius * np.cos(angles), radius * np.sin(angles)])
    X = X + rng.normal(0.0, noise, size=X.shape)
    order = rng.permutation(m)
    return X[:, order], labels[order].reshape(1, m)


#: Half-width of the square field, and the share of labels swapped in the course's field set.
FIELD_HALF_WIDTH = 1.5
FIELD_FLIP = 0.1
#: How far from the frontier swapped labels reach (larger: more isolated "islands").
FIELD_SWAP_REACH = 1.0


def _field_boundary(x1: np.ndarray) -> np.ndarray:
    """The true frontier of the field set: a wavy curve x2 = f(x1)."""
    return 0.9 * np.sin(2.0 * x1) + 0.2 * x1


def _noisy_labels(gap: np.ndarray, flip: float, reach: float, rng: np.random.Generator
                  ) -> np.ndarray:
    """Labels ``(1, m)``: 1 where ``gap > 0`` (above the frontier), else 0, with a share
    ``flip`` swapped, mostly within about ``reach`` of the frontier, as a noisy referee would."""
    Y = (gap > 0).astype(float)
    near = np.exp(-np.abs(gap) / reach)
    swap = rng.uniform(size=gap.size) < flip * near / near.mean()
    Y[swap] = 1.0 - Y[swap]
    return Y.reshape(1, gap.size)


def make_field(m: int, *, flip: float = 0.08, rng: np.random.Generator | int | None = 0
               ) -> tuple[np.ndarray, np.ndarray]:
    """A 2-D "football field": where the keeper's kick lands, and whose player heads it.

    Points are uniform on ``[-1.5, 1.5] x [-1.5, 1.5]``; label 1 (our players) above a wavy
    frontier, 0 below, and a share ``flip`` of labels swapped, more often near the frontier but
    also far from it. The swapped points make a large network overfit: it bends its boundary
    around them and grows islands.

    Returns ``X`` of shape ``(2, m)`` and ``Y`` of shape ``(1, m)``.
    """
    rng = as_rng(rng)
    X = rng.uniform(-FIELD_HALF_WIDTH, FIELD_HALF_WIDTH, size=(2, m))
    return X, _noisy_labels(X[1] - _field_boundary(X[0]), flip, FIELD_SWAP_REACH, rng)


def load_circles(seed: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The initialization assignment's data: 300 training and 100 test points of two circles.

    Returns ``(train_X, train_Y, test_X, test_Y)`` with shapes ``(2, 300), (1, 300), (2, 100),
    (1, 100)``.
    """
    rng = np.random.default_rng(seed)
    train_X, train_Y = make_circles(300, rng=rng)
    test_X, test_Y = make_circles(100, rng=rng)
    return train_X, train_Y, test_X, test_Y


def load_field(seed: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The regularization and dropout data: 150 training and 300 dev points of the field, with
    ``FIELD_FLIP`` of the labels swapped in both.

    Returns ``(train_X, train_Y, dev_X, dev_Y)`` with shapes ``(2, 150), (1, 150), (2, 300),
    (1, 300)``.
    """
    rng = np.random.default_rng(seed)
    train_X, train_Y = make_field(150, flip=FIELD_FLIP, rng=rng)
    dev_X, dev_Y = make_field(300, flip=FIELD_FLIP, rng=rng)
    return train_X, train_Y, dev_X, dev_Y


def _wavy_frontier(x1: np.ndarray) -> np.ndarray:
    """The frontier of :func:`make_wavy`: x2 = 0.25 sin(3.2 x1) + 0.1 x1."""
    return 0.25 * np.sin(3.2 * x1) + 0.1 * x1


def make_wavy(m: int, *, flip: float = 0.08, reach: float = 0.15,
              rng: np.random.Generator | int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """A small 2-D set of the lecture notebooks, fixed so they do not move when the
    assignments' sets are tuned: points uniform on ``[-0.75, 0.75] x [-0.75, 0.75]``, label 1
    above the wavy frontier :func:`_wavy_frontier`, 0 below, and a share ``flip`` of labels
    swapped, mostly within about ``reach`` of the frontier (a large ``reach`` spreads the
    swapped labels over the whole square, which invites overfitting).

    Returns ``X`` of shape ``(2, m)`` and ``Y`` of shape ``(1, m)``.
    """
    rng = as_rng(rng)
    X = rng.uniform(-0.75, 0.75, size=(2, m))
    return X, _noisy_labels(X[1] - _wavy_frontier(X[0]), flip, reach, rng)


def make_wavy_app(m: int, *, lift: float = 0.2, flip: float = 0.03,
                   rng: np.random.Generator | int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """The "app" distribution of the mismatched-distributions lesson, a *different
    distribution* from :func:`make_wavy` (the "web" data).

    The app's users film mostly the right half of the pitch and beyond (``x1`` uniform on
    ``[-0.2, 1.4]``), and their cameras report positions ``lift`` too low, so in these
    coordinates the frontier sits ``lift`` below the one of :func:`make_wavy`. A share ``flip``
    of labels, anywhere, is swapped.

    Returns ``X`` of shape ``(2, m)`` and ``Y`` of shape ``(1, m)``.
    """
    rng = as_rng(rng)
    x1 = rng.uniform(-0.2, 1.4, size=m)
    x2 = rng.uniform(-0.75, 0.75, size=m)
    Y = (x2 - _wavy_frontier(x1) + lift > 0).astype(float)
    swap = rng.uniform(size=m) < flip
    Y[swap] = 1.0 - Y[swap]
    return np.vstack([x1, x2]), Y.reshape(1, m)


def load_mismatched(seed: int = 0) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Data of the mismatched-distributions lesson: plenty of "web" data (:func:`make_wavy`)
    and a little "app" data (:func:`make_wavy_app`), the distribution we care about.

    Returns a dict of ``(X, Y)`` pairs: ``"web_train"`` 600, ``"web_dev"`` 300,
    ``"app_train"`` 200, ``"app_dev"`` 300, ``"app_test"`` 300 and ``"web_test"`` 300
    examples.
    """
    rng = np.random.default_rng(seed)
    return {
        "web_train": make_wavy(600, flip=0.05, rng=rng),
        "web_dev": make_wavy(300, flip=0.05, rng=rng),
        "app_train": make_wavy_app(200, rng=rng),
        "app_dev": make_wavy_app(300, rng=rng),
        "app_test": make_wavy_app(300, rng=rng),
        "web_test": make_wavy(300, flip=0.05, rng=rng),
    }


#: The kicks set: share of labels swapped (anywhere on the field), and sizes of its splits.
KICKS_FLIP = 0.15
KICKS_SIZES = {"train": 80, "dev": 1000, "test": 1000}


def kicks_frontier(x1: np.ndarray) -> np.ndarray:
    """The true frontier of :func:`make_kicks`: x2 = 0.6 sin(2 x1)."""
    return 0.6 * np.sin(2.0 * x1)


def make_kicks(m: int, *, flip: float = KICKS_FLIP, rng: np.random.Generator | int | None = 0
               ) -> tuple[np.ndarray, np.ndarray]:
    """The regularization and dropout field: points uniform on ``[-1.5, 1.5] x [-1.5, 1.5]``,
    label 1 above the frontier x2 = 0.6 sin(2 x1), 0 below, and a share ``flip`` of labels
    swapped almost anywhere on the field (not only near the frontier), so that a large network
    trained on few points grows islands around them.

    Returns ``X`` of shape ``(2, m)`` and ``Y`` of shape ``(1, m)``.
    """
    rng = as_rng(rng)
    X = rng.uniform(-FIELD_HALF_WIDTH, FIELD_HALF_WIDTH, size=(2, m))
    return X, _noisy_labels(X[1] - kicks_frontier(X[0]), flip, 3.0, rng)


def kicks_frontier_labels(X: np.ndarray) -> np.ndarray:
    """Labels ``(1, m)`` of the true frontier of :func:`make_kicks` (no label swapped): the best
    any model can predict on this field."""
    return (X[1] - kicks_frontier(X[0]) > 0).astype(float).reshape(1, X.shape[1])


def load_kicks(seed: int = 0) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The regularization and dropout data: a small training set of 80 kicks drawn with
    ``seed``, and large dev and test sets (1000 kicks each, the same for every seed) so that
    accuracies are measured to about a point.

    Returns ``{"train": (X, Y), "dev": (X, Y), "test": (X, Y)}``, ``X (2, m)``, ``Y (1, m)``.
    """
    held_out = np.random.default_rng(10_000)
    return {"train": make_kicks(KICKS_SIZES["train"], rng=np.random.default_rng(seed)),
            "dev": make_kicks(KICKS_SIZES["dev"], rng=held_out),
            "test": make_kicks(KICKS_SIZES["test"], rng=held_out)}
