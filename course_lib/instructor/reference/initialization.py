"""Reference solutions of the initialization assignment."""

from __future__ import annotations

import numpy as np


def initialize_parameters_zeros(layers_dims: list[int]) -> dict:
    """``W[l]`` zeros ``(n[l], n[l-1])`` and ``b[l]`` zeros ``(n[l], 1)``."""
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def _scaled_normal(layers_dims: list[int], scale) -> dict:
    parameters = {}
    for l in range(1, len(layers_dims)):
        W = np.random.randn(layers_dims[l], layers_dims[l - 1])
        parameters[f"W{l}"] = W * scale(layers_dims[l - 1])
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters


def initialize_parameters_random(layers_dims: list[int]) -> dict:
    """``W[l] = randn * 10``, ``b[l] = 0``."""
    return _scaled_normal(layers_dims, lambda fan_in: 10.0)


def initialize_parameters_he(layers_dims: list[int]) -> dict:
    """``W[l] = randn * sqrt(2 / n[l-1])``, ``b[l] = 0`` (for ReLU)."""
    return _scaled_normal(layers_dims, lambda fan_in: np.sqrt(2.0 / fan_in))


def initialize_parameters_xavier(layers_dims: list[int]) -> dict:
    """``W[l] = randn * sqrt(1 / n[l-1])``, ``b[l] = 0`` (for tanh)."""
    return _scaled_normal(layers_dims, lambda fan_in: np.sqrt(1.0 / fan_in))
