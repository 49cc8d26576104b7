"""The hostile corpus (``tests/hostile/cases``) graded by plain ``nbgrader autograde`` with this
course's config, in one batch beside honest students: every case gets the grade its header
expects and the report names its flags and reasons; nothing leaks out of the sandbox; the batch
never stops; the honest students keep exactly the grades they get when graded alone."""

from __future__ import annotations

from collections import Counter

import pytest
from hostile import harness
from sandbox_support import needs_sandbox

from course_lib.grading import records
from course_lib.grading.tools import report

pytestmark = [needs_sandbox, pytest.mark.slow]

CASES = sorted(harness.hostile_cases())
CATEGORIES = ("kernel", "reference", "files", "structure", "resources", "env", "honest")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    return harness.cached_batch("course", lambda: tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def alone(tmp_path_factory):
    """The honest students graded in a batch of their own."""
    return harness.cached_batch("honest", lambda: tmp_path_factory.mktemp("honest"),
                                cases=harness.honest_cases())


@pytest.fixture(scope="module")
def by_student(batch):
    return {s.student: s for s in report.collect(batch.root)}


def test_corpus_covers_every_kind_of_attack():
    cases = harness.hostile_cases()
    assert len(cases) >= 25
    kinds = Counter(name.split("_")[0] for name in cases)
    assert set(kinds) == set(CATEGORIES), kinds
    assert all(c.description for c in cases.values())


@pytest.mark.parametrize("name", CASES)
def test_case_gets_the_grade_it_earns(batch, name):
    errors = harness.function_errors(batch, name)
    assert not errors, "\n".join(errors) + "\n" + batch.log[-2000:]


@pytest.mark.parametrize("name", CASES)
def test_report_names_flags_and_reasons(batch, by_student, name):
    case, sub = batch.cases[name], by_student[name]
    for flag in case.flags:
        assert flag in sub.categories, f"{name}: no {flag!r} flag in {sub.flags}"
    for reason in case.reasons:
        assert any(reason in r for r in sub.zeros.values()), f"{name}: {sub.zeros}"
    for gid, reason in sub.zeros.items():
        assert reason and reason != "no output recorded", f"{name}: {gid} has no reason"
    if name.startswith("honest_"):
        assert sub.flags == [], f"honest noise was flagged: {sub.flags}"


def test_nothing_leaks_out_of_the_sandbox(batch):
    leaked = {name: found for name, found in batch.leaks.items() if found}
    assert not leaked


def test_the_batch_never_stops(batch):
    assert "There was an error processing" not in batch.log, batch.log[-3000:]
    for name in batch.cases:
        path = batch.root / "autograded" / name / harness.ASSIGNMENT / "initialization.ipynb"
        assert path.exists(), f"{name} was not autograded"
        record = records.load(records.record_path(records.records_dir(root=batch.root),
                                                  harness.ASSIGNMENT, name, "initialization"))
        assert record and record["stage"] == "graded", name
        assert record.get("sandbox") in (None, "root", "userns"), record.get("sandbox")


def test_honest_students_keep_their_grades(batch, alone):
    for name in harness.HONEST:
        assert batch.by_grade[name] == alone.by_grade[name], name
        assert not harness.function_errors(batch, name)
        assert not harness.function_errors(alone, name)


def test_honest_students_are_not_flagged(by_student):
    for name in harness.HONEST:
        assert by_student[name].flags == [], by_student[name].flags
