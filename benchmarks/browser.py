"""What a student waits for in a real browser: Run All of each source notebook, and each slider
move (from the key press or click to the redrawn image on screen), in JupyterLab 4 and
Notebook 7 (servers on 127.0.0.1, Debian's chromium driven by Playwright).

    .venv/bin/python benchmarks/browser.py [lab|notebook ...] [--notebooks source/dropout ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
import jupyter_ui as ui  # noqa: E402

MOVES = 6  # per slider: new frames first, then frames already rendered (cached)
DEFAULT = ["source/initialization", "source/regularization", "source/dropout",
           "source/gradient_checking", "source/normalization"]


def measure(app: str, notebooks: list[str]) -> list[tuple]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp, ui.sync_playwright() as p:
        root = Path(tmp)
        ui.copy_notebooks(root)
        server = ui.JupyterServer(app, root, root / "server.log")
        browser = ui.launch(p)
        try:
            for rel in notebooks:
                folder, name = rel.split("/")
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                got = ui.exercise(page, server, f"{folder}/{name}/{name}.ipynb", moves=MOVES)
                page.close()
                server.shutdown_kernels()
                rows.append((app, rel, got["run_all"], got["latencies"], len(got["errors"])))
        finally:
            browser.close()
            server.close()
    return rows


def report(rows: list[tuple]) -> None:
    print(f"{'front end':<10} {'notebook':<26} {'Run All':>8} {'moves':>7} "
          f"{'median move':>11} {'max move':>9} {'errors':>6}")
    for app, rel, run_all, lat, errors in rows:
        med = f"{statistics.median(lat) * 1000:.0f} ms" if lat else "-"
        top = f"{max(lat) * 1000:.0f} ms" if lat else "-"
        print(f"{app:<10} {rel:<26} {run_all:>7.1f}s {len(lat):>7} {med:>11} {top:>9} "
              f"{errors:>6}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("apps", nargs="*", default=["lab", "notebook"])
    parser.add_argument("--notebooks", nargs="+", default=DEFAULT)
    args = parser.parse_args(argv)
    rows = []
    for app in args.apps:
        rows += measure(app, args.notebooks)
    report(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
