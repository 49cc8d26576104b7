"""Numerical gradients for the tests, written independently of the course's graded code."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray,
                       eps: float = 1e-6) -> np.ndarray:
    """Two-sided differences of the scalar function ``f`` at ``x`` (any shape); ``x`` is
    restored after each probe."""
    x = np.asarray(x, dtype=float)
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + eps
        plus = f(x)
        x[i] = old - eps
        minus = f(x)
        x[i] = old
        grad[i] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300))


def check_parameter_gradients(cost_of: Callable[[dict], float], parameters: dict,
                              grads: dict, tol: float = 1e-6) -> dict[str, float]:
    """Compare ``grads["d" + name]`` with the numerical gradient of ``cost_of(parameters)`` for
    every parameter; return the relative errors and assert each is below ``tol``."""
    errors = {}
    for name, value in parameters.items():
        def f(v, name=name):
            return cost_of({**parameters, name: v})
        numeric = numerical_gradient(f, value.astype(float).copy())
        errors[name] = relative_error(numeric, grads["d" + name])
        assert errors[name] < tol, f"d{name}: relative error {errors[name]:.2e}"
    return errors
