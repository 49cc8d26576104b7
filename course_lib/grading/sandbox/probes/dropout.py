"""Probes of the dropout checks: the student's forward pass called twice on the same inputs
(fresh masks expected), and the student's backward pass on the student's own forward cache.

The classic version of this exercise hands learners a forward pass that starts with
``np.random.seed(1)``, so nearly every classic solution has that line: while the forward pass is
called twice it is ignored (:func:`course_lib.core.randomness.seed_ignored`, as in the visible
check, which also tells the student why a seed inside is not dropout).
"""

from __future__ import annotations

import numpy as np

from course_lib.core import plain
from course_lib.core.randomness import seed_ignored
from course_lib.grading.sandbox.probes import call_function

FORWARD = "forward_propagation_with_dropout"


def probe_twice(namespace, function, inputs):
    """Each case called twice with the same inputs (fresh masks are expected)."""
    with seed_ignored():
        return [[call_function(namespace, function, case.get("args", ()), case.get("kwargs")),
                 call_function(namespace, function, case.get("args", ()), case.get("kwargs"))]
                for case in inputs]


def _usable_cache(out, fallback: tuple):
    """The student's cache if it has the documented layout (14 arrays shaped like the grader's
    cache), else ``fallback``."""
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        return fallback
    cache = out[1]
    if not isinstance(cache, (tuple, list)) or len(cache) != len(fallback):
        return fallback
    for mine, theirs in zip(cache, fallback, strict=True):
        if (not isinstance(mine, np.ndarray) or mine.shape != theirs.shape
                or mine.dtype.kind not in "biuf" or not np.all(np.isfinite(mine))):
            return fallback
    return tuple(cache)


def probe_own_forward(namespace, function, inputs):
    """The student's forward pass, then the student's backward pass on that cache."""
    outputs = []
    for case in inputs:
        forward_out = call_function(namespace, FORWARD, [case["X"], case["parameters"]],
                                    {"keep_prob": case["keep_prob"]})
        cache = _usable_cache(forward_out, case["fallback"])
        grads = call_function(namespace, function,
                              [case["X"], case["Y"], cache, case["keep_prob"]])
        outputs.append({"cache": plain.to_plain(cache), "grads": grads})
    return outputs
