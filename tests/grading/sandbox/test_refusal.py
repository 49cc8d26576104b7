"""``nbgrader autograde`` on a machine where student code cannot be isolated: refused with one
clear message and nothing graded; with ``allow_unisolated`` graded and flagged."""

from __future__ import annotations

import pytest
from hostile import harness
from sandbox_support import needs_sandbox

from course_lib.grading.sandbox import isolate as sandbox
from course_lib.grading.tools import course, report

pytestmark = [pytest.mark.slow, needs_sandbox]

HONEST = {"aa_honest_perfect": harness.honest_cases()["aa_honest_perfect"]}


def test_autograde_refuses_without_isolation_and_grades_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(sandbox.UNAVAILABLE_ENV, "forced by the test")
    batch = harness.graded_batch(tmp_path / "refused", cases=HONEST)
    assert "Grading refused" in batch.log and "forced by the test" in batch.log, batch.log[-3000:]
    assert "allow_unisolated" in batch.log
    assert not [s for s in course.read_scores(batch.root) if s.score], "something was graded"
    assert not (batch.root / "autograded" / "aa_honest_perfect").exists() or not list(
        (batch.root / "autograded" / "aa_honest_perfect").rglob("*.ipynb"))


def test_autograde_without_isolation_only_with_the_opt_in(tmp_path, monkeypatch):
    monkeypatch.setenv(sandbox.UNAVAILABLE_ENV, "forced by the test")
    batch = harness.graded_batch(tmp_path / "allowed", cases=HONEST,
                                 extra="c.TrustedExecute.allow_unisolated = True\n")
    assert not harness.function_errors(batch, "aa_honest_perfect"), batch.log[-3000:]
    [sub] = report.collect(batch.root)
    assert "sandbox degraded" in sub.categories, sub.flags
    assert any("forced by the test" in f for f in sub.flags), sub.flags
