"""Train/dev/test splits: shuffled, reproducible, every example in exactly one part.

Data is column-major as everywhere in the course: ``X`` has shape ``(n_x, m)`` and ``Y`` shape
``(1, m)``; any array whose *last* axis indexes the ``m`` examples can be split the same way.
Randomness comes from an explicit ``np.random.Generator`` so the same generator state gives the
same split.

    rng = np.random.default_rng(0)
    (X_train, Y_train), (X_dev, Y_dev), (X_test, Y_test) = split(X, Y, (0.6, 0.2, 0.2), rng)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["CLASSICAL", "BIG_DATA", "HUGE_DATA", "split_sizes", "split_indices", "split"]

CLASSICAL = (0.6, 0.2, 0.2)        # 100 - 10,000 examples
BIG_DATA = (0.98, 0.01, 0.01)      # around 1,000,000 examples
HUGE_DATA = (0.995, 0.0025, 0.0025)  # several million examples


def split_sizes(m: int, ratios: Sequence[float]) -> list[int]:
    """How many of ``m`` examples go to each part for ``ratios`` (non-negative, summing to 1).

    Sizes are ``floor(ratio * m)``, and the few examples left over go, one each, to the parts
    with the largest remainders (ties to the earlier part), so the sizes always add up to ``m``.
    ``split_sizes(1000, (0.98, 0.01, 0.01)) == [980, 10, 10]``.
    """
    m = int(m)
    if m < 0:
        raise ValueError(f"m must be >= 0, got {m}")
    r = np.asarray(ratios, dtype=float)
    if r.ndim != 1 or r.size < 1:
        raise ValueError("ratios must be a non-empty sequence of numbers")
    if np.any(r < 0) or not np.all(np.isfinite(r)):
        raise ValueError(f"ratios must be finite and >= 0, got {list(ratios)}")
    if abs(r.sum() - 1.0) > 1e-6:
        raise ValueError(f"ratios must add up to 1, got {list(ratios)} (sum {r.sum():.6g})")
    exact = r * m
    sizes = np.floor(exact + 1e-9).astype(int)
    left = m - int(sizes.sum())
    # Largest remainders first; a stable sort keeps ties in the order of the parts.
    order = np.argsort(-(exact - sizes), kind="stable")
    sizes[order[:left]] += 1
    return [int(s) for s in sizes]


def split_indices(m: int, ratios: Sequence[float], rng: np.random.Generator
                  ) -> list[np.ndarray]:
    """Shuffle ``range(m)`` with ``rng`` and cut it into parts of :func:`split_sizes`.

    Returns one integer index array per ratio; together they hold every index exactly once.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError("rng must be a np.random.Generator, e.g. np.random.default_rng(0)")
    sizes = split_sizes(m, ratios)
    order = rng.permutation(m)
    cuts = np.cumsum(sizes)[:-1]
    return list(np.split(order, cuts))


def split(X: np.ndarray, Y: np.ndarray, ratios: Sequence[float] = CLASSICAL,
          rng: np.random.Generator | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """Split the ``m`` examples of ``X (n_x, m)`` and ``Y (1, m)`` into shuffled parts.

    Returns ``[(X_part, Y_part), ...]``, one pair per ratio, e.g. train, dev and test for
    ``(0.6, 0.2, 0.2)`` or just train and dev for ``(0.8, 0.2)``. Columns stay paired: the
    ``j``-th column of ``X_part`` and of ``Y_part`` come from the same example. ``rng`` is
    required (pass ``np.random.default_rng(seed)``).
    """
    if rng is None:
        raise TypeError("pass rng=np.random.default_rng(seed) so the split is reproducible")
    m = X.shape[-1]
    if Y.shape[-1] != m:
        raise ValueError(f"X has {m} examples but Y has {Y.shape[-1]}")
    return [(X[..., idx], Y[..., idx]) for idx in split_indices(m, ratios, rng)]
