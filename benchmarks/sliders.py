"""Speed of the two sliders (regularization's ``lambd``, dropout's ``keep_prob``).

For each slider, as the notebooks build it (same data, network, grid of values and iterations):

- time until the widget is shown: from the start of the slider cell (the unregularized model is
  already trained, as in the notebook) to the display of the controls and the first frame;
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

from course_lib.core import data, nn
from course_lib.instructor.reference import dropout as drop  # noqa: E402
from course_lib.instructor.reference import regularization as reg  # noqa: E402
from course_lib.lessons.dropout import keep_prob_explorer  # noqa: E402
from course_lib.lessons.regularization import lambda_explorer  # noqa: E402

LAMBDS = [0, 0.3, 0.7, 1.5, 3, 6]
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
    train_X, train_Y, dev_X, dev_Y = data.load_field()
    start = nn.initialize_parameters([2, 40, 20, 1], np.random.default_rng(1))
    no_reg, _ = nn.train(train_X, train_Y, start, learning_rate=0.5, num_iterations=2500,
                         record_every=2500)
    return train_X, train_Y, dev_X, dev_Y, no_reg


def _sweep(values):
    return list(values) + list(values[::-1])


def _report(name, shown, explorer, first, revisit):
    first_ms = 1000 * np.array(first)
    again_ms = 1000 * np.array(revisit)
    every = np.concatenate([first_ms, again_ms])
    print(f"{name}: widget shown after {shown:.2f} s")
    print(f"  redraw per slider move, all {every.size} moves: median {np.median(every):.1f} ms, "
          f"p90 {np.percentile(every, 90):.1f} ms")
    print(f"  first visit of a value ({first_ms.size} moves): median "
          f"{np.median(first_ms):.1f} ms, p90 {np.percentile(first_ms, 90):.1f} ms, max "
          f"{first_ms.max():.1f} ms")
    print(f"  revisits ({again_ms.size} moves): median {np.median(again_ms):.1f} ms, p90 "
          f"{np.percentile(again_ms, 90):.1f} ms")


def bench_lambda(train_X, train_Y, dev_X, dev_Y, no_reg):
    t = time.perf_counter()
    explorer = lambda_explorer(
        train_X, train_Y, dev_X, dev_Y, no_reg,
        {"L2": (reg.compute_cost_with_regularization,
                reg.backward_propagation_with_regularization),
         "L1": (reg.compute_cost_with_l1_regularization,
                reg.backward_propagation_with_l1_regularization)},
        lambds=LAMBDS, iterations=150, initial=0.7, display=_display)
    shown = time.perf_counter() - t
    seen, first, revisit = {("L2", 0.7)}, [], []
    for penalty in ("L2", "L1", "L2"):
        explorer.set(penalty=penalty)
        key = (penalty, explorer.key["lambd"])
        (revisit if key in seen else first).append(explorer.latencies[-1])
        seen.add(key)
        for lambd in _sweep(LAMBDS):
            explorer.set(lambd=lambd)
            key = (penalty, lambd)
            (revisit if key in seen else first).append(explorer.latencies[-1])
            seen.add(key)
    _report("lambd slider (L2 / L1)", shown, explorer, first, revisit)


def bench_keep_prob(train_X, train_Y, dev_X, dev_Y, no_reg):
    np.random.seed(0)
    t = time.perf_counter()
    explorer = keep_prob_explorer(
        train_X, train_Y, dev_X, dev_Y, no_reg, drop.forward_propagation_with_dropout,
        drop.backward_propagation_with_dropout, keep_probs=KEEP_PROBS, iterations=150,
        initial=0.7, display=_display)
    shown = time.perf_counter() - t
    seen, first, revisit = {0.7}, [], []
    for _ in range(2):
        for keep_prob in _sweep(KEEP_PROBS):
            explorer.set(keep_prob=keep_prob)
            (revisit if keep_prob in seen else first).append(explorer.latencies[-1])
            seen.add(keep_prob)
    _report("keep_prob slider", shown, explorer, first, revisit)


if __name__ == "__main__":
    inputs = _baseline()
    bench_lambda(*inputs)
    bench_keep_prob(*inputs)
