"""Speed of the two sliders (regularization's ``lambd``, dropout's ``keep_prob``).

For each slider, as the notebooks build it (same data, network, grid of values and iterations):

- time until the widget is shown: from the start of the slider cell (the models the text
  trained before it, reused by the slider, are already trained, as in the notebook) to the
  display of the controls and the first frame; every other frame's model trains from the same
  start for the same iterations as the text's models;
- redraw latency per slider move: a user sweeping every value forwards and back (and, for
  ``lambd``, switching between L2 and L1); first visits draw a new frame, revisits reuse it.
  The time covers the callback: updating the artists, drawing, PNG encoding and handing the
  image to the display handle (the browser's own repaint is not included).

The reference solutions stand in for the student's functions. Run from the course folder:
``python benchmarks/sliders.py``. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402

from course_lib.instructor.reference import dropout as drop  # noqa: E402
from course_lib.instructor.reference import regularization as reg  # noqa: E402
from course_lib.lessons import regularization as lesson  # noqa: E402
from course_lib.lessons.dropout import keep_prob_explorer, with_dropout  # noqa: E402
from course_lib.lessons.regularization import lambda_explorer  # noqa: E402

LAMBDS = [0, 0.1, 0.3, 1, 3, 10]
KEEP_PROBS = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5]


class _Handle:
    def __init__(self):
        self.updates = 0

    def update(self, obj):
        self.updates += 1


def _display(obj, display_id=False):
    """Stands in for IPython's display: returns a handle for the figure."""
    return _Handle() if display_id else None


def _baseline():
    """The trial of the notebooks (seed 0) and the models their text trains before the
    sliders: no regularization, L2 (lambd = 1), L1 (lambd = 0.3), dropout (keep_prob = 0.7)."""
    t = lesson.trial(0)
    models = {
        "none": lesson.train(t),
        "L2": lesson.train(t, lesson.penalized(reg.compute_cost_with_regularization,
                                               reg.backward_propagation_with_regularization, 1)),
        "L1": lesson.train(t, lesson.penalized(reg.compute_cost_with_l1_regularization,
                                               reg.backward_propagation_with_l1_regularization,
                                               0.3)),
        "dropout": lesson.train(t, with_dropout(drop.forward_propagation_with_dropout,
                                                drop.backward_propagation_with_dropout, 0.7))}
    return t, models


def _sweep(values):
    return list(values) + list(values[::-1])


def _report(name, shown, first, revisit, cpu_first):
    first_ms = 1000 * np.array(first)
    again_ms = 1000 * np.array(revisit)
    every = np.concatenate([first_ms, again_ms])
    print(f"{name}: widget shown after {shown:.2f} s")
    print(f"  redraw per slider move, all {every.size} moves: median {np.median(every):.1f} ms, "
          f"p90 {np.percentile(every, 90):.1f} ms")
    print(f"  first visit of a value ({first_ms.size} moves): median "
          f"{np.median(first_ms):.1f} ms, p90 {np.percentile(first_ms, 90):.1f} ms, max "
          f"{first_ms.max():.1f} ms (CPU time: median {1000 * np.median(cpu_first):.1f} ms, "
          "what a quiet machine takes)")
    print(f"  revisits ({again_ms.size} moves): median {np.median(again_ms):.1f} ms, p90 "
          f"{np.percentile(again_ms, 90):.1f} ms")


def _move(explorer, seen, key, first, revisit, cpu_first, **values):
    cpu = time.process_time()
    explorer.set(**values)
    cpu = time.process_time() - cpu
    if key in seen:
        revisit.append(explorer.latencies[-1])
    else:
        first.append(explorer.latencies[-1])
        cpu_first.append(cpu)
    seen.add(key)


def bench_lambda(t, models):
    start = time.perf_counter()
    explorer = lambda_explorer(
        *t.train, *t.dev, t.start,
        {"L2": (reg.compute_cost_with_regularization,
                reg.backward_propagation_with_regularization),
         "L1": (reg.compute_cost_with_l1_regularization,
                reg.backward_propagation_with_l1_regularization)},
        lambds=LAMBDS, iterations=lesson.ITERATIONS, initial=1, seed=t.seed,
        known={"L2": {0: models["none"], 1: models["L2"]}, "L1": {0.3: models["L1"]}},
        display=_display)
    shown = time.perf_counter() - start
    seen, first, revisit, cpu_first = {("L2", 1)}, [], [], []
    for penalty in ("L2", "L1", "L2"):
        _move(explorer, seen, (penalty, explorer.key["lambd"]), first, revisit, cpu_first,
              penalty=penalty)
        for lambd in _sweep(LAMBDS):
            _move(explorer, seen, (penalty, lambd), first, revisit, cpu_first, lambd=lambd)
    _report("lambd slider (L2 / L1)", shown, first, revisit, cpu_first)


def bench_keep_prob(t, models):
    start = time.perf_counter()
    explorer = keep_prob_explorer(
        *t.train, *t.dev, t.start, drop.forward_propagation_with_dropout,
        drop.backward_propagation_with_dropout, keep_probs=KEEP_PROBS,
        iterations=lesson.ITERATIONS, initial=0.7, seed=t.seed,
        known={1.0: models["none"], 0.7: models["dropout"]}, display=_display)
    shown = time.perf_counter() - start
    seen, first, revisit, cpu_first = {0.7}, [], [], []
    for _ in range(2):
        for keep_prob in _sweep(KEEP_PROBS):
            _move(explorer, seen, keep_prob, first, revisit, cpu_first, keep_prob=keep_prob)
    _report("keep_prob slider", shown, first, revisit, cpu_first)


if __name__ == "__main__":
    inputs = _baseline()
    bench_lambda(*inputs)
    bench_keep_prob(*inputs)
