"""Small experiment helpers of the lecture notebooks, all built on :func:`course_lib.core.nn.train`.

- :func:`fit` trains a network of any depth (``nn.deep_forward``/``nn.deep_backward``), with
  optional weight decay and dev-set recording, and returns ``(parameters, history)``;
- :func:`weight_decay_backward` wraps ``nn.deep_backward`` so that every ``dW[l]`` gets
  ``lambd / m * W[l]`` (the gradient of the L2 penalty; biases are not decayed). It works on the
  any-depth cache of ``nn.deep_forward``; the regularization assignment is where you write the
  three-layer version yourself;
- :func:`error` is the share of misclassified examples;
- :func:`learning_curve` trains on growing subsets and records train and dev error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from course_lib.core import nn

__all__ = ["weight_decay_backward", "fit", "error", "LearningCurve", "learning_curve"]


def weight_decay_backward(lambd: float) -> Callable:
    """A ``backward(X, Y, cache)`` for ``nn.deep_forward`` caches whose ``dW[l]`` include
    ``lambd / m * W[l]``, the gradient of ``lambd / (2m) * sum_l ||W[l]||_F^2``."""
    def backward(X: np.ndarray, Y: np.ndarray, cache: tuple) -> dict:
        grads = nn.deep_backward(X, Y, cache)
        if lambd:
            m = X.shape[1]
            for l, (lin, _, _) in enumerate(cache[0], start=1):
                grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * lin[1]
        return grads
    return backward


def fit(X: np.ndarray, Y: np.ndarray, layers_dims: Sequence[int], rng: np.random.Generator, *,
        learning_rate: float = 0.3, num_iterations: int = 2000, lambd: float = 0.0,
        dev: tuple[np.ndarray, np.ndarray] | None = None, record_every: int = 100,
        parameters: dict | None = None) -> tuple[dict, nn.History]:
    """Train ``layers_dims`` (ReLU hidden layers, sigmoid output) on ``X (n_x, m)``,
    ``Y (1, m)`` with He initialization from ``rng`` (or from ``parameters`` if given).

    ``lambd > 0`` adds weight decay; the recorded costs are the plain cross-entropy, so train
    and dev costs of runs with different ``lambd`` can be compared. Returns
    ``(parameters, history)`` of :func:`course_lib.core.nn.train`.
    """
    if parameters is None:
        parameters = nn.initialize_parameters(list(layers_dims), rng, "he")
    return nn.train(X, Y, parameters, forward=nn.deep_forward,
                    backward=weight_decay_backward(lambd), learning_rate=learning_rate,
                    num_iterations=num_iterations, record_every=record_every, dev=dev)


def error(X: np.ndarray, Y: np.ndarray, parameters: dict,
          forward: Callable = nn.deep_forward) -> float:
    """Share of the ``m`` examples of ``X (n_x, m)`` whose predicted label differs from
    ``Y (1, m)``: ``1 - accuracy``."""
    return 1.0 - nn.accuracy(X, Y, parameters, forward)


@dataclass
class LearningCurve:
    """Train and dev error after training on the first ``sizes[k]`` examples."""

    sizes: list[int]
    train_error: list[float]
    dev_error: list[float]


def learning_curve(X: np.ndarray, Y: np.ndarray, X_dev: np.ndarray, Y_dev: np.ndarray,
                   sizes: Sequence[int], train_fn: Callable[[np.ndarray, np.ndarray], dict],
                   forward: Callable = nn.deep_forward) -> LearningCurve:
    """For each ``n`` in ``sizes``, call ``train_fn(X[:, :n], Y[:, :n]) -> parameters`` and
    record the error on those ``n`` training examples and on the dev set.

    Shuffle ``X`` first if its order means anything: the subsets are its first columns.
    """
    m = X.shape[1]
    curve = LearningCurve([], [], [])
    for n in sizes:
        n = int(n)
        if not 0 < n <= m:
            raise ValueError(f"size {n} is outside 1..{m}")
        parameters = train_fn(X[:, :n], Y[:, :n])
        curve.sizes.append(n)
        curve.train_error.append(error(X[:, :n], Y[:, :n], parameters, forward))
        curve.dev_error.append(error(X_dev, Y_dev, parameters, forward))
    return curve
