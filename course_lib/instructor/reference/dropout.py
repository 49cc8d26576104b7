"""Reference solutions of the dropout assignment (instructor only).

Inverted dropout on the two hidden layers of LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID.
The cache is ``(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)`` with ``A1``, ``A2``
stored after masking and scaling; ``D1``, ``D2`` are 0/1 masks.
"""

from __future__ import annotations

import numpy as np

from course_lib.core.nn import relu, relu_backward, sigmoid

__all__ = ["forward_propagation_with_dropout", "backward_propagation_with_dropout"]


def forward_propagation_with_dropout(X: np.ndarray, parameters: dict, keep_prob: float = 0.5
                                     ) -> tuple[np.ndarray, tuple]:
    """``X (n_x, m)``; each hidden unit is kept with probability ``keep_prob`` independently
    for every example, with a fresh mask on every call; kept activations are divided by
    ``keep_prob``. Returns ``(A3 (1, m), cache)``."""
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    D1 = (np.random.rand(*A1.shape) < keep_prob).astype(int)
    A1 = A1 * D1 / keep_prob
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)
    D2 = (np.random.rand(*A2.shape) < keep_prob).astype(int)
    A2 = A2 * D2 / keep_prob
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_with_dropout(X: np.ndarray, Y: np.ndarray, cache: tuple,
                                      keep_prob: float) -> dict:
    """Gradients for the cache of :func:`forward_propagation_with_dropout`: the same masks
    ``D1``, ``D2`` and the same ``1 / keep_prob`` scaling as the forward pass. Keys
    ``dZ3 dW3 db3 dA2 dZ2 dW2 db2 dA1 dZ1 dW1 db1``; ``dA2``, ``dA1`` after masking."""
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3 * D2 / keep_prob
    dZ2 = relu_backward(dA2, Z2)
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2 * D1 / keep_prob
    dZ1 = relu_backward(dA1, Z1)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
