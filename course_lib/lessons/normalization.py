"""Cost contours and gradient-descent paths for the normalization lesson.

The chapter's picture: a linear model ``y_hat = w x + b`` with one input feature and the cost
``J(w, b) = 1/(2m) sum (w x + b - y)^2``. Its contours in the ``(w, b)`` plane are ellipses whose
shape depends on the input's mean and spread: long and thin for a raw feature far from 0, round
for a feature with mean 0 and standard deviation 1. Gradient descent zig-zags across the thin
ellipses, needs a small learning rate to stay stable, and many iterations.

Shapes: ``x`` and ``y`` are ``(1, m)``; ``w`` and ``b`` are numbers or arrays of one shape (a
grid).
"""

from __future__ import annotations

import numpy as np

__all__ = ["make_regression", "linear_cost", "linear_gradients", "gradient_descent",
           "iterations_to_reach", "optimum", "largest_stable_rate", "cost_grid",
           "plot_contours"]


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
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    if title:
        ax.set_title(title)
    return ax
