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


def explorer_figure(X, Y, grid, name: str, groups: dict[str, list[Fit]], stats, *,
              group_name: str | None, initial: dict, fmt: Callable) -> SliderFigure:
    """The figure shared by the sliders: decision boundary | accuracy | weight statistics.

    ``stats`` is two ``(label, attribute, scale, unit[, axis label])`` tuples drawn on the left
    and right axes of the third panel (``unit`` is ``""`` or ``"%"``; the axis label defaults to
    ``"label (unit)"``).
    """
    first = next(iter(groups.values()))
    values = [f.value for f in first]
    positions = np.arange(len(values))
    xx, yy, _ = grid
    fig = new_figure((8.8, 3.1), dpi=100)  # 880 px: fits the notebook column
    ax_b, ax_a, ax_w = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.0, 1.2, 1.2]})
    image = ax_b.imshow(first[0].labels, origin="lower", cmap=_REGION_COLORS, vmin=0, vmax=1,
                        extent=(xx.min(), xx.max(), yy.min(), yy.max()), aspect="auto",
                        interpolation="nearest")
    plotting.plot_dataset(X, Y, ax=ax_b, s=9)
    ax_b.set_xlabel("$x_1$ (field units)", fontsize=9)
    ax_b.set_ylabel("$x_2$ (field units)", fontsize=9, labelpad=0)
    title = ax_b.set_title("", fontsize=9)

    train_line, = ax_a.plot(positions, [f.train_accuracy for f in first], "o-", label="train")
    dev_line, = ax_a.plot(positions, [f.dev_accuracy for f in first], "s-", label="dev")
    every = [f for fits in groups.values() for f in fits]
    low = min(min(f.train_accuracy, f.dev_accuracy) for f in every)
    ax_a.set_ylim(min(0.75, low - 0.02), 1.005)
    ax_a.set_ylabel("accuracy (fraction correct)")
    ax_a.legend(loc="upper right", fontsize=8, ncols=2)

    (label_l, attr_l, scale_l, unit_l, *axis_l), (label_r, attr_r, scale_r, unit_r, *axis_r) = stats
    ax_r = ax_w.twinx()
    left_line, = ax_w.plot(positions, [getattr(f, attr_l) * scale_l for f in first], "o-",
                           color="#2ca02c")
    right_line, = ax_r.plot(positions, [getattr(f, attr_r) * scale_r for f in first], "^--",
                            color="#9467bd")
    ax_w.set_ylabel(axis_l[0] if axis_l else f"{label_l} ({unit_l})", color="#2ca02c")
    ax_r.set_ylabel(axis_r[0] if axis_r else f"{label_r} ({unit_r})", color="#9467bd")
    ax_w.set_ylim(0, 1.08 * max(getattr(f, attr_l) * scale_l for f in every))
    ax_r.set_ylim(0, 1.08 * max(max(getattr(f, attr_r) * scale_r for f in every), 1e-9))

    markers = []
    for ax in (ax_a, ax_w):
        ax.set_xticks(positions, labels=[fmt(v) for v in values])
        ax.set_xlabel(name)
        markers.append(ax.axvline(0, color="k", linewidth=6, alpha=0.12))

    def update(key: dict) -> None:
        fits = groups[key[group_name]] if group_name else first
        i = values.index(key[name])
        fit = fits[i]
        image.set_data(fit.labels)
        prefix = f"{key[group_name]}, " if group_name else ""
        title.set_text(f"{prefix}{name} = {fmt(fit.value)}\ntrain {_percent(fit.train_accuracy)},"
                       f" dev {_percent(fit.dev_accuracy)}")
        train_line.set_ydata([f.train_accuracy for f in fits])
        dev_line.set_ydata([f.dev_accuracy for f in fits])
        left_line.set_ydata([getattr(f, attr_l) * scale_l for f in fits])
        right_line.set_ydata([getattr(f, attr_r) * scale_r for f in fits])
        ax_w.title.set_text(f"{label_l} {getattr(fit, attr_l) * scale_l:.3g}{unit_l}\n"
                            f"{label_r} {getattr(fit, attr_r) * scale_r:.3g}{unit_r}")
        for marker in markers:
            marker.set_xdata([i, i])

    ax_a.set_title(f"train and dev accuracy\nfor each {name}", fontsize=9)  # static
    ax_w.set_title(" ", fontsize=9)
    update({**{group_name: next(iter(groups))}, **initial} if group_name else initial)
    fig.subplots_adjust(left=0.075, right=0.93, bottom=0.15, top=0.83, wspace=0.45)
    controls = ({group_name: list(groups)} if group_name else {}) | {name: values}
    animated = [image, *ax_b.collections, title, *markers, train_line, dev_line, left_line,
                right_line, ax_w.title]
    return SliderFigure(fig, controls, update, initial=initial, formats={name: fmt},
                        animated=animated)


def report(exc: StudentCodeError, what: str) -> None:
    print(f"The {what} slider could not train a model: {exc}.\n"
          "Finish that exercise (its check above should pass), then run this cell again.")
