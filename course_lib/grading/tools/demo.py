"""``make demo``: grade the bundled example class in a throwaway course folder.

Steps, each the real nbgrader command an instructor would run: copy the course (config and
sources) into ``demo/``, ``generate_assignment`` every assignment, place each example student's
notebooks in ``submitted/``, ``autograde``, ``export`` grades to ``grades.csv``,
``generate_feedback``, then print the grade table and write the report. Your own course folder
and gradebook are never touched, and running it twice gives the same result.

    python -m course_lib.grading.tools.demo [--course-dir demo] [--students examples/students]
        [--assignments initialization ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat

from course_lib.grading.tools import course, html_report, report, submissions
from course_lib.grading.tools.paths import course_root


def submit_examples(root: Path, students_dir: Path, assignments: list[str]) -> list[str]:
    """Build and submit every ``<student>/<assignment>.py`` example; returns the students."""
    students = []
    for student_dir in sorted(p for p in students_dir.iterdir() if p.is_dir()):
        students.append(student_dir.name)
        for assignment in assignments:
            case_file = student_dir / f"{assignment}.py"
            if not case_file.exists():
                continue
            source = nbformat.read(root / "source" / assignment / f"{assignment}.ipynb", 4)
            release = nbformat.read(root / "release" / assignment / f"{assignment}.ipynb", 4)
            case = submissions.parse_case(case_file)
            course.submit(root, student_dir.name, assignment,
                          submissions.build_submission(case, source, release))
    return students


def run(course_dir: Path, students_dir: Path, repo: Path | None = None,
        assignments: list[str] | None = None) -> int:
    t0 = time.perf_counter()

    def step(message: str) -> None:
        print(f"[{time.perf_counter() - t0:6.1f}s] {message}", flush=True)

    root = course.make_course_copy(repo or course_root(), course_dir)
    step(f"course copied to {root}")
    assignments = course.generate_release(root, assignments)
    step(f"release generated: {', '.join(assignments)}")
    students = submit_examples(root, students_dir, assignments)
    step(f"submitted the example class: {', '.join(students)}")
    for assignment in assignments:
        proc = course.autograde(root, assignment)
        status = "ok" if proc.returncode == 0 else f"exit {proc.returncode} (see the report)"
        step(f"nbgrader autograde {assignment}: {status}")
    course.nbgrader(root, "export")
    step(f"grades exported to {root / 'grades.csv'}")
    for assignment in assignments:
        course.nbgrader(root, "generate_feedback", assignment, "--force", check=False)
    step(f"feedback written to {root / 'feedback'}")
    subs = report.collect(root)
    print()
    print(report.format_table(subs))
    path = report.write_report(subs, root / "reports" / "report.md")
    page = html_report.write_html_report(subs, root / "reports" / "report.html")
    step(f"reports written to {path} and {page}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--course-dir", type=Path, default=None,
                        help="the throwaway course folder (default: demo/ in the course)")
    parser.add_argument("--students", type=Path, default=None,
                        help="example students (default: examples/students in the course)")
    parser.add_argument("--assignments", nargs="+", default=None,
                        help="grade only these assignments (default: all)")
    args = parser.parse_args(argv)
    repo = course_root()
    course_dir = args.course_dir or repo / "demo"
    students = args.students or repo / "examples" / "students"
    try:
        return run(course_dir.resolve(), students.resolve(), repo, args.assignments)
    except course.NotACourseCopy as exc:
        print(f"make demo: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
