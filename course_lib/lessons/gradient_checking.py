"""Helpers of the gradient-checking notebook: the errors of one- and two-sided differences, and a
per-parameter comparison of a backward pass with numerical gradients.

The notebook's own experiments (a regularized cost, a cost with dropout, a backward pass with a
slip) are written out in its cells, where students read them; these helpers only measure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

__all__ = ["finite_difference_errors", "compare_by_parameter", "print_comparison"]


def finite_difference_errors(J: Callable, dJ: Callable, x: float, theta: float,
                             epsilons: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """``(one_sided, two_sided)``, each of shape ``(len(epsilons),)``: the absolute errors of
    ``(J(theta + e) - J(theta)) / e`` and ``(J(theta + e) - J(theta - e)) / (2 e)`` against the
    exact derivative ``dJ(x, theta)``, for each shift ``e``. ``J(x, theta)`` is the cost."""
    exact = dJ(x, theta)
    one = [(J(x, theta + e) - J(x, theta)) / e for e in epsilons]
    two = [(J(x, theta + e) - J(x, theta - e)) / (2 * e) for e in epsilons]
    return np.abs(np.array(one) - exact), np.abs(np.array(two) - exact)


def compare_by_parameter(gradients: dict, approx: dict, small: float = 1e-6
                         ) -> dict[str, tuple[float, float]]:
    """For each key of ``approx`` (``"dW1"``, ``"db1"``, ...): ``(largest gap, ratio)``, the
    largest ``|gradients[k] - approx[k]|`` and the median of ``gradients[k] / approx[k]`` over
    the entries whose estimate exceeds ``small`` in size (nan if there is none)."""
    rows = {}
    for name, a in approx.items():
        g = np.asarray(gradients[name])
        big = np.abs(a) > small
        ratio = float(np.median(g[big] / a[big])) if big.any() else float("nan")
        rows[name] = (float(np.max(np.abs(g - a))), ratio)
    return rows


def print_comparison(gradients: dict, approx: dict) -> None:
    """:func:`compare_by_parameter` as a table, one line per parameter."""
    print(f"{'':>5}{'max |backward - estimate|':>28}{'backward / estimate':>22}")
    for name, (gap, ratio) in compare_by_parameter(gradients, approx).items():
        print(f"{name:>5}{gap:>28.2e}{ratio:>22.3f}")
