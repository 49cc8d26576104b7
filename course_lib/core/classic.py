"""The helpers of the classic public versions of the assignments, under their classic names.

Learners' classic solutions call helpers that their notebooks imported from ``init_utils``,
``reg_utils`` and ``gc_utils``: ``relu(Z)``, ``sigmoid(Z)``, ``compute_cost(a3, Y)``, the
gradient-checking vector helpers, ... Each graded notebook imports the ones of its classic
counterpart from here (:data:`NOTEBOOK_HELPERS`), and the grader binds them for a call when a
submission lost them (:func:`missing_helpers`), so such a solution runs and grades unchanged.
Every helper is a building block defined once in :mod:`course_lib.core.nn` or
:mod:`course_lib.core.gradcheck`; none of them does a graded exercise.
"""

from __future__ import annotations

import numpy as np

from course_lib.core.gradcheck import (
    backward_propagation_n,
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)
from course_lib.core.nn import (
    backward_propagation,
    compute_cost,
    forward_propagation,
    relu,
    sigmoid,
    update_parameters,
)

__all__ = ["relu", "sigmoid", "compute_cost", "compute_loss", "forward_propagation",
           "backward_propagation", "update_parameters", "predict", "dictionary_to_vector",
           "vector_to_dictionary", "gradients_to_vector", "forward_propagation_n",
           "backward_propagation_n", "NOTEBOOK_HELPERS", "helper", "missing_helpers"]

#: ``init_utils`` calls the cross-entropy ``compute_loss(a3, Y)``.
compute_loss = compute_cost


def predict(X: np.ndarray, y: np.ndarray, parameters: dict) -> np.ndarray:
    """The classic ``predict(X, y, parameters)``: labels 0/1 of shape ``(1, m)`` of the 3-layer
    model, printing the accuracy against ``y (1, m)``."""
    a3, _ = forward_propagation(X, parameters)
    p = (a3 > 0.5).astype(int)
    print("Accuracy: " + str(np.mean(p[0, :] == y[0, :])))
    return p


_MODEL = ("sigmoid", "relu", "forward_propagation", "backward_propagation",
          "update_parameters", "predict")

#: assignment -> the classic names its notebook provides (the classic ``*_utils`` imports).
NOTEBOOK_HELPERS: dict[str, tuple[str, ...]] = {
    "initialization": (*_MODEL, "compute_loss"),
    "regularization": (*_MODEL, "compute_cost"),
    "dropout": (*_MODEL, "compute_cost"),
    "gradient_checking": ("sigmoid", "relu", "dictionary_to_vector", "vector_to_dictionary",
                          "gradients_to_vector", "forward_propagation_n"),
    "normalization": (),
}


def helper(name: str):
    """The classic helper called ``name``."""
    if name not in __all__ or name.isupper() or name in ("helper", "missing_helpers"):
        raise KeyError(f"no classic helper {name!r}")
    return globals()[name]


def missing_helpers(namespace: dict) -> dict:
    """``name -> helper`` for every classic name of any notebook that ``namespace`` lacks: what
    a probe binds for a call (a name the notebook defines, even differently, is kept)."""
    names = dict.fromkeys(n for names in NOTEBOOK_HELPERS.values() for n in names)
    return {name: helper(name) for name in names if name not in namespace}
