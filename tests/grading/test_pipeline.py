"""Every submission case of every assignment, through generate -> submit -> autograde ->
gradebook, gets the grades its header expects (``tests/submissions/<assignment>/*.py``)."""

from __future__ import annotations

import pytest
from pipeline import CASES, case_names, example_names, expectation_errors

from course_lib.grading.tools.submissions import load_cases
from course_lib.instructor.hidden_checks import ASSIGNMENTS, checks_for

pytestmark = pytest.mark.slow

PARAMS = [(a, name) for a in ASSIGNMENTS for name in case_names(a) + example_names(a)]


@pytest.mark.parametrize(("assignment", "case"), PARAMS, ids=[f"{a}/{c}" for a, c in PARAMS])
def test_case_grades_as_expected(graded, assignment, case):
    errors = expectation_errors(graded(assignment), case)
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("assignment", [a for a in ASSIGNMENTS if checks_for(a)])
def test_every_graded_function_has_variants_and_mistakes(assignment):
    """At least 3 correct variants (full marks, replacing the function) and 4 mistakes (losing
    it) per graded function, plus the perfect and the blank submission."""
    cases = load_cases(CASES / assignment)
    assert any(c.expect == "full" and not c.replace for c in cases), "no perfect submission"
    assert any(c.expect == "zero" and c.base == "release" for c in cases), "no blank release"
    for function in sorted({c.function for c in checks_for(assignment)}):
        variants = [c.name for c in cases if c.expect == "full" and function in c.replace]
        mistakes = [c.name for c in cases if c.expect == "lose" and function in c.lose]
        assert len(variants) >= 3, f"{function}: only {variants} as correct variants"
        assert len(mistakes) >= 4, f"{function}: only {mistakes} as mistakes"


@pytest.mark.parametrize("assignment", [a for a in ASSIGNMENTS if checks_for(a)])
def test_the_autograde_log_reports_no_changed_cell(graded, assignment):
    """No submission case edits a read-only cell, so nbgrader has nothing to warn about: an
    untouched test cell gets its hidden tests back before nbgrader compares checksums
    (``RepairNotebook``; stock nbgrader warns for every hidden test cell, issue #1961)."""
    log = graded(assignment).autograde_log
    assert "has changed!" not in log, [line for line in log.splitlines() if "has changed" in line]
