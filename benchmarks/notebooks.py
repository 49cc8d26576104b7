"""Run-all time of every source and lecture notebook, headless, on this machine.

Prints, per notebook, the kernel start-up time and the run-all time (first cell sent to last
reply), then the total of the five graded source notebooks. Targets: initialization under 6 s,
the five source notebooks together under 18 s, each lecture notebook under a minute.

    python benchmarks/notebooks.py [--repeat N] [paths ...]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("MPLBACKEND", "Agg")


def time_notebook(path: Path) -> tuple[float, float]:
    nb = nbformat.read(path, as_version=4)
    # IPC transport: no TCP port, and no "running over TCP without encryption" warning.
    sockets = tempfile.mkdtemp(prefix="course-kernel-")
    km = AsyncKernelManager(kernel_name="python3", transport="ipc",
                            ip=os.path.join(sockets, "kernel"))
    client = NotebookClient(nb, km=km, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    t0 = time.perf_counter()
    try:
        with client.setup_kernel():
            t1 = time.perf_counter()
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            t2 = time.perf_counter()
    finally:  # the client does not own a kernel manager it was given: stop it here
        run_sync(km.shutdown_kernel)(now=True)
        shutil.rmtree(sockets, ignore_errors=True)
    return t1 - t0, t2 - t1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()
    paths = [p.resolve() for p in args.paths] or (sorted(ROOT.glob("source/*/*.ipynb")) +
                           sorted(ROOT.glob("notebooks/*.ipynb")))
    print(f"{'notebook':<55}{'kernel start':>14}{'run-all':>10}")
    source_total = 0.0
    for path in paths:
        runs = [time_notebook(path) for _ in range(args.repeat)]
        start = statistics.median(r[0] for r in runs)
        run_all = statistics.median(r[1] for r in runs)
        if path.parent.parent.name == "source":
            source_total += run_all
        print(f"{str(path.relative_to(ROOT)):<55}{start:>13.2f}s{run_all:>9.2f}s", flush=True)
    print(f"{'five graded source notebooks, run-all total':<55}{'':>14}{source_total:>9.2f}s")


if __name__ == "__main__":
    main()
