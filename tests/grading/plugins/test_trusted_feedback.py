"""No leaks: the release and the feedback returned to students carry no hidden test code and no
solution, and feedback shows the trusted verdicts."""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from hostile import harness
from sandbox_support import needs_sandbox

from course_lib.grading import records
from course_lib.grading.tools import course

pytestmark = [needs_sandbox, pytest.mark.slow]

HIDDEN = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "run_hidden_check", "course_lib.grading")


def solution_lines(root) -> list[str]:
    """Lines of the instructor's solutions (between the solution markers), long enough to be
    telling."""
    nb = nbformat.read(root / "source" / harness.ASSIGNMENT / "initialization.ipynb",
                       as_version=4)
    lines, inside = [], False
    for cell in nb.cells:
        for line in cell.source.splitlines():
            if "### BEGIN SOLUTION" in line:
                inside = True
            elif "### END SOLUTION" in line:
                inside = False
            elif inside and len(line.strip()) > 20:
                lines.append(line.strip())
    assert lines
    return lines


def text_of_html(path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text()))


_FEEDBACK: dict = {}


def _group(student: str):
    k = 0 if student in harness.HONEST else harness.batch_of(student)
    return pytest.param(student, marks=pytest.mark.xdist_group(harness.batch_group(k)))


@pytest.fixture(scope="module")
def feedback(tmp_path_factory):
    """``feedback(student)``: the graded batch of ``student`` (the honest students: batch 0),
    with ``nbgrader generate_feedback`` run once per batch."""
    def of(student: str):
        k = 0 if student in harness.HONEST else harness.batch_of(student)
        batch = harness.hostile_batch(k, lambda: tmp_path_factory.mktemp(f"hostile{k}"))
        if k not in _FEEDBACK:
            course.nbgrader(batch.root, "generate_feedback", harness.ASSIGNMENT, "--force")
            _FEEDBACK[k] = batch
        return batch
    return of


@pytest.mark.parametrize("student", [_group("aa_honest_blank")])
def test_release_has_no_hidden_tests_or_solutions(feedback, student):
    batch = feedback(student)
    text = (batch.root / "release" / harness.ASSIGNMENT / "initialization.ipynb").read_text()
    for marker in HIDDEN + ("BEGIN SOLUTION",):
        assert marker not in text
    for line in solution_lines(batch.root):
        assert line not in text, line


@pytest.mark.parametrize("student", [_group(s) for s in (
    "aa_honest_blank", "aa_honest_partial", "kernel_custom_exc", "structure_no_cells",
    "structure_truncated", "resources_slow_function", "kernel_history_hidden_text",
    "kernel_forge_probe_result")])
def test_feedback_has_no_hidden_tests(feedback, student):
    root = feedback(student).root
    text = text_of_html(root / "feedback" / student / harness.ASSIGNMENT / "initialization.html")
    for marker in HIDDEN:
        assert marker not in text, f"{student}: {marker!r} in feedback"
    assert "CheckFailed" in text or "Passed:" in text
    record = records.load(records.record_path(records.records_dir(root=root),
                                              harness.ASSIGNMENT, student, "initialization"))
    assert record["seed"] not in text, "the secret seed is in the feedback"


@pytest.mark.parametrize("student", [_group("aa_honest_blank")])
def test_feedback_of_a_blank_notebook_has_no_solution(feedback, student):
    batch = feedback(student)
    path = batch.root / "feedback" / "aa_honest_blank" / harness.ASSIGNMENT / \
        "initialization.html"
    text = text_of_html(path)
    for line in solution_lines(batch.root):
        assert line not in text, line


@pytest.mark.parametrize("student", [_group("aa_honest_partial")])
def test_feedback_shows_the_trusted_verdict(feedback, student):
    path = feedback(student).root / "feedback" / "aa_honest_partial" / harness.ASSIGNMENT / \
        "initialization.html"
    text = text_of_html(path)
    assert "did you forget the square root?" in text
    assert "Passed: Xavier initialization" in text
