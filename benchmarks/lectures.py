"""Speed of the lecture notebooks: run-all time, and the redraw latency of their three sliders.

- run-all: each lecture notebook headless (``tests/notebook_run.run_notebook``), kernel start
  apart: wall-clock seconds, and the kernel's CPU seconds (what the notebook costs on an idle
  machine; on a busy one the wall clock says more about the neighbours);
- sliders: each slider built as its notebook builds it, then every control swept across its
  values forwards and back, as a student dragging it would; first visits of a frame render it
  (blitting over a cached background), revisits reuse the cached PNG. Times cover the callback
  (artists updated, drawing, PNG encoding, handing the image to the display handle), not the
  browser's repaint; the PNG size is printed because the browser has to fetch and decode it.
  Wall-clock and CPU milliseconds are both given. Target: median first-visit redraw under
  100 ms.

With ``--browser``, the same sliders in JupyterLab (server on 127.0.0.1, Debian's chromium
through Playwright, ``tests/browser/jupyter_ui``): each notebook is opened and run, then its
slider handles are moved with the arrow keys (12 moves per notebook); a move is timed from the
key press to the new image in the page.

Run from the course folder: ``python benchmarks/lectures.py [--no-notebooks] [--browser]``.
It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from notebook_run import AUDIT, REPORT, audit_report, run_notebook  # noqa: E402

from course_lib.lessons import bias_variance as bv  # noqa: E402
from course_lib.lessons import data_augmentation as augment  # noqa: E402
from course_lib.lessons import early_stopping as es  # noqa: E402


class _Handle:
    def update(self, obj):
        pass


def _display(obj, display_id=False):
    """Stands in for IPython's display: returns a handle for the figure."""
    return _Handle() if display_id else None


def _sweep(slider, name: str, values) -> tuple[list[tuple], list[tuple]]:
    """Move control ``name`` through ``values``, forwards then back; (first visits, revisits),
    each a list of (wall ms, CPU ms)."""
    first, again = [], []
    for value in list(values) + list(values)[::-1]:
        known = slider._cache_key({**slider.key, name: value}) in slider._cache
        cpu = time.process_time()
        slider.set(**{name: value})
        cpu = 1000 * (time.process_time() - cpu)
        (again if known else first).append((1000 * slider.latencies[-1], cpu))
    return first, again


def _report(title: str, build_s: float, slider, sweeps) -> None:
    first = np.array([t for f, _ in sweeps for t in f])
    again = np.array([t for _, a in sweeps for t in a])
    size = len(slider.frame()) / 1024
    print(f"{title}: built and shown in {build_s:.2f} s, PNG {size:.0f} KiB")
    print(f"  first visits ({len(first)} moves): median {np.median(first[:, 0]):.1f} ms "
          f"(CPU {np.median(first[:, 1]):.1f} ms), p90 {np.percentile(first[:, 0], 90):.1f} ms,"
          f" max {np.max(first[:, 0]):.1f} ms")
    print(f"  revisits ({len(again)} moves): median {np.median(again[:, 0]):.1f} ms")


def bench_sliders() -> None:
    t = time.perf_counter()
    diagnosis = bv.diagnosis_explorer(initial=(1, 11, 0)).show(display=_display)
    built = time.perf_counter() - t
    sweeps = [_sweep(diagnosis, "train %", range(0, 41, 2)),
              _sweep(diagnosis, "dev %", range(0, 41, 2)),
              _sweep(diagnosis, "human %", range(0, 31, 2))]
    _report("03 diagnosis (train / dev / human error)", built, diagnosis, sweeps)

    t = time.perf_counter()
    five = augment.draw_digits([5], np.random.default_rng(4), variation=0.0)
    transforms = augment.transform_explorer(
        five, initial={"rotate": 15, "shift x": 1, "elastic": 0.5}).show(display=_display)
    built = time.perf_counter() - t
    sweeps = [_sweep(transforms, "rotate", transforms.controls["rotate"]),
              _sweep(transforms, "elastic", transforms.controls["elastic"]),
              _sweep(transforms, "shift x", transforms.controls["shift x"])]
    _report("04 augmentation (rotate / elastic / shift)", built, transforms, sweeps)

    sets, start = es.wavy_sets(0), es.start(0)
    run = es.long_run(sets, start)  # trained in the cells before the slider
    t = time.perf_counter()
    snapshots = es.snapshot_explorer(sets, run).show(display=_display)
    built = time.perf_counter() - t
    sweeps = [_sweep(snapshots, "iteration", run.iterations)]
    _report("05 early stopping (iteration)", built, snapshots, sweeps)


def bench_notebooks() -> None:
    print(f"{'lecture notebook':<45}{'run-all':>9}{'kernel CPU':>12}")
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb, wall = run_notebook(path, first=AUDIT, last=REPORT)  # figures checked as shown
        _, cpu = audit_report(nb)
        print(f"{str(path.relative_to(ROOT)):<45}{wall:>8.2f}s{cpu:>11.2f}s", flush=True)


_MOVE_JS = ("""(a) => { a.__old = (a.querySelector('img') || {}).src; a.__t1 = null;
    a.__obs = new MutationObserver(() => { const img = a.querySelector('img');
        if (img && img.src !== a.__old && a.__t1 === null) a.__t1 = performance.now(); });
    a.__obs.observe(a, {subtree: true, childList: true, attributes: true});
    a.__t0 = performance.now(); }""",
            "(a) => new Promise((ok, no) => { const s = performance.now(); const f = () =>"
            " a.__t1 !== null ? ok() : performance.now() - s > 30000 ?"
            " no(new Error('the figure did not change')) : setTimeout(f, 20); f(); })",
            "(a) => { a.__obs.disconnect(); return (a.__t1 - a.__t0) / 1000; }")


def _browser_moves(page, ui) -> list[float]:
    """Every slider handle of the open notebook moved (12 moves in all, at least 4 per handle);
    seconds from key press to image (each
    lecture notebook has one slider figure, so its output area is the first with a slider)."""
    area = page.locator(f"{ui.PANEL} .jp-OutputArea:has(.widget-slider)").first
    area.scroll_into_view_if_needed()
    handles = area.locator(".noUi-handle")
    seconds = []
    count = handles.count()
    for i in range(count):
        handle = handles.nth(i)
        for _ in range(max(4, 12 // count)):
            area.evaluate(_MOVE_JS[0])
            at_end = handle.get_attribute("aria-valuenow") == handle.get_attribute(
                "aria-valuemax")
            handle.focus()
            page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
            area.evaluate(_MOVE_JS[1])
            seconds.append(area.evaluate(_MOVE_JS[2]))
    return seconds


def _dismiss_dialogs(page, wait_s: float = 3.0) -> None:
    """Close what a fresh JupyterLab may pop up over the notebook (e.g. its news prompt)."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        dialog = page.locator(".jp-Dialog")
        if dialog.count():
            print(f"  (closed a dialog: {dialog.first.inner_text()[:80]!r})")
            page.keyboard.press("Escape")
        time.sleep(0.25)


def bench_browser(names=("03_bias_variance", "04_data_augmentation", "05_early_stopping")):
    import shutil
    import tempfile

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    import jupyter_ui as ui

    with tempfile.TemporaryDirectory(prefix="bench-lectures-") as tmp, \
            ui.sync_playwright() as playwright:
        root = Path(tmp)
        (root / "notebooks").mkdir()
        for name in names:
            shutil.copy2(ROOT / "notebooks" / f"{name}.ipynb", root / "notebooks")
        server = ui.JupyterServer("lab", root, root / "server.log")
        browser = ui.launch(playwright)
        try:
            for name in names:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                ui.open_in(page, server, f"notebooks/{name}.ipynb")
                _dismiss_dialogs(page)
                run_all = ui.run_all(page)
                ms = 1000 * np.array(_browser_moves(page, ui))
                print(f"{name} in JupyterLab: Run All {run_all:.1f} s; {ms.size} slider moves, "
                      f"median {np.median(ms):.0f} ms, max {ms.max():.0f} ms", flush=True)
                page.close()
        finally:
            browser.close()
            server.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-notebooks", action="store_true", help="sliders only")
    parser.add_argument("--browser", action="store_true", help="also time them in JupyterLab")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    bench_sliders()
    if not args.no_notebooks:
        bench_notebooks()
    if args.browser:
        bench_browser()
