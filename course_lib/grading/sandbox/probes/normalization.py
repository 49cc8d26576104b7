"""Probes of the normalization checks: ``normalize_inputs`` (with the caller's ``X`` read back)
and ``normalize_splits`` with stand-ins bound for the two functions it should call."""

from __future__ import annotations

import numpy as np

from course_lib.core import plain
from course_lib.grading.sandbox.probes import call_bound, call_function, resolve


def probe_normalize_inputs(namespace, function, inputs):
    """Call ``normalize_inputs(X, mu, sigma)``; return the result and ``X`` after the call."""
    outputs = []
    for case in inputs:
        fn = resolve(namespace, function)
        if isinstance(fn, plain.CallError):
            outputs.append({"result": fn, "X": case["X"]})
            continue
        X = np.array(case["X"], dtype=float)
        result = call_bound(namespace, function, fn, (X, np.array(case["mu"]),
                                                      np.array(case["sigma"])))
        outputs.append({"result": result, "X": plain.to_plain(X)})
    return outputs


def stand_in_parameters(X):
    """What ``compute_normalization_parameters`` is bound to while ``normalize_splits`` is
    probed: the row minimum and the range plus 1 (never 0)."""
    X = np.asarray(X, dtype=float)
    low = X.min(axis=1, keepdims=True)
    return low, X.max(axis=1, keepdims=True) - low + 1.0


def stand_in_normalize(X, mu, sigma):
    """What ``normalize_inputs`` is bound to: ``(X - mu) / sigma``, 0 where ``sigma == 0``."""
    X, mu, sigma = (np.asarray(a, dtype=float) for a in (X, mu, sigma))
    return np.where(sigma == 0, 0.0, (X - mu) / np.where(sigma == 0, 1.0, sigma))


def probe_splits(namespace, function, inputs):
    swaps = {"compute_normalization_parameters": stand_in_parameters,
             "normalize_inputs": stand_in_normalize}
    return [call_function(namespace, function, [np.asarray(a, dtype=float) for a in case["args"]],
                          swaps=swaps) for case in inputs]
