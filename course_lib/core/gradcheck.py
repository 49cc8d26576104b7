"""Helpers of the gradient-checking assignment: parameters <-> one vector, and the 3-layer
model's cost and gradients written as ``forward_propagation_n`` / ``backward_propagation_n``.

The classic exercise calls ``vector_to_dictionary(theta)`` with the vector alone. To work for
any layer sizes, :func:`dictionary_to_vector` remembers the layout (names and shapes) of the
last dictionary it flattened, and :func:`vector_to_dictionary` uses it unless given ``layout``.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator

import numpy as np

from course_lib.core.nn import backward_propagation, forward_propagation

__all__ = ["CLASSIC_LAYOUT", "parameter_names", "dictionary_to_vector", "vector_to_dictionary",
           "gradients_to_vector", "forward_propagation_n", "backward_propagation_n",
           "TOY_COSTS", "swapped"]

#: The layer sizes of the classic exercise: n_x = 4, then 5, 3 and 1 units.
CLASSIC_LAYOUT: tuple[tuple[str, tuple[int, int]], ...] = (
    ("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1)),
)
_last_layout: tuple[tuple[str, tuple[int, int]], ...] = CLASSIC_LAYOUT


def parameter_names(parameters: dict) -> list[str]:
    """``W1, b1, W2, b2, ...`` in layer order (the order of theta)."""
    L = sum(1 for k in parameters if k.startswith("W"))
    return [name for l in range(1, L + 1) for name in (f"W{l}", f"b{l}")]


def dictionary_to_vector(parameters: dict) -> tuple[np.ndarray, list[str]]:
    """Stack ``W1, b1, ..., WL, bL`` into ``theta`` of shape ``(n_params, 1)``.

    Returns ``(theta, keys)`` where ``keys[i]`` names the parameter entry ``i`` comes from.
    """
    global _last_layout
    names = parameter_names(parameters)
    _last_layout = tuple((k, tuple(np.shape(parameters[k]))) for k in names)
    theta = np.concatenate([np.reshape(parameters[k], (-1, 1)) for k in names], axis=0)
    keys = [k for k in names for _ in range(np.size(parameters[k]))]
    return theta.astype(float), keys


def vector_to_dictionary(theta: np.ndarray, layout=None) -> dict:
    """Undo :func:`dictionary_to_vector`: ``theta (n_params, 1)`` -> ``{"W1": ..., ...}``.

    ``layout`` is a sequence of ``(name, shape)``; by default the layout of the last dictionary
    flattened (the classic sizes before any).
    """
    layout = _last_layout if layout is None else layout
    theta = np.asarray(theta).reshape(-1)
    parameters, start = {}, 0
    for name, shape in layout:
        size = math.prod(shape)
        parameters[name] = theta[start:start + size].reshape(shape)
        start += size
    if start != theta.size:
        raise ValueError(f"theta has {theta.size} entries but the layout needs {start}")
    return parameters


def gradients_to_vector(gradients: dict) -> np.ndarray:
    """Stack ``dW1, db1, ..., dWL, dbL`` into one vector of shape ``(n_params, 1)``."""
    L = sum(1 for k in gradients if k.startswith("dW"))
    names = [name for l in range(1, L + 1) for name in (f"dW{l}", f"db{l}")]
    return np.concatenate([np.reshape(gradients[k], (-1, 1)) for k in names], axis=0)


def forward_propagation_n(X: np.ndarray, Y: np.ndarray, parameters: dict) -> tuple[float, tuple]:
    """The 3-layer model's cross-entropy: returns ``(cost, cache)``.

    ``X (n_x, m)``, ``Y (1, m)``; ``cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``.
    """
    A3, cache = forward_propagation(X, parameters)
    logprobs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    return float(np.sum(logprobs) / X.shape[1]), cache


def backward_propagation_n(X: np.ndarray, Y: np.ndarray, cache: tuple) -> dict:
    """The correct gradients of :func:`forward_propagation_n` (keys ``dZ3 dW3 db3 ... db1``).

    The assignment ships a copy of this function with planted bugs for the student to find.
    """
    return backward_propagation(X, Y, cache)


# --- one-parameter costs that are not linear -------------------------------------------------
# ``J = theta * x`` is linear in theta, so every finite difference of it is exact: it cannot show
# why the two-sided difference is better. These costs, each with its derivative beside it, can.

def _cubic(x, theta):
    return x * theta ** 3


def _cubic_d(x, theta):
    return 3.0 * x * theta ** 2


def _sine(x, theta):
    return np.sin(x * theta)


def _sine_d(x, theta):
    return x * np.cos(x * theta)


def _exp(x, theta):
    return np.exp(x * theta)


def _exp_d(x, theta):
    return x * np.exp(x * theta)


def _log(x, theta):
    return np.log(1.0 + (x * theta) ** 2)


def _log_d(x, theta):
    return 2.0 * x ** 2 * theta / (1.0 + (x * theta) ** 2)


#: name -> ``(J(x, theta), dJ/dtheta(x, theta))``: non-linear stand-ins for the 1-D
#: ``forward_propagation`` / ``backward_propagation`` pair.
TOY_COSTS = {
    "cubic": (_cubic, _cubic_d),
    "sine": (_sine, _sine_d),
    "exp": (_exp, _exp_d),
    "log": (_log, _log_d),
}


_MISSING = object()


@contextlib.contextmanager
def swapped(namespace: dict, **replacements) -> Iterator[dict]:
    """Temporarily bind names of ``namespace`` (a notebook's ``globals()``) to other objects.

    A notebook function looks its helpers up by name when it runs, so
    ``with swapped(globals(), forward_propagation_n=my_cost): gradient_check_n(...)`` checks
    gradients against ``my_cost`` without editing the function. The old bindings (or their
    absence) come back on exit, even after an error.
    """
    saved = {name: namespace.get(name, _MISSING) for name in replacements}
    namespace.update(replacements)
    try:
        yield namespace
    finally:
        for name, old in saved.items():
            if old is _MISSING:
                namespace.pop(name, None)
            else:
                namespace[name] = old
