"""Run every lecture notebook in notebooks/ headless and print its wall-clock run time.

    python benchmarks/lecture_notebooks.py [notebooks/NAME.ipynb ...]

Each notebook is executed top to bottom in a fresh kernel with nbclient (the same way CI runs
it); the script also lists any cell that wrote to stderr or raised, and exits non-zero if one
did. Times include kernel start-up. Nothing is asserted about speed: the figures are printed.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def run(path: Path) -> tuple[float, list[str]]:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    problems = []
    start = time.perf_counter()
    try:
        client.execute()
    except Exception as exc:  # report and go on with the other notebooks
        problems.append(f"error: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
    elapsed = time.perf_counter() - start
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                problems.append(f"cell {i}: stderr: {out.get('text', '')[:200]!r}")
            if out.get("output_type") == "error":
                problems.append(f"cell {i}: {out.get('ename')}: {out.get('evalue', '')[:200]}")
    return elapsed, problems


def main(argv: list[str]) -> int:
    os.environ.setdefault("MPLBACKEND", "Agg")
    paths = [Path(a) for a in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    failed = False
    print(f"{'notebook':40s} {'seconds':>8s}")
    total = 0.0
    for path in paths:
        elapsed, problems = run(path.resolve())
        total += elapsed
        print(f"{path.name:40s} {elapsed:8.1f}")
        for p in problems:
            print(f"    {p}")
        failed = failed or bool(problems)
    print(f"{'total':40s} {total:8.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
