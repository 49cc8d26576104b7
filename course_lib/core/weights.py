"""Weight statistics: how large the weights are, how many are near zero, how evenly a unit
spreads its weight over its inputs. Weights are the ``W1 .. WL`` entries of a parameters dict;
biases are left out everywhere."""

from __future__ import annotations

import numpy as np

__all__ = ["weights", "weight_norm", "near_zero_share", "largest_input_share", "NEAR_ZERO"]

#: A weight counts as "near zero" below this size: weights of 0.01 or less barely move a unit
#: whose inputs are of order 1, and an L1 weight trained with a fixed step jitters around 0
#: within learning_rate * lambd / m (0.004 in the assignments) instead of landing on it.
NEAR_ZERO = 1e-2


def weights(parameters: dict) -> list[np.ndarray]:
    """``[W1, W2, ..., WL]`` in layer order."""
    L = sum(1 for k in parameters if k.startswith("W"))
    return [np.asarray(parameters[f"W{l}"], dtype=float) for l in range(1, L + 1)]


def weight_norm(parameters: dict) -> float:
    """The size of all weights together: ``sqrt(sum_l ||W[l]||_F^2)``."""
    return float(np.sqrt(sum(np.sum(W * W) for W in weights(parameters))))


def near_zero_share(parameters: dict, tol: float = NEAR_ZERO) -> float:
    """Share of the weights (all layers) whose size is below ``tol``."""
    flat = np.concatenate([W.ravel() for W in weights(parameters)])
    return float(np.mean(np.abs(flat) < tol))


def largest_input_share(W: np.ndarray) -> float:
    """How much each unit relies on its strongest input: for every row of ``W (n[l], n[l-1])``,
    ``max_j |w_ij| / sum_j |w_ij|``, averaged over the units (rows with no weight are skipped).

    ``1 / n[l-1]`` when a unit spreads its weight evenly, 1 when it listens to one input only.
    """
    size = np.abs(np.asarray(W, dtype=float))
    total = size.sum(axis=1)
    alive = total > 0
    if not alive.any():
        return float("nan")
    return float(np.mean(size.max(axis=1)[alive] / total[alive]))
