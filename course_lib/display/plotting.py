"""Plots shared by the notebooks: 2-D datasets, decision boundaries and cost curves.

Each function draws on an ``ax`` it is given (or a new one) and returns that axes, so a notebook
can lay several plots side by side.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np

__all__ = ["new_axes", "plot_dataset", "boundary_grid", "plot_decision_boundary", "plot_costs"]

CLASS_COLORS = ("#d62728", "#1f77b4")  # class 0 red, class 1 blue


def new_axes(ax=None, figsize=(4.5, 4)):
    """``ax`` if given, else the axes of a new figure of ``figsize``."""
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_dataset(X: np.ndarray, Y: np.ndarray, ax=None, title: str | None = None, s: int = 14):
    """Scatter ``X (2, m)`` coloured by ``Y (1, m)``."""
    ax = new_axes(ax)
    labels = np.asarray(Y).ravel()
    for value, color in zip((0, 1), CLASS_COLORS, strict=True):
        pick = labels == value
        ax.scatter(X[0, pick], X[1, pick], s=s, c=color, edgecolors="k", linewidths=0.3,
                   label=f"y = {value}")
    if title:
        ax.set_title(title)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def boundary_grid(X: np.ndarray, steps: int = 200, margin: float = 0.25
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A grid covering ``X (2, m)``: returns ``(xx, yy, points)`` with ``points (2, steps**2)``."""
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, steps), np.linspace(y_min, y_max, steps))
    return xx, yy, np.vstack([xx.ravel(), yy.ravel()])


def plot_decision_boundary(predict_fn: Callable[[np.ndarray], np.ndarray], X: np.ndarray,
                           Y: np.ndarray, ax=None, title: str | None = None, steps: int = 200):
    """Shade the regions ``predict_fn`` labels 0 and 1, then scatter ``X`` coloured by ``Y``.

    ``predict_fn`` maps points ``(2, k)`` to labels ``(1, k)`` (see ``nn.predictor``).
    """
    ax = new_axes(ax)
    xx, yy, points = boundary_grid(X, steps)
    Z = np.asarray(predict_fn(points)).reshape(xx.shape)
    ax.contourf(xx, yy, Z, levels=[-0.5, 0.5, 1.5], colors=("#f4b6b6", "#b6cff4"), alpha=0.8)
    plot_dataset(X, Y, ax=ax, title=title)
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())
    return ax


def plot_costs(iterations: Sequence[int], curves: dict[str, Sequence[float]], ax=None,
               title: str | None = None, logy: bool = False, mark: int | None = None):
    """Cost curves ``{label: costs}`` against ``iterations``; ``mark`` draws a vertical line."""
    ax = new_axes(ax, figsize=(5.5, 3.5))
    for label, costs in curves.items():
        ax.plot(iterations, costs, label=label)
    if mark is not None:
        ax.axvline(mark, color="k", linestyle="--", linewidth=1, label=f"iteration {mark}")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost")
    if title:
        ax.set_title(title)
    ax.legend()
    return ax
