"""Grade the submission cases of ``tests/submissions/<assignment>/`` through real nbgrader.

For one assignment: copy the course to a temporary folder, ``nbgrader generate_assignment`` (once
per session: ``release_cache``),
build every case's notebook from the release (see
``course_lib.grading.tools.submissions``), place it in ``submitted/<case>/<assignment>/``,
run ``nbgrader autograde`` and read the gradebook.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import nbformat
import release_cache

from course_lib.grading.tools import course, submissions

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "submissions"


@dataclass
class GradedCourse:
    root: Path
    assignment: str
    cases: dict[str, submissions.Case]
    # student -> function -> [score, max]
    by_function: dict[str, dict[str, list[float]]]
    autograde_log: str


EXAMPLES = ROOT / "examples" / "students"


def case_names(assignment: str) -> list[str]:
    return [p.stem for p in sorted((CASES / assignment).glob("*.py"))]


def example_names(assignment: str) -> list[str]:
    """The example students (``make demo``'s class) graded in the assignment's course too."""
    return [f"example-{p.parent.name}" for p in sorted(EXAMPLES.glob(f"*/{assignment}.py"))]


def _examples(assignment: str) -> list[submissions.Case]:
    return [dataclasses.replace(submissions.parse_case(p), name=f"example-{p.parent.name}")
            for p in sorted(EXAMPLES.glob(f"*/{assignment}.py"))]


def grade_cases(assignment: str, workdir: Path) -> GradedCourse:
    root = course.make_course_copy(ROOT, workdir / f"course-{assignment}")
    release_cache.generate_release(root, assignment)
    source = nbformat.read(root / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    release = nbformat.read(root / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    cases = {c.name: c for c in submissions.load_cases(CASES / assignment) + _examples(assignment)}
    for case in cases.values():
        nb = submissions.build_submission(case, source, release)
        course.submit(root, case.name, assignment, nb)
    proc = course.autograde(root, assignment)
    table: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for s in course.read_scores(root):
        if s.assignment != assignment:
            continue
        cell = table[s.student][course.function_of(s.grade_id)]
        cell[0] += s.score
        cell[1] += s.max_score
    return GradedCourse(root, assignment, cases, {k: dict(v) for k, v in table.items()},
                        proc.stdout + proc.stderr)


def expectation_errors(graded: GradedCourse, name: str) -> list[str]:
    """What differs between a case's expectation and its grades (empty when all is right)."""
    case = graded.cases[name]
    scores = graded.by_function.get(name)
    if not scores:
        return [f"{name}: no grades in the gradebook\n{graded.autograde_log[-3000:]}"]
    errors = []
    for function in case.lose:
        if function not in scores:
            errors.append(f"{name}: expects to lose {function}, which is not graded")
    for function, (score, max_score) in sorted(scores.items()):
        should_lose = case.expect == "zero" or function in case.lose
        if should_lose and score >= max_score:
            errors.append(f"{name}: {function} got full marks {score}/{max_score} "
                          "but should lose points")
        if case.expect == "zero" and score != 0:
            errors.append(f"{name}: {function} got {score}/{max_score}, expected 0")
        if not should_lose and score < max_score:
            errors.append(f"{name}: {function} got {score}/{max_score}, expected full marks")
    return errors
