"""No leaks: the release and the feedback returned to students carry no hidden test code and no
solution, and feedback shows the trusted verdicts."""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from hostile import harness
from sandbox_support import needs_sandbox

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


@pytest.fixture(scope="module")
def feedback(tmp_path_factory):
    batch = harness.cached_batch("course", lambda: tmp_path_factory.mktemp("hostile"))
    course.nbgrader(batch.root, "generate_feedback", harness.ASSIGNMENT, "--force")
    return batch


def test_release_has_no_hidden_tests_or_solutions(feedback):
    text = (feedback.root / "release" / harness.ASSIGNMENT / "initialization.ipynb").read_text()
    for marker in HIDDEN + ("BEGIN SOLUTION",):
        assert marker not in text
    for line in solution_lines(feedback.root):
        assert line not in text, line


@pytest.mark.parametrize("student", ["aa_honest_blank", "aa_honest_partial",
                                     "kernel_custom_exc", "structure_no_cells",
                                     "structure_truncated", "resources_slow_function"])
def test_feedback_has_no_hidden_tests(feedback, student):
    path = feedback.root / "feedback" / student / harness.ASSIGNMENT / "initialization.html"
    text = text_of_html(path)
    for marker in HIDDEN:
        assert marker not in text, f"{student}: {marker!r} in feedback"
    assert "CheckFailed" in text or "Passed:" in text


def test_feedback_of_a_blank_notebook_has_no_solution(feedback):
    path = feedback.root / "feedback" / "aa_honest_blank" / harness.ASSIGNMENT / \
        "initialization.html"
    text = text_of_html(path)
    for line in solution_lines(feedback.root):
        assert line not in text, line


def test_feedback_shows_the_trusted_verdict(feedback):
    path = feedback.root / "feedback" / "aa_honest_partial" / harness.ASSIGNMENT / \
        "initialization.html"
    text = text_of_html(path)
    assert "did you forget the square root?" in text
    assert "Passed: Xavier initialization" in text
