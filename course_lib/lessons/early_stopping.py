"""The experiments of ``notebooks/05_early_stopping``: one long run with the dev cost recorded
and snapshots kept, the same network with L2 instead, and a slider through the snapshots.

The data is the wavy set with 15 % of the labels swapped anywhere on the square, and only 80
training points: a big network ``[2, 40, 20, 1]`` started from small weights (``randn * 0.1``)
overfits it after a few hundred iterations. Shapes: ``X (2, m)``, ``Y (1, m)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from course_lib.core import data, nn
from course_lib.lessons import experiments

__all__ = ["LAYERS", "SETTINGS", "wavy_sets", "start", "Run", "long_run", "l2_runs",
           "weight_norm", "snapshot_explorer"]

LAYERS = (2, 40, 20, 1)
#: Batch gradient descent for 3,000 iterations, the costs recorded every 10.
SETTINGS = {"learning_rate": 0.2, "num_iterations": 3000, "record_every": 10}
STAGES = 15
#: Share of swapped labels, anywhere on the square.
FLIP = 0.15


def wavy_sets(seed: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """``{"train": (X, Y), "dev": ..., "test": ...}`` with 80, 300 and 2,000 examples."""
    rng = np.random.default_rng(seed)
    return {name: data.make_wavy(m, flip=FLIP, reach=1.0, rng=rng)
            for name, m in (("train", 80), ("dev", 300), ("test", 2000))}


def start(seed: int) -> dict:
    """The initial parameters of ``LAYERS``: ``randn * 0.1`` (small weights)."""
    return nn.initialize_parameters(list(LAYERS), np.random.default_rng((seed, 1)), scale=0.1)


@dataclass
class Run:
    """A long run: the parameters at ``iterations[k]`` (snapshots), the final ones, and the
    recorded costs with the lowest-dev-cost parameters (``history.best_parameters``)."""

    iterations: list[int]
    snapshots: list[dict]
    final: dict
    history: nn.History


def long_run(sets: dict, parameters: dict, stages: int = STAGES) -> Run:
    """Train for ``SETTINGS["num_iterations"]`` in ``stages`` equal stages (one run: each stage
    starts where the last one stopped), recording train and dev costs throughout."""
    per_stage = SETTINGS["num_iterations"] // stages
    history = nn.History()
    iterations, snapshots = [0], [parameters]
    best = np.inf
    for s in range(stages):
        parameters, h = nn.train(*sets["train"], parameters, forward=nn.deep_forward,
                                 backward=nn.deep_backward, dev=sets["dev"],
                                 learning_rate=SETTINGS["learning_rate"],
                                 num_iterations=per_stage, record_every=SETTINGS["record_every"])
        first = 0 if s == 0 else 1  # a stage's iteration 0 is the last one's end
        history.iterations += [s * per_stage + i for i in h.iterations[first:]]
        history.train_cost += h.train_cost[first:]
        history.dev_cost += h.dev_cost[first:]
        if min(h.dev_cost) < best:
            best = min(h.dev_cost)
            history.best_iteration = s * per_stage + h.best_iteration
            history.best_parameters = h.best_parameters
        iterations.append((s + 1) * per_stage)
        snapshots.append(parameters)
    return Run(iterations, snapshots, parameters, history)


def l2_runs(sets: dict, parameters: dict, lambds: Sequence[float]
            ) -> dict[float, tuple[dict, nn.History]]:
    """For each ``lambd``, the same network trained to the end with weight decay; the dev cost
    is recorded as the plain cross-entropy, comparable with the unregularized run's."""
    return {lambd: experiments.fit(*sets["train"], None, None, parameters=parameters,
                                   lambd=lambd, dev=sets["dev"], **SETTINGS)
            for lambd in lambds}


def weight_norm(parameters: dict) -> float:
    """``sum_l ||W[l]||_F^2``, the quantity L2 penalizes."""
    return sum(float(np.sum(v ** 2)) for k, v in parameters.items() if k.startswith("W"))


def snapshot_explorer(sets: dict, run: Run, steps: int = 80):
    """A :class:`~course_lib.display.widgets.SliderFigure` through the snapshots of ``run``:
    the decision boundary at that iteration | the train and dev costs with a marker there.
    Every boundary is computed up front; a slider move only swaps the image and the marker."""
    from matplotlib.colors import ListedColormap

    from course_lib.display import plotting
    from course_lib.display.widgets import SliderFigure, new_figure

    X, Y = sets["train"]
    xx, yy, points = plotting.boundary_grid(X, steps)
    labels = [nn.predict(points, p, nn.deep_forward).reshape(xx.shape) for p in run.snapshots]
    fig = new_figure((8.6, 3.4), dpi=plotting.DPI)
    fig.set_layout_engine("none")  # placed by hand, whatever pyplot's defaults
    ax_b, ax_c = fig.subplots(1, 2, gridspec_kw={"left": 0.08, "right": 0.98, "bottom": 0.15,
                                                 "top": 0.9, "wspace": 0.3})
    image = ax_b.imshow(labels[0], origin="lower", aspect="auto", interpolation="nearest",
                        cmap=ListedColormap(["#f4b6b6", "#b6cff4"]), vmin=0, vmax=1,
                        extent=(xx.min(), xx.max(), yy.min(), yy.max()))
    plotting.plot_dataset(X, Y, ax=ax_b, s=10)
    title = ax_b.set_title(" ")
    h = run.history
    plotting.plot_costs(h.iterations, {"train": h.train_cost, "dev": h.dev_cost}, ax=ax_c,
                        mark=h.best_iteration)
    marker = ax_c.axvline(0, color="k", linewidth=6, alpha=0.15)

    def update(key: dict) -> None:
        k = run.iterations.index(key["iteration"])
        image.set_data(labels[k])
        title.set_text(f"boundary at iteration {key['iteration']}")
        marker.set_xdata([key["iteration"]] * 2)

    closest = min(run.iterations, key=lambda it: abs(it - h.best_iteration))
    update({"iteration": closest})
    return SliderFigure(fig, {"iteration": run.iterations}, update,
                        initial={"iteration": closest},
                        animated=[image, *ax_b.collections, title, marker])
