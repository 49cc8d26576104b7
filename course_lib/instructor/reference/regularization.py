"""Reference solutions of the regularization assignment (instructor only).

The three-layer model LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID with the classic cache
``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``. Only the weights ``W1..W3`` are
penalized; biases are not.
"""

from __future__ import annotations

import numpy as np

from course_lib.core.nn import backward_propagation, compute_cost

__all__ = ["compute_cost_with_regularization", "backward_propagation_with_regularization",
           "compute_cost_with_l1_regularization", "backward_propagation_with_l1_regularization",
           "WEIGHTS"]

#: The penalized parameters, with their position in the cache.
WEIGHTS = (("W1", 2), ("W2", 6), ("W3", 10))


def compute_cost_with_regularization(A3: np.ndarray, Y: np.ndarray, parameters: dict,
                                     lambd: float) -> float:
    """Cross-entropy plus ``lambd / (2m) * sum_l ||W[l]||_F^2`` over ``W1..W3``.

    ``A3`` and ``Y`` have shape ``(1, m)``. Returns a float.
    """
    m = Y.shape[1]
    squares = sum(float(np.sum(np.square(parameters[name]))) for name, _ in WEIGHTS)
    return compute_cost(A3, Y) + lambd / (2 * m) * squares


def backward_propagation_with_regularization(X: np.ndarray, Y: np.ndarray, cache: tuple,
                                             lambd: float) -> dict:
    """Gradients of :func:`compute_cost_with_regularization`: backprop plus ``lambd/m * W[l]``
    in each ``dW[l]``; ``X (n_x, m)``, ``Y (1, m)``."""
    m = X.shape[1]
    grads = backward_propagation(X, Y, cache)
    for name, position in WEIGHTS:
        grads["d" + name] = grads["d" + name] + lambd / m * cache[position]
    return grads


def compute_cost_with_l1_regularization(A3: np.ndarray, Y: np.ndarray, parameters: dict,
                                        lambd: float) -> float:
    """Cross-entropy plus ``lambd / m * sum_l |W[l]|_1`` (sum of absolute values)."""
    m = Y.shape[1]
    absolute = sum(float(np.sum(np.abs(parameters[name]))) for name, _ in WEIGHTS)
    return compute_cost(A3, Y) + lambd / m * absolute


def backward_propagation_with_l1_regularization(X: np.ndarray, Y: np.ndarray, cache: tuple,
                                                lambd: float) -> dict:
    """Gradients of :func:`compute_cost_with_l1_regularization`: backprop plus
    ``lambd/m * sign(W[l])`` in each ``dW[l]`` (a subgradient: 0 where ``W`` is 0)."""
    m = X.shape[1]
    grads = backward_propagation(X, Y, cache)
    for name, position in WEIGHTS:
        grads["d" + name] = grads["d" + name] + lambd / m * np.sign(cache[position])
    return grads
