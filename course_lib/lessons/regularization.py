"""Helpers of the regularization notebook: the ``lambd`` slider."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from course_lib.display import plotting
from course_lib.display.widgets import SliderFigure
from course_lib.lessons.sliders import StudentCodeError, explorer_figure, fit_path, guard, report

__all__ = ["lambda_explorer"]


def lambda_explorer(X: np.ndarray, Y: np.ndarray, dev_X: np.ndarray, dev_Y: np.ndarray,
                    parameters: dict, penalties: dict[str, tuple[Callable, Callable]],
                    lambds: Sequence[float], *, iterations: int = 300,
                    learning_rate: float = 0.5, steps: int = 80, initial: float | None = None,
                    show: bool = True, display: Callable | None = None) -> SliderFigure | None:
    """A ``lambd`` slider (and a toggle between penalties): decision boundary, train and dev
    accuracy, weight norm and share of near-zero weights for every ``lambd``.

    ``penalties`` maps a label (``"L2"``, ``"L1"``) to the student's ``(cost, backward)`` pair,
    ``cost(A3, Y, parameters, lambd)`` and ``backward(X, Y, cache, lambd)``. For each penalty the
    models are trained in the order of ``lambds`` (smallest first), starting from
    ``parameters`` (e.g. the trained unregularized model), ``iterations`` each. A broken
    function prints what went wrong and returns None.
    """
    grid = plotting.boundary_grid(X, steps=steps)
    groups = {}
    try:
        for label, (cost, backward) in penalties.items():
            state: dict = {}
            g_cost = guard(cost, "cost", state)
            g_backward = guard(backward, "backward", state)

            def pieces(lambd, g_cost=g_cost, g_backward=g_backward):
                return {"cost": lambda A, Y_, p: g_cost(A, Y_, p, lambd),
                        "backward": lambda X_, Y_, c: g_backward(X_, Y_, c, lambd)}

            groups[label] = fit_path(lambds, pieces, X, Y, dev_X, dev_Y, parameters,
                                     iterations=iterations, learning_rate=learning_rate,
                                     grid=grid)
    except StudentCodeError as exc:
        report(exc, "lambd")
        return None
    first = list(penalties)[0]
    start = {"penalty": first, "lambd": lambds[0] if initial is None else initial}
    explorer = explorer_figure(X, Y, grid, "lambd", groups,
                         [("weight norm", "weight_norm", 1.0, ""),
                          ("near-zero weights", "near_zero", 100.0, "%")],
                         group_name="penalty", initial=start, fmt=lambda v: f"{v:g}")
    return explorer.show(display) if show else explorer
