"""How the signal spreads through depth: the spread of activations (forward) and of gradients
(backward) layer by layer, for the vanishing/exploding-gradients lessons."""

from __future__ import annotations

import numpy as np

from course_lib.core.nn import deep_backward, deep_forward, initialize_parameters

__all__ = ["layer_spread", "linear_chain"]


def layer_spread(layers_dims: list[int], scale: str | float, X: np.ndarray,
                 rng: np.random.Generator, activation: str = "relu"
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Forward and backward signal sizes through the hidden layers of one random network.

    ``X (n_x, m)`` with ``n_x = layers_dims[0]``; ``scale`` as in
    :func:`course_lib.core.nn.initialize_parameters`. Returns ``(act, grad)``, two arrays of shape
    ``(L-1,)``: the standard deviation of the activations ``A[l]`` and of the backpropagated
    gradients ``dA[l]`` for the hidden layers ``l = 1..L-1``. Labels are random coin flips:
    only the sizes of the signals matter here.
    """
    parameters = initialize_parameters(layers_dims, rng, scale)
    Y = (rng.uniform(size=(1, X.shape[1])) > 0.5).astype(float)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        AL, cache = deep_forward(X, parameters, activation)
        grads = deep_backward(X, Y, cache)
    caches, _ = cache
    L = len(caches)
    # caches[l][0] is the linear cache (A[l], W[l+1], b[l+1]) of layer l+1
    act = np.array([np.std(caches[l][0][0]) for l in range(1, L)])
    grad = np.array([np.std(grads[f"dA{l}"]) for l in range(1, L)])
    return act, grad


def linear_chain(w: float, depth: int) -> np.ndarray:
    """``y_hat`` of a chain of ``depth`` identity layers ``W = w I`` applied to ``x = 1``:
    ``w ** l`` for ``l = 1..depth``, the chapter's ``0.5^L`` / ``1.5^L`` example."""
    return w ** np.arange(1, depth + 1, dtype=float)
