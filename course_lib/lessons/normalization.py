"""Cost contours and gradient-descent paths for the normalization lesson.

The chapter's picture: a linear model ``y_hat = w x + b`` with one input feature and the cost
``J(w, b) = 1/(2m) sum (w x + b - y)^2``. Its contours in the ``(w, b)`` plane are ellipses whose
shape depends on the input's mean and spread: long and thin for a raw feature far from 0, round
for a feature with mean 0 and standard deviation 1. Gradient descent zig-zags across the thin
ellipses, needs a small learning rate to stay stable, and many iterations.

Shapes: ``x`` and ``y`` are ``(1, m)``; ``w`` and ``b`` are numbers or arrays of one shape (a
grid).

Also here: :func:`best_iterations` (the fewest iterations over a range of learning rates),
:func:`learning_rate_explorer` (the learning-rate slider, every frame rendered up front) and
:func:`mark_predictions` (dev points drawn so that the misclassified ones stand out), and
:func:`note_if_failing` (from :mod:`course_lib.checks.messages`), which each lesson cell that
calls the student's functions calls first: one line when a function fails its visible check
above, since the cell's results then come from it as it is. The slider's cell calls none of
them but shows the feature they normalized: it calls :func:`note_failing_normalization`, which
finds them by name (a cell that named them would change what the notebook's guide says when the
cell stops because one is not done yet).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from course_lib.checks.messages import note_failing_named, note_if_failing
from course_lib.core import nn
from course_lib.display.widgets import SliderFigure, new_figure
from course_lib.lessons.initialization import dead_units

__all__ = ["make_regression", "linear_cost", "linear_gradients", "gradient_descent",
           "iterations_to_reach", "best_iterations", "optimum", "largest_stable_rate",
           "cost_grid", "plot_contours", "learning_rate_explorer", "mark_predictions",
           "dead_units", "note_if_failing", "NORMALIZED_BY", "note_failing_normalization"]

#: The student's functions that normalize the feature of section 5 (contours and slider).
NORMALIZED_BY = ("compute_normalization_parameters", "normalize_inputs")


def note_failing_normalization() -> list[str]:
    """:func:`note_if_failing` for each of :data:`NORMALIZED_BY` whose last visible check
    failed (found by name, for the slider's cell, which calls neither). Returns the names
    noted."""
    return note_failing_named(*NORMALIZED_BY)


def make_regression(m: int, rng: np.random.Generator, *, mean: float = 5.0, std: float = 2.0,
                    slope: float = 1.5, intercept: float = -4.0, noise: float = 0.5
                    ) -> tuple[np.ndarray, np.ndarray]:
    """``m`` examples of one feature ``x ~ N(mean, std^2)`` and ``y = slope x + intercept +``
    noise. Returns ``x (1, m)``, ``y (1, m)``."""
    x = rng.normal(mean, std, size=(1, m))
    y = slope * x + intercept + rng.normal(0.0, noise, size=(1, m))
    return x, y


def linear_cost(w, b, x: np.ndarray, y: np.ndarray):
    """``J(w, b) = 1/(2m) sum_i (w x_i + b - y_i)^2``; ``w``, ``b`` numbers or a grid."""
    w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    residual = w[..., None] * x.reshape(-1) + b[..., None] - y.reshape(-1)
    return 0.5 * np.mean(residual ** 2, axis=-1)


def linear_gradients(w: float, b: float, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """``(dJ/dw, dJ/db)`` of :func:`linear_cost` at one point."""
    residual = w * x + b - y
    return float(np.mean(residual * x)), float(np.mean(residual))


def gradient_descent(x: np.ndarray, y: np.ndarray, learning_rate: float, num_iterations: int,
                     start: tuple[float, float] = (0.0, 0.0), limit: float = 1e6
                     ) -> np.ndarray:
    """The points ``(w, b)`` visited by gradient descent, shape ``(k + 1, 2)``; stops early
    (``k < num_iterations``) once the iterate leaves ``|w|, |b| < limit`` (divergence)."""
    w, b = start
    path = [(w, b)]
    for _ in range(num_iterations):
        dw, db = linear_gradients(w, b, x, y)
        w, b = w - learning_rate * dw, b - learning_rate * db
        path.append((w, b))
        if not (abs(w) < limit and abs(b) < limit):
            break
    return np.array(path)


def optimum(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """The ``(w, b)`` of least cost (least squares)."""
    A = np.vstack([x.reshape(-1), np.ones(x.size)]).T
    (w, b), *_ = np.linalg.lstsq(A, y.reshape(-1), rcond=None)
    return float(w), float(b)


def largest_stable_rate(x: np.ndarray) -> float:
    """Gradient descent on :func:`linear_cost` converges for ``learning_rate < 2 / lambda_max``,
    ``lambda_max`` the largest eigenvalue of the Hessian ``[[E x^2, E x], [E x, 1]]``."""
    return float(2.0 / np.linalg.eigvalsh(_hessian(x))[-1])


def _hessian(x: np.ndarray) -> np.ndarray:
    x = x.reshape(-1)
    return np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])


def iterations_to_reach(x: np.ndarray, y: np.ndarray, learning_rate: float, tol: float = 1e-3,
                        max_iterations: int = 100_000, start: tuple[float, float] = (0.0, 0.0)
                        ) -> int | None:
    """Iterations of gradient descent from ``start`` until the cost is within ``tol`` of its
    minimum; None if it diverges or needs more than ``max_iterations``.

    The cost is quadratic, so the answer is exact without running the loop: along each
    eigenvector of the Hessian ``H`` (eigenvalue ``lambda``) the distance to the optimum is
    multiplied by ``1 - learning_rate * lambda`` at every step, and
    ``J_k - J_min = 1/2 sum lambda (1 - learning_rate lambda)^(2k) c^2``.
    """
    lambdas, vectors = np.linalg.eigh(_hessian(x))
    c = vectors.T @ (np.asarray(start, dtype=float) - np.asarray(optimum(x, y)))
    factors = (1.0 - learning_rate * lambdas) ** 2
    if np.any((factors >= 1.0) & (np.abs(c) > 0)):
        return None if 0.5 * np.sum(lambdas * c ** 2) > tol else 0
    for first in range(0, max_iterations + 1, 2048):
        k = np.arange(first, min(first + 2048, max_iterations + 1))[:, None]
        gaps = 0.5 * np.sum(lambdas * c ** 2 * factors ** k, axis=1)
        reached = np.flatnonzero(gaps <= tol)
        if reached.size:
            return int(first + reached[0])
    return None


def best_iterations(x: np.ndarray, y: np.ndarray, rates: Sequence[float],
                    max_iterations: int = 20_000, **kwargs) -> tuple[int | None, float | None]:
    """``(iterations, rate)``: the fewest iterations of :func:`iterations_to_reach` over
    ``rates`` and the learning rate that needs them (``(None, None)`` if none converges)."""
    best = (None, None)
    for rate in rates:
        n = iterations_to_reach(x, y, rate, max_iterations=max_iterations, **kwargs)
        if n is not None and (best[0] is None or n < best[0]):
            best = (n, float(rate))
    return best


def cost_grid(x: np.ndarray, y: np.ndarray, w_range: tuple[float, float],
              b_range: tuple[float, float], steps: int = 60
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(W, B, J)`` on a ``steps x steps`` grid, for ``contour`` plots."""
    W, B = np.meshgrid(np.linspace(*w_range, steps), np.linspace(*b_range, steps))
    return W, B, linear_cost(W, B, x, y)


def plot_contours(ax, x: np.ndarray, y: np.ndarray, w_range, b_range, title: str = "",
                  levels: int = 18):
    """Log-spaced contours of :func:`linear_cost` on ``ax``, the minimum marked with a star."""
    W, B, J = cost_grid(x, y, w_range, b_range)
    J_min = float(linear_cost(*optimum(x, y), x, y))
    ax.contour(W, B, J, levels=J_min + np.geomspace(1e-2, J.max() - J_min, levels),
               cmap="viridis", linewidths=0.8)
    ax.plot(*optimum(x, y), "*", color="crimson", ms=12)
    ax.set_xlim(*w_range)
    ax.set_ylim(*b_range)
    ax.set_xlabel("w (weight)")
    ax.set_ylabel("b (bias)")
    if title:
        ax.set_title(title)
    return ax


def learning_rate_explorer(sets: dict[str, np.ndarray], y: np.ndarray, windows: dict,
                           starts: dict, rates: Sequence[float], *, steps: int = 60,
                           initial: float | None = None, prerender: bool = True,
                           figsize=(8.8, 3.7), dpi: float = 100) -> SliderFigure:
    """Contours of each ``sets[name]`` (``x (1, m)``) with the path of ``steps`` gradient-descent
    steps from ``starts[name]``, one frame per learning rate of ``rates``.

    ``windows[name]`` is ``((w_min, w_max), (b_min, b_max))``. The paths are computed here, the
    contours drawn once (only the paths and their labels are redrawn, see
    :class:`course_lib.display.widgets.SliderFigure`), and with ``prerender`` every frame is
    rendered before the figure is shown, so a slider move only swaps images.
    """
    rates = list(rates)
    fig = new_figure(figsize, dpi=dpi)
    frames, animated = {}, []
    for k, (name, x) in enumerate(sets.items()):
        ax = fig.add_subplot(1, len(sets), k + 1)
        plot_contours(ax, x, y, *windows[name], title=name)
        line, = ax.plot([], [], ".-", color="tab:orange", ms=4, lw=1)
        label = ax.text(0.02, 0.03, "", transform=ax.transAxes, fontsize=9,
                        bbox={"facecolor": "white", "alpha": 0.85})
        animated += [line, label]
        w_opt, b_opt = optimum(x, y)
        for rate in rates:
            path = gradient_descent(x, y, rate, steps, start=starts[name])
            diverged = len(path) < steps + 1 or np.abs(path[-1]).max() > 1e3
            gap = np.hypot(path[-1, 0] - w_opt, path[-1, 1] - b_opt)
            text = f"rate {rate:g}: " + ("diverges" if diverged else f"distance to min {gap:.2g}")
            frames[name, rate] = (line, label, path, text)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.9, wspace=0.28)

    def update(key: dict) -> None:
        for name in sets:
            line, label, path, text = frames[name, key["learning_rate"]]
            line.set_data(path[:, 0], path[:, 1])
            label.set_text(text)

    slider = SliderFigure(fig, {"learning_rate": rates}, update,
                          initial={"learning_rate": rates[0] if initial is None else initial},
                          animated=animated)
    if prerender:
        for rate in rates:
            slider.frame({"learning_rate": rate})
    return slider


def mark_predictions(ax, X: np.ndarray, Y: np.ndarray, parameters: dict) -> int:
    """Draw the examples ``X (2, m)`` on ``ax``: correctly classified ones as small black
    crosses, misclassified ones as large magenta crosses. Returns the number misclassified."""
    wrong = (nn.predict(X, parameters) != Y).ravel()
    ax.scatter(X[0, ~wrong], X[1, ~wrong], c="k", marker="x", s=22, linewidths=1,
               label="dev, right")
    ax.scatter(X[0, wrong], X[1, wrong], c="magenta", marker="X", s=70, edgecolors="k",
               linewidths=0.6, label="dev, wrong")
    return int(wrong.sum())
