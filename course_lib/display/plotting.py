"""Plots shared by the notebooks: 2-D datasets, decision boundaries, cost curves, bands over
seeds, and the rules every figure of the course follows.

Each plotting function draws on an ``ax`` it is given (or a new one) and returns that axes, so a
notebook can lay several plots side by side.

Readable figures (:func:`figure_problems` checks them, the lecture notebooks' test runs it on
every figure they show): at least ``DPI`` dots per inch, no wider than ``COLUMN_PX`` pixels (the
notebook column), every axis that shows numbers labelled, no text running into other text or off
the figure, and no legend over data (:func:`place_legend` finds a free corner or goes outside).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import contextmanager

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection, PolyCollection
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

__all__ = ["DPI", "COLUMN_PX", "use_course_style", "new_axes", "plot_dataset", "boundary_grid",
           "plot_decision_boundary", "plot_costs", "plot_band", "place_legend",
           "figure_problems"]

CLASS_COLORS = ("#d62728", "#1f77b4")  # class 0 red, class 1 blue
#: Dots per inch of every figure, and the widest a figure may be (pixels, the notebook column).
DPI = 100
COLUMN_PX = 900


def use_course_style() -> None:
    """Set pyplot's defaults for the notebooks: ``DPI`` dots per inch, readable font sizes, and
    constrained layout (labels never cut off or run into the next axes; no ``tight_layout``)."""
    plt.rcParams.update({"figure.dpi": DPI, "savefig.dpi": "figure", "font.size": 10,
                         "figure.constrained_layout.use": True,
                         "axes.titlesize": 11, "axes.labelsize": 10, "legend.fontsize": 9,
                         "xtick.labelsize": 9, "ytick.labelsize": 9})


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
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.yaxis.set_major_locator(MaxNLocator(5))
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
    ax.set_xlim(iterations[0], iterations[-1])
    ax.set_xlabel("iteration (gradient steps)")
    ax.set_ylabel("cost (cross-entropy)")
    if title:
        ax.set_title(title)
    place_legend(ax)
    return ax


def plot_band(ax, x: Sequence[float], samples: np.ndarray, label: str, *, scale: float = 1.0,
              color=None, marker: str = "o", linestyle: str = "-"):
    """The mean of ``samples (runs, len(x))`` as a line, and the range over runs (lowest to
    highest) as a shaded band of the same colour. ``scale`` multiplies the values (100 for
    percentages). Returns the line."""
    values = scale * np.asarray(samples, dtype=float)
    line, = ax.plot(x, values.mean(axis=0), marker=marker, linestyle=linestyle, color=color,
                    label=label)
    ax.fill_between(x, values.min(axis=0), values.max(axis=0), color=line.get_color(),
                    alpha=0.2, linewidth=0)
    return line


# --- rules every figure follows ----------------------------------------------------------------

_CORNERS = ("upper right", "upper left", "lower left", "lower right", "center right",
            "center left", "upper center", "lower center")


def _data_points(ax) -> np.ndarray:
    """Display coordinates ``(k, 2)`` of what ``ax`` plots: line vertices (and points between
    them), scatter points, bar corners and the outlines of shaded bands (not filled contours:
    a legend may sit on a shaded region)."""
    points = [np.empty((0, 2))]
    for line in ax.get_lines():
        xy = np.asarray(line.get_xydata(), dtype=float)
        if len(xy) > 1:  # points along each segment, so a line crossing the legend counts
            t = np.linspace(0, 1, 12)[:, None, None]
            xy = (xy[:-1][None] * (1 - t) + xy[1:][None] * t).reshape(-1, 2)
        points.append(ax.transData.transform(xy))
    for coll in ax.collections:
        if isinstance(coll, PathCollection):
            offsets = np.asarray(coll.get_offsets(), dtype=float).reshape(-1, 2)
            points.append(coll.get_offset_transform().transform(offsets))
        elif isinstance(coll, PolyCollection):
            points += [coll.get_transform().transform(p.vertices) for p in coll.get_paths()]
    for patch in ax.patches:
        box = patch.get_window_extent()
        points.append(np.array([[box.x0, box.y0], [box.x1, box.y1], [box.x0, box.y1],
                                [box.x1, box.y0], [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]]))
    points = np.vstack(points)
    return points[np.all(np.isfinite(points), axis=1)]


def _covered(ax, legend) -> int:
    box = legend.get_window_extent()
    pts = _data_points(ax)
    inside = ((pts[:, 0] > box.x0) & (pts[:, 0] < box.x1) & (pts[:, 1] > box.y0)
              & (pts[:, 1] < box.y1))
    return int(inside.sum())


@contextmanager
def _drawn(fig):
    """Draw ``fig`` with Agg and yield the renderer (a figure shown and closed by pyplot may have
    lost its Agg canvas: one is lent for the measurement and the old canvas put back)."""
    old = fig.canvas
    canvas = old if isinstance(old, FigureCanvasAgg) else FigureCanvasAgg(fig)
    try:
        canvas.draw()
        yield canvas.get_renderer()
    finally:
        if canvas is not old:
            fig.set_canvas(old)


def place_legend(ax, **kwargs):
    """A legend in the first corner of ``ax`` where it covers no data; if every corner does,
    outside the axes on the right. ``kwargs`` go to ``ax.legend``. Returns the legend."""
    with _drawn(ax.figure) as renderer:
        for loc in _CORNERS:
            legend = ax.legend(loc=loc, **kwargs)
            legend.draw(renderer)
            if _covered(ax, legend) == 0:
                return legend
    return ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0, **kwargs)


def _out_of_view(fig) -> set[int]:
    """Ids of the tick labels matplotlib does not draw (their tick lies outside the view)."""
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            slack = 1e-9 * max(abs(lo), abs(hi), 1.0)
            for ticks, locs in ((axis.get_major_ticks(), axis.get_majorticklocs()),
                                (axis.get_minor_ticks(), axis.get_minorticklocs())):
                for tick, loc in zip(ticks, locs, strict=False):
                    if not lo - slack <= loc <= hi + slack:
                        hidden.update((id(tick.label1), id(tick.label2)))
    return hidden


def _texts(fig) -> list:
    """The drawn, non-empty texts of ``fig`` outside legends (titles, labels, tick labels)."""
    skip = _out_of_view(fig)
    for legend in [ax.get_legend() for ax in fig.axes] + list(fig.legends):
        if legend is not None:
            skip.update(id(t) for t in legend.get_texts())
            skip.add(id(legend.get_title()))
    return [t for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip() and id(t) not in skip]


def _unlabelled(ax) -> list[str]:
    problems = []
    for name, axis, label in (("x", ax.xaxis, ax.get_xlabel()), ("y", ax.yaxis, ax.get_ylabel())):
        shows_numbers = axis.get_visible() and any(
            t.get_visible() and t.get_text().strip() for t in axis.get_ticklabels())
        if shows_numbers and not label.strip():
            problems.append(f"axes '{ax.get_title()}': the {name} axis has numbers but no label")
    return problems


def _overlaps(texts, boxes, frame, tight: bool) -> list[str]:
    problems = []
    for i, (text, b) in enumerate(zip(texts, boxes, strict=True)):
        if not tight and (b.x0 < frame.x0 - 1 or b.x1 > frame.x1 + 1 or b.y0 < frame.y0 - 1
                          or b.y1 > frame.y1 + 1):
            problems.append(f"text {text.get_text()!r} is cut off at the figure's edge")
        for other, c in zip(texts[i + 1:], boxes[i + 1:], strict=True):
            if min(b.x1, c.x1) - max(b.x0, c.x0) > 1 and min(b.y1, c.y1) - max(b.y0, c.y0) > 1:
                problems.append(f"text {text.get_text()!r} runs into {other.get_text()!r}")
    return problems


def figure_problems(fig, *, min_dpi: float = DPI, max_px: float = COLUMN_PX,
                    tight: bool = True) -> list[str]:
    """What makes ``fig`` hard to read, one sentence each (empty: nothing).

    Checks the dots per inch, the width in pixels (of the tight bounding box when ``tight``,
    as the notebook's inline backend saves it, else of the whole figure), unlabelled axes,
    texts that overlap each other or (``tight=False``) leave the figure, and legends over
    data.
    """
    problems = []
    if fig.dpi < min_dpi:
        problems.append(f"{fig.dpi:g} dpi, below {min_dpi:g}")
    with _drawn(fig) as renderer:
        box = fig.get_tightbbox(renderer) if tight else fig.bbox_inches
        width = box.width * fig.dpi
        if width > max_px + 1:
            problems.append(f"{width:.0f} px wide, more than the column's {max_px:g} px")
        for ax in fig.axes:
            if ax.get_visible():
                problems += _unlabelled(ax)
                legend = ax.get_legend()
                covered = _covered(ax, legend) if legend and legend.get_visible() else 0
                if covered:
                    problems.append(f"axes '{ax.get_title()}': the legend covers {covered} "
                                    "data points")
        texts = _texts(fig)
        boxes = [t.get_window_extent(renderer) for t in texts]
        problems += _overlaps(texts, boxes, fig.bbox, tight)
        problems += _legends_over_texts(fig, texts, boxes, renderer)
    return problems


def _legends_over_texts(fig, texts, boxes, renderer) -> list[str]:
    problems = []
    for legend in [ax.get_legend() for ax in fig.axes] + list(fig.legends):
        if legend is None or not legend.get_visible():
            continue
        box = legend.get_window_extent(renderer)
        for text, b in zip(texts, boxes, strict=True):
            if min(b.x1, box.x1) - max(b.x0, box.x0) > 1 and \
                    min(b.y1, box.y1) - max(b.y0, box.y0) > 1:
                problems.append(f"a legend covers the text {text.get_text()!r}")
    return problems
