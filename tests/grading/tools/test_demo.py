"""`make demo` end to end, on two of the five assignments (one with a slider, and the hostile
example student's): the example class is graded as each example file expects, and the demo
leaves a grade table, grades.csv, feedback and both reports. Every example student of every
assignment is also graded in the pipeline courses (tests/pipeline.py)."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from course_lib.grading.tools import course, demo, submissions

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[3]
STUDENTS = ROOT / "examples" / "students"


ASSIGNMENTS = ["initialization", "dropout"]


def test_demo_grades_the_example_class(tmp_path, monkeypatch, capsys):
    """The demo's ``main`` in this process, as its command line calls it (so its nbgrader
    commands go through the suite's ``course.launcher``); the command line itself is run by
    the test below."""
    target = tmp_path / "demo"
    monkeypatch.chdir(ROOT)
    status = demo.main(["--course-dir", str(target), "--assignments", *ASSIGNMENTS])
    out = capsys.readouterr()
    assert status == 0, out.out + out.err
    assignments = ASSIGNMENTS
    for assignment in assignments:
        assert f"== {assignment} ==" in out.out

    totals: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(
        lambda: defaultdict(lambda: [0.0, 0.0]))
    for s in course.read_scores(target):
        cell = totals[(s.student, s.assignment)][course.function_of(s.grade_id)]
        cell[0] += s.score
        cell[1] += s.max_score
    errors = []
    for case_file in sorted(p for a in assignments for p in STUDENTS.glob(f"*/{a}.py")):
        student, assignment = case_file.parent.name, case_file.stem
        case = submissions.parse_case(case_file)
        scores = totals.get((student, assignment))
        if not scores:
            errors.append(f"{student}/{assignment}: not graded")
            continue
        for function, (score, max_score) in scores.items():
            lose = case.expect == "zero" or function in case.lose
            if lose and score >= max_score or not lose and score < max_score:
                errors.append(f"{student}/{assignment}: {function} {score}/{max_score}")
    assert not errors, "\n".join(errors)

    with open(target / "grades.csv") as f:
        rows = list(csv.DictReader(f))
    assert {r["student_id"] for r in rows} >= {p.name for p in STUDENTS.iterdir()}
    for student in (p.name for p in STUDENTS.iterdir()):
        for assignment in assignments:
            if (STUDENTS / student / f"{assignment}.py").exists():
                html = target / "feedback" / student / assignment / f"{assignment}.html"
                assert html.exists(), html
    report = (target / "reports" / "report.md").read_text()
    assert "scored 0" in report and "bob" in report

    page = (target / "reports" / "report.html").read_text()
    assert page.count("<svg") >= 2 * len(assignments), "a histogram and a pass-rate chart each"
    for assignment in assignments:
        assert f"<h2 id='{assignment}'>{assignment}</h2>" in page
    assert "Most common mistakes" in page and "<td>bob</td>" in page
    assert "How student code was isolated" in page and "Points lost" in page
    assert "did you use layers_dims[l] (fan-out) instead of layers_dims[l-1]?" in page
    assert "int6#" not in page and "raised NotImplementedError" not in page.split("Points lost")[0]


def test_demo_refuses_to_replace_the_course_itself():
    """``--course-dir .`` must never delete the repository: a message and exit 2."""
    before = sorted(p.name for p in ROOT.iterdir())
    proc = subprocess.run([sys.executable, "-m", "course_lib.grading.tools.demo", "--course-dir",
                           str(ROOT)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2 and "refusing" in proc.stderr, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in ROOT.iterdir()) == before
