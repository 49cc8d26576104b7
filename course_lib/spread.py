"""How the signal spreads through depth: the spread of activations (forward) and of gradients
(backward) layer by layer, for the vanishing/exploding-gradients lessons."""

from __future__ import annotations

import numpy as np

from .nn import deep_backward, deep_forward, initialize_parameters

__all__ = ["layer_spread", "linear_chain"]


def layer_spread(layers_dims: list[int], scale: str | float, X: np.ndarray,
                 rng: np.random.Generator, activation: str = "relu"
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Standard deviation of ``A[l]`` and of ``dW[l]`` for ``l = 1..L``, one random network.

    ``X (n_x, m)`` with ``n_x = layers_dims[0]``; ``scale`` as in
    :func:`course_lib.nn.initialize_parameters`. Returns two arrays of shape ``(L,)``.
    Labels are random coin flips: only the sizes of the signals matter here.
    """
    parameters = initialize_parameters(layers_dims, rng, scale)
    Y = (rng.uniform(size=(1, X.shape[1])) > 0.5).astype(float)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        AL, cache = deep_forward(X, parameters, activation)
        grads = deep_backward(X, Y, cache)
    caches, _ = cache
    L = len(caches)
    act = np.array([np.std(caches[l][0][0]) for l in range(1, L)] + [np.std(AL)])
    grad = np.array([np.std(grads[f"dW{l}"]) for l in range(1, L + 1)])
    return act, grad


def linear_chain(w: float, depth: int) -> np.ndarray:
    """``y_hat`` of a chain of ``depth`` identity layers ``W = w I`` applied to ``x = 1``:
    ``w ** l`` for ``l = 1..depth``, the chapter's ``0.5^L`` / ``1.5^L`` example."""
    return w ** np.arange(1, depth + 1, dtype=float)
