"""Datasets of the course, generated with numpy: deterministic, no downloads.

Every function takes an explicit ``np.random.Generator`` (or a seed) and returns data in the
course's column-major layout: ``X`` has shape ``(n_x, m)`` and ``Y`` shape ``(1, m)``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["as_rng", "make_circles", "make_field", "load_circles", "load_field",
           "make_field_app", "load_mismatched"]


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


def _field_boundary(x1: np.ndarray) -> np.ndarray:
    """The true frontier of the field set: a wavy curve x2 = f(x1)."""
    return 0.25 * np.sin(3.2 * x1) + 0.1 * x1


def make_field(m: int, *, flip: float = 0.08, rng: np.random.Generator | int | None = 0
               ) -> tuple[np.ndarray, np.ndarray]:
    """A 2-D "football field": where the keeper's kick lands, and whose player heads it.

    Points are uniform on ``[-0.75, 0.75] x [-0.75, 0.75]``; label 1 (our players) above a wavy
    frontier, 0 below, and a share ``flip`` of labels near the frontier swapped. The noisy labels
    make a large network overfit: it bends its boundary around the swapped points.

    Returns ``X`` of shape ``(2, m)`` and ``Y`` of shape ``(1, m)``.
    """
    rng = as_rng(rng)
    X = rng.uniform(-0.75, 0.75, size=(2, m))
    gap = X[1] - _field_boundary(X[0])
    Y = (gap > 0).astype(float)
    # Swap labels, mostly near the frontier, as a noisy referee would.
    near = np.exp(-np.abs(gap) / 0.15)
    swap = rng.uniform(size=m) < flip * near / near.mean()
    Y[swap] = 1.0 - Y[swap]
    return X, Y.reshape(1, m)


def load_circles(seed: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The initialization assignment's data: 300 training and 100 test points of two circles.

    Returns ``(train_X, train_Y, test_X, test_Y)`` with shapes ``(2, 300), (1, 300), (2, 100),
    (1, 100)``.
    """
    rng = np.random.default_rng(seed)
    train_X, train_Y = make_circles(300, rng=rng)
    test_X, test_Y = make_circles(100, rng=rng)
    return train_X, train_Y, test_X, test_Y


def load_field(seed: int = 2) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The regularization and dropout data: 211 training and 200 dev points of the field.

    Returns ``(train_X, train_Y, dev_X, dev_Y)`` with shapes ``(2, 211), (1, 211), (2, 200),
    (1, 200)``.
    """
    rng = np.random.default_rng(seed)
    train_X, train_Y = make_field(211, rng=rng)
    dev_X, dev_Y = make_field(200, rng=rng)
    return train_X, train_Y, dev_X, dev_Y


def make_field_app(m: int, *, lift: float = 0.2, flip: float = 0.03,
                   rng: np.random.Generator | int | None = 0) -> tuple[np.ndarray, np.ndarray]:
    """The field as the app's users record it: a *different distribution* from
    :func:`make_field`.

    Phone cameras in the stands film mostly the right half and a little beyond the touchline
    (``x1`` uniform on ``[-0.2, 1.4]``), and their positions come out ``lift`` too low, so in
    these coordinates the frontier sits ``lift`` below the one of :func:`make_field`. A share
    ``flip`` of labels, anywhere, is swapped.

    Returns ``X`` of shape ``(2, m)`` and ``Y`` of shape ``(1, m)``.
    """
    rng = as_rng(rng)
    x1 = rng.uniform(-0.2, 1.4, size=m)
    x2 = rng.uniform(-0.75, 0.75, size=m)
    Y = (x2 - _field_boundary(x1) + lift > 0).astype(float)
    swap = rng.uniform(size=m) < flip
    Y[swap] = 1.0 - Y[swap]
    return np.vstack([x1, x2]), Y.reshape(1, m)


def load_mismatched(seed: int = 0) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Data of the mismatched-distributions lesson: plenty of "web" data (:func:`make_field`)
    and a little "app" data (:func:`make_field_app`), the distribution we care about.

    Returns a dict of ``(X, Y)`` pairs: ``"web_train"`` 600, ``"web_dev"`` 300,
    ``"app_train"`` 200, ``"app_dev"`` 300, ``"app_test"`` 300 and ``"web_test"`` 300
    examples.
    """
    rng = np.random.default_rng(seed)
    return {
        "web_train": make_field(600, flip=0.05, rng=rng),
        "web_dev": make_field(300, flip=0.05, rng=rng),
        "app_train": make_field_app(200, rng=rng),
        "app_dev": make_field_app(300, rng=rng),
        "app_test": make_field_app(300, rng=rng),
        "web_test": make_field(300, flip=0.05, rng=rng),
    }
