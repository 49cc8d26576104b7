"""Helpers of the dropout notebook: the student's dropout as ``nn.train`` pieces, the
``keep_prob`` slider, and a picture of masks. Trials, comparisons and reports are those of
:mod:`course_lib.lessons.regularization` (same field, same network, same budget)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from course_lib.checks.messages import note_if_failing
from course_lib.display import plotting
from course_lib.display.widgets import SliderFigure
from course_lib.lessons.regularization import ITERATIONS, LEARNING_RATE
from course_lib.lessons.sliders import StudentCodeError, explorer_figure, fit_path, guard, report

__all__ = ["with_dropout", "keep_prob_explorer", "show_masks"]


def with_dropout(forward: Callable, backward: Callable, keep_prob: float) -> dict:
    """The ``forward``/``backward`` arguments of ``nn.train`` for dropout with ``keep_prob``:
    ``forward(X, parameters, keep_prob)`` and ``backward(X, Y, cache, keep_prob)``. Prints a
    note when one of them fails its visible check."""
    note_if_failing(forward, backward)
    return {"forward": lambda X, parameters: forward(X, parameters, keep_prob),
            "backward": lambda X, Y, cache: backward(X, Y, cache, keep_prob)}


def keep_prob_explorer(X: np.ndarray, Y: np.ndarray, dev_X: np.ndarray, dev_Y: np.ndarray,
                       parameters: dict, forward: Callable, backward: Callable,
                       keep_probs: Sequence[float], *, iterations: int = ITERATIONS,
                       learning_rate: float = LEARNING_RATE, steps: int = 60,
                       initial: float | None = None, seed: int | None = 0,
                       known: dict[float, dict] | None = None, show: bool = True,
                       display: Callable | None = None) -> SliderFigure | None:
    """A ``keep_prob`` slider: decision boundary (predicted without dropout), train and dev
    accuracy, weight norm and the output unit's largest weight ``max |W3|``.

    ``forward(X, parameters, keep_prob)`` and ``backward(X, Y, cache, keep_prob)`` are the
    student's; every model starts from ``parameters`` and trains ``iterations``, numpy's
    generator seeded with ``seed`` first, as
    :func:`course_lib.lessons.regularization.train` does, so each frame is the model the text
    trains. ``known``: ``{keep_prob: parameters}`` of models the notebook already trained that
    way (reused, not trained again). A broken function prints what went wrong and returns
    None.
    """
    note_if_failing(forward, backward)
    grid = plotting.boundary_grid(X, steps=steps)
    state: dict = {}
    g_forward, g_backward = guard(forward, "forward", state), guard(backward, "backward", state)
    try:
        fits = fit_path(keep_probs, lambda kp: with_dropout(g_forward, g_backward, kp),
                        X, Y, dev_X, dev_Y, parameters, iterations=iterations,
                        learning_rate=learning_rate, grid=grid, seed=seed, known=known)
    except StudentCodeError as exc:
        report(exc, "keep_prob")
        return None
    start = {"keep_prob": keep_probs[0] if initial is None else initial}
    explorer = explorer_figure(X, Y, grid, "keep_prob", {"dropout": fits},
                               [("weight norm", "weight_norm", 1.0, "",
                                 "weight norm (√Σw², all layers)"),
                                ("largest output weight", "largest_weight", 1.0, "",
                                 "largest output weight (max |W3|)")],
                               group_name=None, initial=start, fmt=lambda v: f"{v:g}")
    return explorer.show(display) if show else explorer


_MASK_COLORS = ListedColormap(["#222222", "#f2e394"])  # dropped (0), kept (1)


def show_masks(masks: dict[str, np.ndarray], examples: int = 40) -> None:
    """The first ``examples`` columns of each mask ``D (n[l], m)`` side by side, with a key
    (kept / dropped)."""
    fig, axes = plt.subplots(1, len(masks), figsize=(2.15 * len(masks), 2.6), dpi=100,
                             layout="constrained", sharey=True)
    for ax, (name, D) in zip(np.atleast_1d(axes), masks.items(), strict=True):
        D = np.asarray(D, dtype=float)[:, :examples]
        ax.imshow(D, cmap=_MASK_COLORS, vmin=0, vmax=1, aspect="auto", interpolation="nearest",
                  extent=(0.5, D.shape[1] + 0.5, D.shape[0] + 0.5, 0.5))
        ax.set_title(name, fontsize=9)
        ax.set_xlabel("example (column of D1)", fontsize=8)
    np.atleast_1d(axes)[0].set_ylabel("unit of layer 1 (row)", fontsize=8)
    fig.legend(handles=[Patch(color="#f2e394", label="kept (1)"),
                        Patch(color="#222222", label="dropped (0)")],
               loc="outside right center", fontsize=8)
    plt.show()
