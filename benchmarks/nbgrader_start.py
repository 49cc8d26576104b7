"""nbgrader commands started alone and forked from the test suite's warm helper
(tests/warm_nbgrader.py), side by side in one run.

    python benchmarks/nbgrader_start.py [commands]

In a course copy, runs ``nbgrader generate_assignment normalization --force`` ``commands``
times each way (alternating batches) and prints the CPU time (user + system, the commands and
the helper included) and the wall time per command.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import warm_nbgrader  # noqa: E402

from course_lib.grading.tools import course  # noqa: E402

ARGS = ["generate_assignment", "normalization", "--force", "--log-level=WARN"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _batch(root: Path, n: int, warm: bool) -> tuple[float, float]:
    """CPU and wall seconds of ``n`` commands (and, when warm, the helper's whole life)."""
    cpu, wall = _children_cpu(), time.perf_counter()
    helper = warm_nbgrader.WarmNbgrader(course._run) if warm else None
    launch = helper.run if helper else course._run
    for _ in range(n):
        proc = launch([sys.executable, "-m", "nbgrader", *ARGS], root, course._env())
        assert proc.returncode == 0, proc.stderr
    if helper:
        helper.close()  # its children's CPU reaches us once it has exited
    return _children_cpu() - cpu, time.perf_counter() - wall


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    with tempfile.TemporaryDirectory() as tmp:
        root = course.make_course_copy(ROOT, Path(tmp) / "course")
        course.generate_release(root, ["normalization"])  # the gradebook exists from here on
        totals = {"alone": [0.0, 0.0], "forked": [0.0, 0.0]}
        for _ in range(2):
            for label, warm in (("alone", False), ("forked", True)):
                cpu, wall = _batch(root, n // 2, warm)
                totals[label][0] += cpu
                totals[label][1] += wall
    print(f"nbgrader {' '.join(ARGS[:2])}, {n} commands each way:")
    for label, (cpu, wall) in totals.items():
        print(f"  {label:<7} {cpu / n:5.2f} CPU-s and {wall / n:5.2f} s per command")


if __name__ == "__main__":
    main()
