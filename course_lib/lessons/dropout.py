"""Helpers of the dropout notebook: the ``keep_prob`` slider."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from course_lib.display import plotting
from course_lib.display.widgets import SliderFigure
from course_lib.lessons.sliders import StudentCodeError, explorer_figure, fit_path, guard, report

__all__ = ["keep_prob_explorer"]


def keep_prob_explorer(X: np.ndarray, Y: np.ndarray, dev_X: np.ndarray, dev_Y: np.ndarray,
                       parameters: dict, forward: Callable, backward: Callable,
                       keep_probs: Sequence[float], *, iterations: int = 300,
                       learning_rate: float = 0.5, steps: int = 80,
                       initial: float | None = None, show: bool = True,
                       display: Callable | None = None) -> SliderFigure | None:
    """A ``keep_prob`` slider: decision boundary (predicted without dropout), train and dev
    accuracy, weight norm and how much the output unit relies on its strongest input.

    ``forward(X, parameters, keep_prob)`` and ``backward(X, Y, cache, keep_prob)`` are the
    student's; models are trained in the order of ``keep_probs`` (1.0 first), starting from
    ``parameters``, ``iterations`` each. A broken function prints what went wrong and returns
    None.
    """
    grid = plotting.boundary_grid(X, steps=steps)
    state: dict = {}
    g_forward = guard(forward, "forward", state)
    g_backward = guard(backward, "backward", state)

    def pieces(keep_prob):
        return {"forward": lambda X_, p: g_forward(X_, p, keep_prob),
                "backward": lambda X_, Y_, c: g_backward(X_, Y_, c, keep_prob)}

    try:
        fits = fit_path(keep_probs, pieces, X, Y, dev_X, dev_Y, parameters,
                        iterations=iterations, learning_rate=learning_rate, grid=grid)
    except StudentCodeError as exc:
        report(exc, "keep_prob")
        return None
    start = {"keep_prob": keep_probs[0] if initial is None else initial}
    explorer = explorer_figure(X, Y, grid, "keep_prob", {"dropout": fits},
                         [("weight norm", "weight_norm", 1.0, ""),
                          ("largest input share", "largest_share", 100.0, "%")],
                         group_name=None, initial=start, fmt=lambda v: f"{v:g}")
    return explorer.show(display) if show else explorer
