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

__all__ = ["CLASSICAL", "BIG_DATA", "HUGE_DATA", "split_sizes", "split_indices", "split", "IDEAS",
           "try_ideas", "selection_optimism", "standard_error"]

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


# --- the lecture's experiments -----------------------------------------------------------------

#: The first turn of the Idea -> Code -> Experiment loop: a network size and a learning rate.
IDEAS = (
    {"layers_dims": (2, 1), "learning_rate": 0.5},            # logistic regression
    {"layers_dims": (2, 3, 1), "learning_rate": 0.5},
    {"layers_dims": (2, 10, 5, 1), "learning_rate": 0.5},
    {"layers_dims": (2, 10, 5, 1), "learning_rate": 0.005},   # same network, tiny steps
)


def try_ideas(seed: int = 1, num_iterations: int = 1500) -> list[tuple[dict, float, float]]:
    """Train each of ``IDEAS`` on the two-circles data (``data.load_circles(seed)``: 300
    training and 100 held-out points, the dev set) and return ``(idea, train accuracy, dev
    accuracy)`` for each."""
    from course_lib.core import data, nn
    from course_lib.lessons import experiments

    train_X, train_Y, dev_X, dev_Y = data.load_circles(seed)
    results = []
    for idea in IDEAS:
        params, _ = experiments.fit(train_X, train_Y, idea["layers_dims"],
                                    np.random.default_rng(1),
                                    learning_rate=idea["learning_rate"],
                                    num_iterations=num_iterations, record_every=num_iterations)
        results.append((idea, nn.accuracy(train_X, train_Y, params, nn.deep_forward),
                        nn.accuracy(dev_X, dev_Y, params, nn.deep_forward)))
    return results


def selection_optimism(seed: int, *, variants: int = 40, pool: int = 6000, m_dev: int = 100,
                       draws: int = 300) -> np.ndarray:
    """How optimistic the dev accuracy of a model chosen on that dev set is, in points.

    A network trained on the wavy set is perturbed into ``variants`` about equally good models,
    each scored on ``pool`` fresh examples. ``draws`` times, a dev set of ``m_dev`` of those
    examples picks the variant with the best dev accuracy; the result is that dev accuracy
    minus the variant's accuracy on the rest of the pool (a test set), ``(draws,)``.
    """
    from course_lib.core import data, nn
    from course_lib.lessons import experiments

    rng = np.random.default_rng(seed)
    X, Y = data.make_wavy(200, rng=rng)
    base, _ = experiments.fit(X, Y, [2, 20, 10, 1], np.random.default_rng((seed, 1)),
                              learning_rate=0.3, num_iterations=1500, record_every=1500)
    X_pool, Y_pool = data.make_wavy(pool, rng=rng)
    models = [{k: v + 0.3 * np.abs(v).mean() * rng.standard_normal(v.shape)
               for k, v in base.items()} for _ in range(variants)]
    right = np.array([(nn.predict(X_pool, p, nn.deep_forward) == Y_pool)[0] for p in models])
    optimism = np.empty(draws)
    for d in range(draws):
        is_dev = np.zeros(pool, dtype=bool)
        is_dev[rng.choice(pool, size=m_dev, replace=False)] = True
        dev_acc = right[:, is_dev].mean(axis=1)
        chosen = int(np.argmax(dev_acc))
        optimism[d] = 100 * (dev_acc[chosen] - right[chosen, ~is_dev].mean())
    return optimism


def standard_error(accuracy: float, m_dev) -> np.ndarray:
    """Standard error of an accuracy measured on ``m_dev`` examples, in percentage points:
    ``100 * sqrt(p (1 - p) / m_dev)``."""
    return 100 * np.sqrt(accuracy * (1 - accuracy) / np.asarray(m_dev, dtype=float))
