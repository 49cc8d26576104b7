"""The machinery of the ``lambd`` and ``keep_prob`` sliders (regularization and dropout).

- :func:`guard`: wrap a student's function so that a mistake in it becomes a readable message
  instead of a traceback deep inside a training loop;
- :func:`fit_path`: one model per value of a hyperparameter (``lambd``, ``keep_prob``), trained
  with the student's own functions through :func:`course_lib.core.nn.train`, every model from
  the same start for the same number of iterations (as the notebooks' static experiments train
  theirs, so that a slider frame and the text agree);
- :func:`explorer_figure`: decision boundary | accuracy | weight statistics, a
  :class:`course_lib.display.widgets.SliderFigure` (used by
  :func:`course_lib.lessons.regularization.lambda_explorer` and
  :func:`course_lib.lessons.dropout.keep_prob_explorer`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.colors import ListedColormap

from course_lib.core import nn
from course_lib.core.weights import largest_input_share, near_zero_share, weight_norm
from course_lib.display import plotting
from course_lib.display.widgets import SliderFigure, new_figure

__all__ = ["StudentCodeError", "guard", "Fit", "fit_path", "explorer_figure", "report"]

# --- student code, guarded --------------------------------------------------------------------

class StudentCodeError(Exception):
    """One of the student's functions failed or returned something unusable."""


def _describe(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"a {type(value).__name__}"


def guard(fn: Callable, kind: str, state: dict | None = None, every: int = 100) -> Callable:
    """``fn`` wrapped so that an exception or an unusable result raises
    :class:`StudentCodeError` naming ``fn``.

    ``kind`` is ``"forward"`` (returns ``(A, cache)`` with ``A (1, m)`` in [0, 1]), ``"cost"``
    (a finite number) or ``"backward"`` (a dict with ``dW[l]``, ``db[l]`` shaped like the
    parameters that the guarded forward or cost last saw, kept in ``state``). Results are
    inspected on the first call and then every ``every`` calls (inspecting costs time); an
    exception is caught on every call.
    """
    name = getattr(fn, "__name__", "your function")
    state = {} if state is None else state
    calls = [0]

    def call(*args):
        try:
            out = fn(*args)
        except Exception as exc:
            detail = f": {exc}" if str(exc) else ""
            raise StudentCodeError(f"{name} raised {type(exc).__name__}{detail}") from None
        if kind != "backward":
            state["parameters"] = args[1] if kind == "forward" else args[2]
        if calls[0] % every == 0 or kind == "cost":
            problem = _problem(kind, out, args, state)
            if problem:
                raise StudentCodeError(f"{name} {problem}")
        calls[0] += 1
        return out

    call.__name__ = name
    return call


def _problem(kind: str, out, args, state: dict) -> str | None:
    if kind == "forward":
        X = args[0]
        if not isinstance(out, tuple) or len(out) != 2:
            return f"returned {_describe(out)}; expected a pair (A3, cache)"
        A = np.asarray(out[0])
        if A.shape != (1, X.shape[1]):
            return f"returned A3 of shape {A.shape}; expected (1, {X.shape[1]})"
        if not np.all(np.isfinite(A)) or A.min() < 0 or A.max() > 1:
            return "returned A3 with values outside [0, 1] (nan, inf or not a sigmoid?)"
        return None
    if kind == "cost":
        value = np.asarray(out, dtype=float) if isinstance(out, (int, float, np.ndarray,
                                                                 np.generic)) else None
        if value is None or value.size != 1:
            return f"returned {_describe(out)}; expected one number"
        if not np.isfinite(value).all():
            return f"returned {float(value.reshape(()))} (training diverged or a log of 0?)"
        return None
    if kind == "backward":
        if not isinstance(out, dict):
            return f"returned {_describe(out)}; expected a dict of gradients"
        parameters = state.get("parameters", {})
        for key, value in parameters.items():
            grad = out.get("d" + key)
            if grad is None:
                return f"returned no 'd{key}'"
            if np.shape(grad) != np.shape(value):
                return (f"returned d{key} of shape {np.shape(grad)}; expected "
                        f"{np.shape(value)}, the shape of {key}")
            if not np.all(np.isfinite(grad)):
                return f"returned d{key} with nan or inf"
        return None
    raise ValueError(f"unknown kind {kind!r}")


# --- one model per value -----------------------------------------------------------------------

@dataclass
class Fit:
    """A model trained for one value of the hyperparameter, and what the lessons show of it."""

    value: object
    parameters: dict
    train_accuracy: float
    dev_accuracy: float
    weight_norm: float
    near_zero: float
    largest_share: float
    largest_weight: float  # largest |w| of the output unit
    labels: np.ndarray  # predictions on the boundary grid, (steps, steps) uint8


def measure(value, parameters: dict, X, Y, dev_X, dev_Y, grid) -> Fit:
    """The :class:`Fit` of ``parameters`` (predictions without dropout)."""
    xx, _, points = grid
    L = sum(1 for k in parameters if k.startswith("W"))
    return Fit(value=value, parameters=parameters,
               train_accuracy=nn.accuracy(X, Y, parameters),
               dev_accuracy=nn.accuracy(dev_X, dev_Y, parameters),
               weight_norm=weight_norm(parameters), near_zero=near_zero_share(parameters),
               largest_share=largest_input_share(parameters[f"W{L}"]),
               largest_weight=float(np.abs(parameters[f"W{L}"]).max()),
               labels=nn.predict(points, parameters).reshape(xx.shape).astype(np.uint8))


def fit_path(values: Sequence, pieces: Callable[[object], dict], X: np.ndarray, Y: np.ndarray,
             dev_X: np.ndarray, dev_Y: np.ndarray, parameters: dict, *, iterations: int,
             learning_rate: float, grid, seed: int | None = None,
             known: dict | None = None) -> list[Fit]:
    """Train one model per value, each from ``parameters`` (not modified) for ``iterations``.

    ``pieces(value)`` returns the keyword arguments of :func:`course_lib.core.nn.train` for that
    value (``forward``, ``backward``, ``cost``), already guarded. With ``seed``, numpy's global
    generator is seeded before each model, so dropout masks drawn with ``np.random`` are those
    of :func:`course_lib.lessons.regularization.train` on a trial of that seed. ``known`` maps
    values to models already trained exactly so (the notebook's own runs): they are measured,
    not trained again.
    """
    fits = []
    for value in values:
        trained = (known or {}).get(value)
        if trained is None:
            if seed is not None:
                np.random.seed(seed)
            trained, _ = nn.train(X, Y, parameters, learning_rate=learning_rate,
                                  num_iterations=iterations, record_every=iterations,
                                  **pieces(value))
        fits.append(measure(value, trained, X, Y, dev_X, dev_Y, grid))
    return fits


# --- the sliders ---------------------------------------------------------------------------------

_REGION_COLORS = ListedColormap(["#f4b6b6", "#b6cff4"])  # class 0, class 1 (plotting's colours)


def _percent(x: float) -> str:
    return f"{100 * x:.0f}%"


class _Panels:
    """The three panels of a slider figure and the artists an update changes."""

    def __init__(self, X, Y, grid, name: str, groups: dict[str, list[Fit]], stats,
                 group_name: str | None, fmt: Callable):
        self.name, self.groups, self.group_name, self.fmt = name, groups, group_name, fmt
        self.first = next(iter(groups.values()))
        self.values = [f.value for f in self.first]
        self.every = [f for fits in groups.values() for f in fits]
        self.stats = [(label, attr, scale, unit) for label, attr, scale, unit, *_ in stats]
        self.fig = new_figure((8.8, 3.1), dpi=100)  # 880 px: fits the notebook column
        ax_b, self.ax_a, self.ax_w = self.fig.subplots(
            1, 3, gridspec_kw={"width_ratios": [1.0, 1.2, 1.2]})
        self._boundary(ax_b, X, Y, grid)
        self._accuracy()
        self._weights(stats)
        self._ticks_and_markers()

    def _boundary(self, ax, X, Y, grid) -> None:
        xx, yy, _ = grid
        self.image = ax.imshow(self.first[0].labels, origin="lower", cmap=_REGION_COLORS,
                               vmin=0, vmax=1, extent=(xx.min(), xx.max(), yy.min(), yy.max()),
                               aspect="auto", interpolation="nearest")
        plotting.plot_dataset(X, Y, ax=ax, s=9)
        ax.set_xlabel("$x_1$ (field units)", fontsize=9)
        ax.set_ylabel("$x_2$ (field units)", fontsize=9, labelpad=0)
        self.title = ax.set_title("", fontsize=9)
        self.ax_b = ax

    def _accuracy(self) -> None:
        ax, positions = self.ax_a, np.arange(len(self.values))
        self.train_line, = ax.plot(positions, [f.train_accuracy for f in self.first], "o-",
                                   label="train")
        self.dev_line, = ax.plot(positions, [f.dev_accuracy for f in self.first], "s-",
                                 label="dev")
        low = min(min(f.train_accuracy, f.dev_accuracy) for f in self.every)
        ax.set_ylim(min(0.75, low - 0.02), 1.005)
        ax.set_ylabel("accuracy (fraction correct)")
        ax.legend(loc="upper right", fontsize=8, ncols=2)

    def _weights(self, stats) -> None:
        positions = np.arange(len(self.values))
        ax_r = self.ax_w.twinx()
        self.stat_lines = []
        for ax, (label, attr, scale, unit, *axis), style, color in zip(
                (self.ax_w, ax_r), stats, ("o-", "^--"), ("#2ca02c", "#9467bd"), strict=True):
            line, = ax.plot(positions, [getattr(f, attr) * scale for f in self.first], style,
                            color=color)
            self.stat_lines.append(line)
            ax.set_ylabel(axis[0] if axis else f"{label} ({unit})", color=color)
            top = max(getattr(f, attr) * scale for f in self.every)
            ax.set_ylim(0, 1.08 * (top if ax is self.ax_w else max(top, 1e-9)))

    def _ticks_and_markers(self) -> None:
        positions = np.arange(len(self.values))
        self.markers = []
        for ax in (self.ax_a, self.ax_w):
            ax.set_xticks(positions, labels=[self.fmt(v) for v in self.values])
            ax.set_xlabel(self.name)
            self.markers.append(ax.axvline(0, color="k", linewidth=6, alpha=0.12))

    def update(self, key: dict) -> None:
        fits = self.groups[key[self.group_name]] if self.group_name else self.first
        i = self.values.index(key[self.name])
        fit = fits[i]
        self.image.set_data(fit.labels)
        prefix = f"{key[self.group_name]}, " if self.group_name else ""
        self.title.set_text(f"{prefix}{self.name} = {self.fmt(fit.value)}\ntrain "
                            f"{_percent(fit.train_accuracy)}, dev {_percent(fit.dev_accuracy)}")
        self.train_line.set_ydata([f.train_accuracy for f in fits])
        self.dev_line.set_ydata([f.dev_accuracy for f in fits])
        for line, (_, attr, scale, _unit) in zip(self.stat_lines, self.stats, strict=True):
            line.set_ydata([getattr(f, attr) * scale for f in fits])
        (label_l, attr_l, scale_l, unit_l), (label_r, attr_r, scale_r, unit_r) = self.stats
        self.ax_w.title.set_text(f"{label_l} {getattr(fit, attr_l) * scale_l:.3g}{unit_l}\n"
                                 f"{label_r} {getattr(fit, attr_r) * scale_r:.3g}{unit_r}")
        for marker in self.markers:
            marker.set_xdata([i, i])

    def animated(self) -> list:
        return [self.image, *self.ax_b.collections, self.title, *self.markers,
                self.train_line, self.dev_line, *self.stat_lines, self.ax_w.title]


def explorer_figure(X, Y, grid, name: str, groups: dict[str, list[Fit]], stats, *,
                    group_name: str | None, initial: dict, fmt: Callable) -> SliderFigure:
    """The figure shared by the sliders: decision boundary | accuracy | weight statistics.

    ``stats`` is two ``(label, attribute, scale, unit[, axis label])`` tuples drawn on the left
    and right axes of the third panel (``unit`` is ``""`` or ``"%"``; the axis label defaults to
    ``"label (unit)"``).
    """
    panels = _Panels(X, Y, grid, name, groups, stats, group_name, fmt)
    panels.ax_a.set_title(f"train and dev accuracy\nfor each {name}", fontsize=9)  # static
    panels.ax_w.set_title(" ", fontsize=9)
    panels.update({**{group_name: next(iter(groups))}, **initial} if group_name else initial)
    panels.fig.subplots_adjust(left=0.075, right=0.93, bottom=0.15, top=0.83, wspace=0.45)
    controls = ({group_name: list(groups)} if group_name else {}) | {name: panels.values}
    return SliderFigure(panels.fig, controls, panels.update, initial=initial,
                        formats={name: fmt}, animated=panels.animated())


def report(exc: StudentCodeError, what: str) -> None:
    print(f"The {what} slider could not train a model: {exc}.\n"
          "Finish that exercise (its check above should pass), then run this cell again.")
