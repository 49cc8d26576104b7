"""Calling a student's random function as the grader judges it.

The classic version of the dropout exercise hands learners a forward pass that starts with
``np.random.seed(1)``: scaffolding, not the learner's dropout. While :func:`seed_ignored` is
active, ``np.random.seed`` does nothing and only counts its calls, so fresh masks are judged on
what the function itself draws (a generator seeded inside, or a mask kept between calls, still
gives the same mask twice).
"""

from __future__ import annotations

import contextlib

import numpy as np

__all__ = ["seed_ignored"]


@contextlib.contextmanager
def seed_ignored():
    """Inside the block ``np.random.seed`` is a no-op; yields a list that gets one entry per
    ignored call."""
    calls: list = []
    real = np.random.seed
    np.random.seed = lambda *args, **kwargs: calls.append(args)
    try:
        yield calls
    finally:
        np.random.seed = real
