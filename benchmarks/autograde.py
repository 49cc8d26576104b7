"""How long ``nbgrader autograde`` takes for one notebook, with and without trusted grading.

    python benchmarks/autograde.py [repeats]

Prints the median wall time of ``nbgrader autograde initialization --force`` (one student, in
a temporary course) for:

1. an empty notebook (one empty code cell, stock nbgrader): the fixed cost of nbgrader and a
   kernel;
2. the perfect initialization submission with stock nbgrader preprocessors (every cell run,
   the lesson's training experiments included);
3. the same with stock preprocessors but the lesson's cells skipped (the course's previous
   configuration, the fair baseline for the graded path);
4. the same with this course's trusted pipeline (sandbox, probes, judges outside the kernel).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile import harness  # noqa: E402

from course_lib.grading.tools import course, submissions  # noqa: E402

LESSON_SKIPPED = """
from course_lib.grading.plugins.preprocessors import LessonAwareExecute
c.Autograde.autograde_preprocessors = [LessonAwareExecute if p is Execute else p
                                       for p in c.Autograde.autograde_preprocessors]
"""


def _time(root: Path, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        proc = course.autograde(root, harness.ASSIGNMENT)
        times.append(time.perf_counter() - started)
        if proc.returncode != 0:
            raise RuntimeError(proc.stdout + proc.stderr)
    return statistics.median(times)


def _course(workdir: Path, variant: str, extra: str = "", empty: bool = False) -> Path:
    root = course.make_course_copy(ROOT, workdir)
    config = root / "nbgrader_config.py"
    text = config.read_text()
    if variant == "stock":
        text += harness.STOCK_CONFIG.replace("c.Execute.timeout = 30", "c.Execute.timeout = 120")
    config.write_text(text + extra)
    source = root / "source" / harness.ASSIGNMENT / f"{harness.ASSIGNMENT}.ipynb"
    if empty:
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")],
                                                metadata={"kernelspec": {
                                                    "name": "python3", "language": "python",
                                                    "display_name": "Python 3"}}), source)
    course.generate_release(root, [harness.ASSIGNMENT])
    release = nbformat.read(root / "release" / harness.ASSIGNMENT / source.name, as_version=4)
    if empty:
        course.submit(root, "student", harness.ASSIGNMENT, release)
    else:
        src = nbformat.read(source, as_version=4)
        case = submissions.parse_case(harness.PIPELINE_CASES / "ok_solutions.py")
        course.submit(root, "student", harness.ASSIGNMENT,
                      submissions.build_submission(case, src, release))
    return root


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    work = Path(tempfile.mkdtemp(prefix="bench-autograde-"))
    rows = [
        ("empty notebook, stock nbgrader", _course(work / "empty", "stock", empty=True)),
        ("initialization, stock nbgrader (all cells)", _course(work / "stock", "stock")),
        ("initialization, stock nbgrader (lesson cells skipped)",
         _course(work / "stock-lesson", "stock", LESSON_SKIPPED)),
        ("initialization, trusted pipeline", _course(work / "trusted", "course")),
    ]
    results = {}
    for label, root in rows:
        results[label] = _time(root, repeats)
        print(f"{label:<56} {results[label]:6.2f} s  (median of {repeats})", flush=True)
    empty = results[rows[0][0]]
    baseline = results[rows[2][0]]
    trusted = results[rows[3][0]]
    print(f"{'trusted verification adds (vs lesson cells skipped)':<56} "
          f"{trusted - baseline:+6.2f} s per notebook")
    print(f"{'trusted pipeline / empty notebook':<56} {trusted / empty:6.2f} x")


if __name__ == "__main__":
    main()
