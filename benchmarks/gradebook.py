"""What sharing one SQLAlchemy engine per gradebook saves (course_lib/grading/plugins/gradebook.py).

    python benchmarks/gradebook.py [students] [repeats]

Side by side in one run, on one course (the initialization assignment released, ``students``
copies of the solved notebook submitted; default 12 students, 2 repeats):

1. nbgrader's gradebook lookups of one graded notebook, in this process: a dozen
   ``Gradebook`` opens, each finding the notebook and every one of its cells (as the sanitize
   and autograde steps do), with nbgrader's own engines and with shared ones;
2. ``nbgrader autograde initialization --force`` for the class, with the course's config as
   shipped and with nbgrader's own engines put back: wall time and the CPU time of the
   command and every process it waited for (kernels included).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import autograde as autograde_bench  # noqa: E402 (benchmarks/autograde.py)
from hostile import harness  # noqa: E402

from course_lib.grading.plugins.gradebook import share_engines  # noqa: E402
from course_lib.grading.tools import course  # noqa: E402

OPENS_PER_NOTEBOOK = 12
STOCK_ENGINES = """
import nbgrader.api, sqlalchemy
nbgrader.api.create_engine = sqlalchemy.create_engine
"""


def _course(work: Path, students: int) -> Path:
    """``benchmarks/autograde.py``'s course (its one solved student), with ``students`` in all."""
    root = autograde_bench._course(work / "course", "course")
    solved = (root / "submitted" / "student" / harness.ASSIGNMENT
              / f"{harness.ASSIGNMENT}.ipynb").read_text()
    for k in range(1, students):
        course.submit(root, f"student{k:02d}", harness.ASSIGNMENT, solved)
    return root


def _lookups(url: str) -> float:
    """CPU seconds of one notebook's gradebook lookups."""
    from nbgrader.api import Gradebook

    started = time.process_time()
    for _ in range(OPENS_PER_NOTEBOOK):
        with Gradebook(url, "practical-deep-learning") as gb:
            notebook = gb.find_notebook(harness.ASSIGNMENT, harness.ASSIGNMENT)
            for cell in notebook.source_cells:
                gb.find_source_cell(cell.name, harness.ASSIGNMENT, harness.ASSIGNMENT)
    return time.process_time() - started


def _in_process(url: str, repeats: int) -> None:
    import sqlalchemy
    from nbgrader import api

    stock = sqlalchemy.create_engine  # nbgrader's own (reading the course's config shares)
    times = {"nbgrader's engines": [], "shared engines": []}
    for _ in range(repeats * 5):
        api.create_engine = stock
        times["nbgrader's engines"].append(_lookups(url))
        share_engines()
        times["shared engines"].append(_lookups(url))
    api.create_engine = stock
    for label, values in times.items():
        print(f"  lookups of one notebook, {label:<20} {1000 * statistics.median(values):7.1f} ms"
              " CPU")


def _autograde(root: Path) -> tuple[float, float]:
    started, before = time.perf_counter(), os.times()
    proc = course.autograde(root, harness.ASSIGNMENT)
    after = os.times()
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout + proc.stderr)
    cpu = (after.children_user + after.children_system
           - before.children_user - before.children_system)
    return time.perf_counter() - started, cpu


def _command(root: Path, students: int, repeats: int) -> None:
    config = root / "nbgrader_config.py"
    shipped = config.read_text()
    results = {"as shipped (shared engines)": [], "nbgrader's engines": []}
    for _ in range(repeats):
        for label in results:
            config.write_text(shipped + (STOCK_ENGINES if "nbgrader's" in label else ""))
            results[label].append(_autograde(root))
    config.write_text(shipped)
    for label, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"  autograde of {students} students, {label:<28} {wall:6.1f} s wall "
              f"{cpu:6.1f} s CPU")


def main() -> None:
    students = int(sys.argv[1]) if len(sys.argv) > 1 else 12
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    root = _course(Path(tempfile.mkdtemp(prefix="bench-gradebook-")), students)
    print(f"median of {repeats * 5} rounds:")
    _in_process(course.gradebook_url(root), repeats)
    print(f"median of {repeats} runs:")
    _command(root, students, repeats)


if __name__ == "__main__":
    main()
