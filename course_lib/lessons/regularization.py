"""Helpers of the regularization notebook, also used by dropout (same field, same network).

One **trial** is a training set of kicks and a starting network, both drawn from one seed
(:func:`trial`). Every model of a comparison trains from that start for the same number of
iterations (:func:`train`), so a difference between two models comes from the method, not from
a shorter or longer run. :func:`compare` repeats a comparison over several seeds and prints
mean +- standard deviation; :func:`report` and :func:`show_boundaries` print and draw single
models; :func:`lambda_explorer` is the ``lambd`` slider, whose frames are trained exactly as
:func:`train` trains (same start, same budget), so slider and text agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np

from course_lib.checks.messages import note_if_failing
from course_lib.core import data, nn
from course_lib.core.weights import largest_input_share, near_zero_share, weight_norm
from course_lib.display import plotting
from course_lib.display.widgets import SliderFigure
from course_lib.lessons.sliders import StudentCodeError, explorer_figure, fit_path, guard
from course_lib.lessons.sliders import report as report_failure

__all__ = ["LAYERS_DIMS", "LEARNING_RATE", "ITERATIONS", "SEEDS", "Trial", "trial", "penalized",
           "train", "Scores", "scores", "Comparison", "compare", "logistic_regression",
           "best_possible", "report", "show_kicks", "field_labels", "show_boundaries",
           "lambda_explorer"]

#: The network, the step size and the budget of every model of the two notebooks.
LAYERS_DIMS = (2, 40, 20, 1)
LEARNING_RATE = 1.0
ITERATIONS = 600
#: The seeds of the comparisons (a new training set and a new start for each).
SEEDS = (0, 1, 2, 3, 4)


@dataclass
class Trial:
    """One draw: ``train``, ``dev``, ``test`` are ``(X (2, m), Y (1, m))`` pairs; ``start`` the
    initial parameters of ``LAYERS_DIMS`` (He)."""

    seed: int
    train: tuple
    dev: tuple
    test: tuple
    start: dict


def trial(seed: int = 0) -> Trial:
    """The kicks of ``data.load_kicks(seed)`` and a He start drawn with ``seed``."""
    sets = data.load_kicks(seed)
    start = nn.initialize_parameters(list(LAYERS_DIMS), np.random.default_rng(seed), "he")
    return Trial(seed, sets["train"], sets["dev"], sets["test"], start)


def penalized(cost: Callable, backward: Callable, lambd: float) -> dict:
    """The ``cost``/``backward`` arguments of ``nn.train`` for a penalty with ``lambd``:
    ``cost(A3, Y, parameters, lambd)`` and ``backward(X, Y, cache, lambd)``. Prints a note
    when one of them fails its visible check."""
    note_if_failing(cost, backward)
    return {"cost": lambda A3, Y, parameters: cost(A3, Y, parameters, lambd),
            "backward": lambda X, Y, cache: backward(X, Y, cache, lambd)}


def train(t: Trial, pieces: dict | None = None, *, iterations: int = ITERATIONS,
          learning_rate: float = LEARNING_RATE, start: dict | None = None) -> dict:
    """Train from ``t.start`` (or ``start``) for ``iterations`` with the ``nn.train`` pieces
    ``pieces`` (``forward``, ``backward``, ``cost``; none: no regularization). numpy's global
    generator is seeded with ``t.seed`` first, so dropout masks drawn with ``np.random`` repeat
    from run to run. Returns the trained parameters."""
    np.random.seed(t.seed)
    parameters, _ = nn.train(*t.train, t.start if start is None else start,
                             learning_rate=learning_rate, num_iterations=iterations,
                             record_every=iterations, **(pieces or {}))
    return parameters


@dataclass
class Scores:
    """What the lessons measure of one model (accuracies predicted without dropout)."""

    train: float
    dev: float
    test: float
    weight_norm: float
    near_zero: float
    largest_share: float

    @property
    def gap(self) -> float:
        """Train accuracy minus dev accuracy: the variance the model shows."""
        return self.train - self.dev


def scores(parameters: dict, t: Trial, forward: Callable = nn.forward_propagation) -> Scores:
    """The :class:`Scores` of ``parameters`` on trial ``t``."""
    L = sum(1 for k in parameters if k.startswith("W"))
    return Scores(*(nn.accuracy(X, Y, parameters, forward) for X, Y in (t.train, t.dev, t.test)),
                  weight_norm(parameters), near_zero_share(parameters),
                  largest_input_share(parameters[f"W{L}"]))


@dataclass
class Comparison:
    """Models of several methods on several seeds: ``runs[name][k]`` is ``(parameters,
    scores)`` on ``seeds[k]``."""

    seeds: list[int]
    runs: dict[str, list[tuple[dict, Scores]]] = field(default_factory=dict)

    def values(self, name: str, what: str) -> np.ndarray:
        """``what`` (a :class:`Scores` field or ``"gap"``) of ``name`` on every seed."""
        return np.array([getattr(s, what) for _, s in self.runs[name]])

    def gain(self, name: str, baseline: str, what: str = "dev") -> np.ndarray:
        """Per seed, ``what`` of ``name`` minus ``what`` of ``baseline`` (paired)."""
        return self.values(name, what) - self.values(baseline, what)

    def model(self, name: str, seed: int | None = None) -> dict:
        """The parameters of ``name`` on ``seed`` (default: the first seed)."""
        k = 0 if seed is None else self.seeds.index(seed)
        return self.runs[name][k][0]

    def table(self, baseline: str | None = None) -> str:
        """Mean +- standard deviation over the seeds, one line per method."""
        n = len(self.seeds)
        head = f"{'':<26}{'train':>12}{'dev':>12}{'train - dev':>14}{'weight norm':>13}"
        lines = [f"mean +- sd over {n} seeds (a new training set and start for each)", head
                 + (f"{'dev gain':>13}" if baseline else "")]
        for name in self.runs:
            cells = [_pm(100 * self.values(name, w), 1) for w in ("train", "dev", "gap")]
            row = (f"{name:<26}{cells[0]:>12}{cells[1]:>12}{cells[2]:>14}"
                   f"{_pm(self.values(name, 'weight_norm'), 1):>13}")
            if baseline and name != baseline:
                row += f"{_pm(100 * self.gain(name, baseline), 1, sign=True):>13}"
            lines.append(row)
        lines.append("(accuracies in %; dev gain: dev accuracy minus the baseline's, seed by seed)"
                     if baseline else "(accuracies in %)")
        return "\n".join(lines)


def _pm(values: np.ndarray, digits: int, sign: bool = False) -> str:
    fmt = f"{{:{'+' if sign else ''}.{digits}f}}"
    return f"{fmt.format(values.mean())} ± {values.std(ddof=1):.{digits}f}"


def compare(methods: dict[str, dict | None], seeds: Iterable[int] = SEEDS, *,
            forward: dict[str, Callable] | None = None, show: bool = True,
            baseline: str | None = None, into: Comparison | None = None,
            **train_kwargs) -> Comparison:
    """Train every method (``name -> nn.train pieces``, or a callable ``Trial -> parameters``)
    on every seed and print :meth:`Comparison.table`. ``forward[name]`` predicts for methods
    that are not the three-layer network (``nn.deep_forward`` for logistic regression).
    ``into``: add the methods to that comparison (same seeds; a method already there is
    replaced, so running a cell twice changes nothing) and print all of it."""
    result = Comparison(list(seeds)) if into is None else into
    runs: dict[str, list] = {name: [] for name in methods}
    for seed in result.seeds:
        t = trial(seed)
        for name, pieces in methods.items():
            parameters = pieces(t) if callable(pieces) else train(t, pieces, **train_kwargs)
            fwd = (forward or {}).get(name, nn.forward_propagation)
            runs[name].append((parameters, scores(parameters, t, fwd)))
    result.runs.update(runs)  # only once every run is done: a failure leaves it unchanged
    if show:
        print(result.table(baseline))
    return result


def logistic_regression(t: Trial, iterations: int = 300) -> dict:
    """Logistic regression (``layers_dims = [2, 1]``) on ``t.train``: a straight boundary."""
    start = nn.initialize_parameters([2, 1], np.random.default_rng(t.seed))
    parameters, _ = nn.train(*t.train, start, forward=nn.deep_forward, backward=nn.deep_backward,
                             learning_rate=LEARNING_RATE, num_iterations=iterations,
                             record_every=iterations)
    return parameters


def best_possible(t: Trial) -> Scores:
    """Accuracy of the true frontier (every swapped label counts as an error): no model can
    expect more on new kicks."""
    acc = [float(np.mean(data.kicks_frontier_labels(X) == Y)) for X, Y in (t.train, t.dev,
                                                                           t.test)]
    return Scores(*acc, np.nan, np.nan, np.nan)


def report(name: str, parameters: dict, t: Trial,
                 forward: Callable = nn.forward_propagation) -> None:
    """Print train and dev accuracy and weight norm of one model (returns nothing, so that a
    cell ending with it shows the line only; :func:`scores` gives the numbers)."""
    s = scores(parameters, t, forward)
    print(f"{name:<26} train {s.train:6.1%}   dev {s.dev:6.1%}   weight norm "
          f"{s.weight_norm:6.2f}")


def show_boundaries(models: dict[str, dict | tuple[dict, Callable]], t: Trial,
                    steps: int = 80) -> None:
    """Decision boundaries side by side over the training kicks, each titled with its train and
    dev accuracy; ``models`` maps a name to parameters or ``(parameters, forward)``."""
    fig, axes = plt.subplots(1, len(models), figsize=(2.9 * len(models), 3.1), dpi=100,
                             layout="constrained")
    for ax, (name, model) in zip(np.atleast_1d(axes), models.items(), strict=True):
        parameters, forward = model if isinstance(model, tuple) else (model,
                                                                      nn.forward_propagation)
        s = scores(parameters, t, forward)
        plotting.plot_decision_boundary(nn.predictor(parameters, forward), *t.train, ax=ax,
                                        steps=steps)
        ax.set_title(f"{name}\ntrain {s.train:.0%}, dev {s.dev:.0%}", fontsize=9)
        field_labels(ax)
    plt.show()


def show_kicks(t: Trial) -> None:
    """The training kicks of ``t`` and the true frontier (dashed)."""
    fig, ax = plt.subplots(figsize=(4.4, 3.6), dpi=100, layout="constrained")
    plotting.plot_dataset(*t.train, ax=ax, title=f"Training set ({t.train[0].shape[1]} kicks)")
    x1 = np.linspace(-data.FIELD_HALF_WIDTH, data.FIELD_HALF_WIDTH, 200)
    ax.plot(x1, data.kicks_frontier(x1), "k--", linewidth=1, label="true frontier")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    field_labels(ax)
    plt.show()


def field_labels(ax) -> None:
    """Axis labels of the field, with their unit (the field is 3 units wide)."""
    ax.set_xlabel("$x_1$ (field units)", fontsize=9)
    ax.set_ylabel("$x_2$ (field units)", fontsize=9)


def lambda_explorer(X: np.ndarray, Y: np.ndarray, dev_X: np.ndarray, dev_Y: np.ndarray,
                    parameters: dict, penalties: dict[str, tuple[Callable, Callable]],
                    lambds: Sequence[float], *, iterations: int = ITERATIONS,
                    learning_rate: float = LEARNING_RATE, steps: int = 60,
                    initial: float | None = None, seed: int | None = 0,
                    known: dict[str, dict[float, dict]] | None = None, show: bool = True,
                    display: Callable | None = None) -> SliderFigure | None:
    """A ``lambd`` slider (and a toggle between penalties): decision boundary, train and dev
    accuracy, weight norm and share of near-zero weights for every ``lambd``.

    ``penalties`` maps a label (``"L2"``, ``"L1"``) to the student's ``(cost, backward)`` pair,
    ``cost(A3, Y, parameters, lambd)`` and ``backward(X, Y, cache, lambd)``. Every model starts
    from ``parameters`` and trains ``iterations``, as :func:`train` does (give it the trial's
    ``start`` and the same budget, and each frame is the model the text trains). ``known``:
    ``{penalty: {lambd: parameters}}`` of models the notebook already trained that way (they
    are reused; ``lambd = 0`` is shared by all penalties). A broken function prints what went
    wrong and returns None; a function whose visible check fails gets a note.
    """
    note_if_failing(*(fn for pair in penalties.values() for fn in pair))
    grid = plotting.boundary_grid(X, steps=steps)
    groups, shared = {}, {}
    try:
        for label, (cost, backward) in penalties.items():
            state: dict = {}
            g_cost, g_backward = guard(cost, "cost", state), guard(backward, "backward", state)
            groups[label] = fit_path(
                lambds, lambda lambd, c=g_cost, b=g_backward: penalized(c, b, lambd),
                X, Y, dev_X, dev_Y, parameters, iterations=iterations,
                learning_rate=learning_rate, grid=grid, seed=seed,
                known={**shared, **(known or {}).get(label, {})})
            shared = {f.value: f.parameters for f in groups[label] if f.value == 0}
    except StudentCodeError as exc:
        report_failure(exc, "lambd")
        return None
    first = list(penalties)[0]
    start = {"penalty": first, "lambd": lambds[0] if initial is None else initial}
    explorer = explorer_figure(X, Y, grid, "lambd", groups,
                               [("weight norm", "weight_norm", 1.0, "",
                                 "weight norm (√Σw², all layers)"),
                                ("near-zero weights", "near_zero", 100.0, "%")],
                               group_name="penalty", initial=start, fmt=lambda v: f"{v:g}")
    return explorer.show(display) if show else explorer
