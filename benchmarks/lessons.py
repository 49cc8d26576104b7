"""Speed of the normalization notebook's learning-rate slider.

The slider as the notebook builds it (same data, windows, starts and values), twice: with every
frame rendered when the cell runs (``prerender=True``, what the notebook does) and without
(each first visit draws its frame: blitting the two paths over a cached background). For each:

- time until the figure is ready to show (paths, contours, and the prerendered frames);
- redraw latency per slider move, a user sweeping every value forwards and back: first visits
  and revisits. The time covers the callback (updating the artists, drawing, PNG encoding); the
  browser's own repaint is not included.

With ``--browser`` it also opens ``source/normalization`` in JupyterLab 4 (Debian's chromium,
a server on 127.0.0.1), runs all cells and moves the slider through every value: the time from
the key press to the new image in the page (``tests/browser/jupyter_ui.py`` drives the page).

Run from the course folder: ``python benchmarks/lessons.py [--browser]``. It prints figures; it
asserts nothing (``tests/lessons/test_claims_normalization.py`` asserts the 100 ms bound).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402

from course_lib.instructor.reference import normalization as ref  # noqa: E402
from course_lib.lessons import normalization as contours  # noqa: E402

RATES = [0.001, 0.003, 0.01, 0.03, 0.05, 0.065, 0.07, 0.1, 0.3, 0.6, 1.0, 1.5, 1.9, 2.05]


def _inputs():
    rng = np.random.default_rng(1)
    x_raw, y = contours.make_regression(100, rng)
    x_norm = ref.normalize_inputs(x_raw, *ref.compute_normalization_parameters(x_raw))
    sets = {"raw x": x_raw, "normalized x": x_norm}
    windows = {}
    for name, x in sets.items():
        w_opt, b_opt = contours.optimum(x, y)
        half_w, half_b = (3, 6) if name == "raw x" else (4.5, 4.5)
        windows[name] = ((w_opt - half_w, w_opt + half_w), (b_opt - half_b, b_opt + half_b))
    starts = {name: (w[0] + 0.5, b[1] - 1.0) for name, (w, b) in windows.items()}
    return sets, y, windows, starts


def bench(prerender: bool) -> None:
    sets, y, windows, starts = _inputs()
    t = time.perf_counter()
    explorer = contours.learning_rate_explorer(sets, y, windows, starts, RATES, initial=0.05,
                                               prerender=prerender)
    explorer.frame()
    ready = time.perf_counter() - t
    for rate in RATES + RATES[::-1]:
        explorer.set(learning_rate=rate)
    ms = 1000 * np.array(explorer.latencies)
    first, again = ms[:len(RATES)], ms[len(RATES):]
    print(f"prerender={prerender}: figure ready after {ready:.2f} s")
    print(f"  first visit ({first.size} moves): median {np.median(first):.1f} ms, "
          f"p90 {np.percentile(first, 90):.1f} ms, max {first.max():.1f} ms")
    print(f"  revisits ({again.size} moves): median {np.median(again):.1f} ms, "
          f"max {again.max():.1f} ms; frame {len(explorer.frame()) / 1000:.0f} kB")


def bench_browser() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
    import jupyter_ui as ui

    with tempfile.TemporaryDirectory(prefix="bench-lessons-") as tmp, ui.sync_playwright() as p:
        root = Path(tmp)
        ui.copy_notebooks(root, folders=("source",))
        server = ui.JupyterServer("lab", root, root / "server.log")
        browser = ui.launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            ui.open_in(page, server, "source/normalization/normalization.ipynb")
            try:
                seconds = ui.run_all(page)
            except Exception:
                page.screenshot(path=str(root.parent / "bench-lessons-failure.png"))
                raise
            # From 0.05 (index 4): 9 moves right visit 0.065 .. 2.05 for the first time, then
            # 13 moves left (9 revisits, then 0.03 .. 0.001 for the first time).
            moves = [1000 * ui.move_slider(page, 0, "lab") for _ in range(22)]
        finally:
            browser.close()
            server.close()
    first = moves[:9] + moves[18:]
    print(f"browser (JupyterLab 4, chromium): run all {seconds:.1f} s; slider, key press to "
          f"new image: first visits median {np.median(first):.0f} ms (max {max(first):.0f}),"
          f" all {len(moves)} moves median {np.median(moves):.0f} ms")


if __name__ == "__main__":
    for prerender in (True, False):
        bench(prerender)
    if "--browser" in sys.argv[1:]:
        bench_browser()
