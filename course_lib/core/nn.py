"""The network pieces of the course: forward/backward pairs, costs, updates and a training loop.

Shapes use one vocabulary: ``n_x`` input features, ``m`` examples, ``n[l]`` units of layer
``l``. ``W[l]`` is ``(n[l], n[l-1])``, ``b[l]`` is ``(n[l], 1)``, ``A[l]`` is ``(n[l], m)``.
Every ``*_forward`` returns ``(out, cache)``; its ``*_backward`` takes the upstream gradient and
that cache. The derivative of each activation stands next to its forward rule; an activation
returns its array alone, as the classic exercises' ``relu(Z)`` and ``sigmoid(Z)`` do (its
backward takes ``Z`` as the cache).

The three-layer model of the assignments, LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID, keeps the
classic cache ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)`` and gradient keys
``dZ3 dW3 db3 dA2 dZ2 dW2 db2 dA1 dZ1 dW1 db1``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "sigmoid", "sigmoid_backward", "relu", "relu_backward", "tanh", "tanh_backward",
    "linear_forward", "linear_backward", "forward_propagation", "backward_propagation",
    "compute_cost", "initialize_parameters", "deep_forward", "deep_backward",
    "update_parameters", "predict", "accuracy", "predictor", "History", "train",
]


# --- activations: forward rule and its derivative side by side ----------------------------

def sigmoid(Z: np.ndarray) -> np.ndarray:
    """``A = 1 / (1 + exp(-Z))``, shaped like ``Z``; a very negative ``Z`` gives exactly 0
    without a warning."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-Z))


def sigmoid_backward(dA: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``dZ = dA * s * (1 - s)`` with ``s = sigmoid(Z)``."""
    s = sigmoid(cache)
    return dA * s * (1.0 - s)


def relu(Z: np.ndarray) -> np.ndarray:
    """``A = max(0, Z)``, shaped like ``Z``."""
    return np.maximum(0.0, Z)


def relu_backward(dA: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``dZ = dA`` where ``Z > 0``, else 0."""
    return np.where(cache > 0, dA, 0.0)


def tanh(Z: np.ndarray) -> np.ndarray:
    """``A = tanh(Z)``, shaped like ``Z``."""
    return np.tanh(Z)


def tanh_backward(dA: np.ndarray, cache: np.ndarray) -> np.ndarray:
    """``dZ = dA * (1 - tanh(Z)^2)``."""
    return dA * (1.0 - np.tanh(cache) ** 2)


_ACTIVATIONS: dict[str, tuple[Callable, Callable]] = {
    "relu": (relu, relu_backward),
    "tanh": (tanh, tanh_backward),
    "sigmoid": (sigmoid, sigmoid_backward),
}


# --- the linear step ------------------------------------------------------------------------

def linear_forward(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray
                   ) -> tuple[np.ndarray, tuple]:
    """``Z = W A_prev + b``: ``A_prev (n[l-1], m)``, ``W (n[l], n[l-1])``, ``b (n[l], 1)``."""
    return W @ A_prev + b, (A_prev, W, b)


def linear_backward(dZ: np.ndarray, cache: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gradients of the linear step: returns ``(dA_prev, dW, db)`` shaped like its inputs."""
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = dZ.sum(axis=1, keepdims=True) / m
    return W.T @ dZ, dW, db


# --- cost -----------------------------------------------------------------------------------

def compute_cost(A3: np.ndarray, Y: np.ndarray) -> float:
    """Cross-entropy ``-1/m sum(Y log A + (1-Y) log(1-A))``.

    ``A3`` and ``Y`` have shape ``(1, m)``. Returns a Python float; labels where the prediction
    is exactly 0 or 1 contribute through ``nansum`` as in the classic exercises.
    """
    m = Y.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        logprobs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    return float(np.nansum(logprobs) / m)


# --- the three-layer model of the assignments ------------------------------------------------

def forward_propagation(X: np.ndarray, parameters: dict) -> tuple[np.ndarray, tuple]:
    """LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID.

    ``X (n_x, m)``; ``parameters`` holds ``W1 b1 W2 b2 W3 b3``. Returns ``(A3, cache)`` with
    ``A3 (1, m)`` and ``cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``.
    """
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation(X: np.ndarray, Y: np.ndarray, cache: tuple) -> dict:
    """Gradients of the cross-entropy of :func:`forward_propagation` for its ``cache``.

    Returns a dict with ``dZ3 dW3 db3 dA2 dZ2 dW2 db2 dA1 dZ1 dW1 db1``; each ``dW``/``db`` has
    the shape of its parameter.
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = dZ3.sum(axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = relu_backward(dA2, Z2)
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = relu_backward(dA1, Z1)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


# --- any depth ------------------------------------------------------------------------------

def initialize_parameters(layers_dims: list[int], rng: np.random.Generator,
                          scale: str | float = "he") -> dict:
    """Random ``W[l] (n[l], n[l-1])`` and zero ``b[l] (n[l], 1)`` for ``l = 1..L``.

    ``scale`` is ``"he"`` (``sqrt(2/n[l-1])``), ``"xavier"`` (``sqrt(1/n[l-1])``),
    ``"glorot"`` (``sqrt(2/(n[l-1]+n[l]))``) or a number multiplying ``randn``.
    """
    parameters = {}
    for l in range(1, len(layers_dims)):
        fan_in, fan_out = layers_dims[l - 1], layers_dims[l]
        if scale == "he":
            s = np.sqrt(2.0 / fan_in)
        elif scale == "xavier":
            s = np.sqrt(1.0 / fan_in)
        elif scale == "glorot":
            s = np.sqrt(2.0 / (fan_in + fan_out))
        else:
            s = float(scale)
        parameters[f"W{l}"] = rng.standard_normal((fan_out, fan_in)) * s
        parameters[f"b{l}"] = np.zeros((fan_out, 1))
    return parameters


def _depth(parameters: dict) -> int:
    return sum(1 for k in parameters if k.startswith("W"))


def deep_forward(X: np.ndarray, parameters: dict, activation: str = "relu"
                 ) -> tuple[np.ndarray, tuple]:
    """``L-1`` hidden layers with ``activation``, then a sigmoid unit.

    ``X (n_x, m)``. Returns ``(AL, cache)`` with ``AL (1, m)``; ``cache`` is ``(caches, AL)``
    where ``caches[l-1] = (linear_cache, activation_cache, name)``.
    """
    L = _depth(parameters)
    A = X
    caches = []
    for l in range(1, L + 1):
        name = activation if l < L else "sigmoid"
        Z, lin = linear_forward(A, parameters[f"W{l}"], parameters[f"b{l}"])
        A = _ACTIVATIONS[name][0](Z)
        caches.append((lin, Z, name))
    return A, (caches, A)


def deep_backward(X: np.ndarray, Y: np.ndarray, cache: tuple) -> dict:
    """Gradients ``dW1 db1 .. dWL dbL`` (and ``dA0 .. dA{L-1}``) of the cross-entropy."""
    caches, AL = cache
    L = len(caches)
    grads = {}
    dZ = AL - Y  # sigmoid and cross-entropy together
    for l in range(L, 0, -1):
        lin, act, name = caches[l - 1]
        if l < L:
            dZ = _ACTIVATIONS[name][1](grads[f"dA{l}"], act)
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = linear_backward(dZ, lin)
    return grads


def update_parameters(parameters: dict, grads: dict, learning_rate: float) -> dict:
    """One gradient-descent step ``W[l] -= learning_rate * dW[l]`` (and ``b``); returns a new
    dict and leaves ``parameters`` untouched."""
    return {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}


def predict(X: np.ndarray, parameters: dict, forward: Callable = forward_propagation
            ) -> np.ndarray:
    """Labels 0/1 of shape ``(1, m)``: ``forward(X, parameters)[0] > 0.5``."""
    AL, _ = forward(X, parameters)
    return (AL > 0.5).astype(float)


def accuracy(X: np.ndarray, Y: np.ndarray, parameters: dict,
             forward: Callable = forward_propagation) -> float:
    """Share of examples whose predicted label equals ``Y`` (a float in [0, 1])."""
    return float(np.mean(predict(X, parameters, forward) == Y))


def predictor(parameters: dict, forward: Callable = forward_propagation) -> Callable:
    """A function ``X -> labels (1, m)`` for plotting decision boundaries."""
    return lambda X: predict(X, parameters, forward)


# --- the training loop ----------------------------------------------------------------------

@dataclass
class History:
    """What :func:`train` records every ``record_every`` iterations."""

    iterations: list[int] = field(default_factory=list)
    train_cost: list[float] = field(default_factory=list)
    dev_cost: list[float] = field(default_factory=list)
    best_iteration: int | None = None
    best_parameters: dict | None = None


def train(X: np.ndarray, Y: np.ndarray, parameters: dict, *,
          forward: Callable = forward_propagation,
          backward: Callable = backward_propagation,
          cost: Callable | None = None,
          learning_rate: float = 0.3, num_iterations: int = 10_000,
          record_every: int = 100, dev: tuple[np.ndarray, np.ndarray] | None = None,
          dev_forward: Callable | None = None, print_every: int = 0
          ) -> tuple[dict, History]:
    """Batch gradient descent with pluggable pieces, so a notebook trains with its own functions.

    - ``forward(X, parameters) -> (AL, cache)`` and ``backward(X, Y, cache) -> grads``;
    - ``cost(AL, Y, parameters) -> float`` (default: cross-entropy, ignoring ``parameters``);
    - ``dev=(X_dev, Y_dev)`` also records the dev cost, computed with ``dev_forward`` (default
      ``forward``; pass the plain forward when ``forward`` uses dropout) and keeps the
      parameters of the lowest dev cost in ``History.best_parameters`` (early stopping).

    Returns ``(parameters, history)``; the input ``parameters`` are not modified.
    """
    if cost is None:
        def cost(AL, Y, _parameters):
            return compute_cost(AL, Y)
    dev_forward = dev_forward or forward
    history = History()
    best = np.inf
    for i in range(num_iterations + 1):
        AL, cache = forward(X, parameters)
        if i % record_every == 0 or i == num_iterations:
            J = float(cost(AL, Y, parameters))
            history.iterations.append(i)
            history.train_cost.append(J)
            if dev is not None:
                J_dev = float(cost(dev_forward(dev[0], parameters)[0], dev[1], parameters))
                history.dev_cost.append(J_dev)
                if J_dev < best:
                    best = J_dev
                    history.best_iteration, history.best_parameters = i, parameters
            if print_every and i % print_every == 0:
                print(f"Cost after iteration {i}: {J:.6f}")
        if i == num_iterations:
            break
        grads = backward(X, Y, cache)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, history
