"""Helpers of the initialization notebook: training set-up, what goes wrong with bad starts
(dead ReLU units, identical units, huge first steps), and how the signal spreads through depth.

An *initializer* is a function ``layers_dims -> parameters`` such as the notebook's
``initialize_parameters_he``: the helpers take it as an argument, so the lessons run on the
student's own functions. A lesson cell that calls one of them starts with
:func:`note_if_failing` (from :mod:`course_lib.checks.messages`): one line when that function
fails its visible check above, since the cell's results then come from it as it is. A cell that
shows results of all of them without calling any (the comparison of section 6) calls
:func:`note_failing_initializers` instead, which names none in the cell: the notebook's guide
reads the cell to say which unfinished function stopped it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np

from course_lib.checks.messages import note_failing_named, note_if_failing
from course_lib.core.nn import deep_backward, deep_forward, train

__all__ = ["note_if_failing", "INITIALIZERS", "note_failing_initializers", "TRAINING",
           "train_three_layer", "dead_units", "unit_spread", "constant_weights",
           "first_step_ratio", "with_gain", "layer_spread", "linear_chain", "tanh_gap",
           "tanh_forward", "deep_tanh_run"]

Initializer = Callable[[list[int]], dict]

#: The notebook's graded initializers, in its order.
INITIALIZERS = ("initialize_parameters_zeros", "initialize_parameters_random",
                "initialize_parameters_he", "initialize_parameters_xavier")


def note_failing_initializers() -> list[str]:
    """:func:`note_if_failing` for each of :data:`INITIALIZERS` whose last visible check failed
    (found by name: the cell calls none of them). Returns the names noted."""
    return note_failing_named(*INITIALIZERS)


#: Learning rate, iterations and recording of every training run of section 2-6.
TRAINING = {"learning_rate": 0.2, "num_iterations": 2000, "record_every": 100}


def train_three_layer(X: np.ndarray, Y: np.ndarray, parameters: dict, **overrides):
    """``nn.train`` of the three-layer model from ``parameters`` with :data:`TRAINING`
    (``overrides`` replace any of its entries). Returns ``(parameters, history)``."""
    return train(X, Y, parameters, **{**TRAINING, **overrides})


def _hidden_preactivations(parameters: dict, X: np.ndarray) -> list[np.ndarray]:
    """``Z[l] (n[l], m)`` of the hidden (ReLU) layers ``l = 1..L-1``."""
    with np.errstate(over="ignore", invalid="ignore"):
        _, (caches, _) = deep_forward(X, parameters)
    return [np.asarray(c[1]) for c in caches[:-1]]


def dead_units(parameters: dict, X: np.ndarray) -> list[int]:
    """For each hidden ReLU layer, the number of units whose ``Z <= 0`` on every example of
    ``X (n_x, m)``: they output 0 for all of them, their gradient is exactly 0, and gradient
    descent can never bring them back."""
    return [int(np.sum(np.all(Z <= 0, axis=1))) for Z in _hidden_preactivations(parameters, X)]


def unit_spread(parameters: dict) -> list[float]:
    """For each layer but the output, the largest difference between two units' incoming
    weights: ``max |W[l][i, :] - W[l][j, :]|``. 0 means every unit of the layer is the same."""
    L = sum(1 for k in parameters if k.startswith("W"))
    return [float(np.ptp(parameters[f"W{l}"], axis=0).max()) for l in range(1, L)]


def constant_weights(parameters: dict, value: float) -> dict:
    """A copy of ``parameters`` with every entry of every ``W[l]`` set to ``value`` (biases
    kept): a start where symmetry is not broken although the weights are not zero."""
    return {k: (np.full_like(v, value, dtype=float) if k.startswith("W") else np.array(v))
            for k, v in parameters.items()}


def first_step_ratio(parameters: dict, X: np.ndarray, Y: np.ndarray,
                     learning_rate: float = TRAINING["learning_rate"]) -> list[float]:
    """How far the first gradient step moves each ``W[l]``, relative to its size:
    ``||learning_rate * dW[l]|| / ||W[l]||`` (Frobenius norms), for ``l = 1..L``."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        grads = deep_backward(X, Y, deep_forward(X, parameters)[1])
    L = sum(1 for k in parameters if k.startswith("W"))
    return [float(learning_rate * np.linalg.norm(grads[f"dW{l}"])
                  / np.linalg.norm(parameters[f"W{l}"])) for l in range(1, L + 1)]


def with_gain(init: Initializer, gain: float) -> Initializer:
    """The initializer ``init`` with every ``W[l]`` multiplied by ``gain`` (biases kept)."""
    def scaled(layers_dims: list[int]) -> dict:
        return {k: v * gain if k.startswith("W") else v for k, v in init(layers_dims).items()}
    scaled.__name__ = f"{getattr(init, '__name__', 'init')}_times_{gain:g}"
    return scaled


def layer_spread(layers_dims: list[int], init: Initializer, X: np.ndarray,
                 rng: np.random.Generator, activation: str = "relu"
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Forward and backward signal sizes through the hidden layers of one random network.

    ``X (n_x, m)`` with ``n_x = layers_dims[0]``; ``init(layers_dims)`` draws the parameters.
    Returns ``(act, grad)``, two arrays of shape ``(L-1,)``: the standard deviation of the
    activations ``A[l]`` and of the backpropagated gradients ``dA[l]`` for the hidden layers
    ``l = 1..L-1``. Labels are coin flips from ``rng``: only the sizes of the signals matter.
    """
    parameters = init(list(layers_dims))
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


def tanh_gap(z) -> np.ndarray:
    """Relative gap ``(z - tanh z) / z`` between tanh and the identity (0 at ``z = 0``)."""
    z = np.asarray(z, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(z == 0, 0.0, (z - np.tanh(z)) / np.where(z == 0, 1.0, z))


#: ``forward(X, parameters)`` of a network of tanh hidden layers (for ``nn.accuracy``).
tanh_forward = partial(deep_forward, activation="tanh")


def deep_tanh_run(X: np.ndarray, Y: np.ndarray, init: Initializer, depth: int, width: int,
                  *, learning_rate: float = 0.1, num_iterations: int = 400):
    """Train ``depth`` tanh layers of ``width`` units (then a sigmoid unit) from
    ``init``. Returns ``(parameters, history)`` of ``nn.train`` (cost every 50 iterations)."""
    dims = [X.shape[0]] + [width] * depth + [1]
    return train(X, Y, init(dims), forward=tanh_forward,
                 backward=deep_backward, learning_rate=learning_rate,
                 num_iterations=num_iterations, record_every=50)
