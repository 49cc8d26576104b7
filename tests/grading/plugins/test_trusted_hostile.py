"""The hostile corpus (``tests/hostile/cases``) graded by plain ``nbgrader autograde`` with this
course's config, in a few batches (``harness.N_BATCHES``, one xdist worker each), every batch
beside the honest students: every case gets the grade its header expects and the report names
its flags and reasons; nothing leaks out of the sandbox; no batch ever stops; the honest students
keep exactly the grades they get when graded alone."""

from __future__ import annotations

from collections import Counter

import nbformat
import pytest
import session_cache
from hostile import harness
from sandbox_support import needs_sandbox

from course_lib.grading import records
from course_lib.grading.plugins.repair import strip_hidden_tests
from course_lib.grading.tools import report

pytestmark = [needs_sandbox, pytest.mark.slow]

CASES = sorted(harness.hostile_cases())
CATEGORIES = ("kernel", "reference", "files", "structure", "resources", "env", "honest")


def _group(k: int):
    return pytest.mark.xdist_group(harness.batch_group(k))


#: Each case runs on the worker that grades its batch.
CASE_PARAMS = [pytest.param(name, marks=_group(harness.batch_of(name))) for name in CASES]
BATCH_PARAMS = [pytest.param(k, marks=_group(k), id=f"batch{k}")
                for k in range(harness.N_BATCHES)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """``corpus(k)``: batch ``k`` of the corpus, graded once per worker."""
    return lambda k: harness.hostile_batch(k, lambda: tmp_path_factory.mktemp(f"hostile{k}"))


@pytest.fixture(scope="module")
def alone(tmp_path_factory):
    """The honest students graded in a batch of their own (once per session: every hostile
    batch's worker compares with it)."""
    return session_cache.once("hostile-honest-alone", lambda: harness.graded_batch(
        tmp_path_factory.mktemp("honest"), cases=harness.honest_cases()))


_SUBS: dict = {}


def by_student(batch) -> dict:
    if batch.root not in _SUBS:
        _SUBS[batch.root] = {s.student: s for s in report.collect(batch.root)}
    return _SUBS[batch.root]


def test_corpus_covers_every_kind_of_attack():
    cases = harness.hostile_cases()
    assert len(cases) >= 25
    kinds = Counter(name.split("_")[0] for name in cases)
    assert set(kinds) == set(CATEGORIES), kinds
    assert all(c.description for c in cases.values())


def test_the_batches_cover_the_corpus_each_beside_the_honest_students():
    batches = [harness.batch_cases(k) for k in range(harness.N_BATCHES)]
    hostile = [set(b) - set(harness.HONEST) for b in batches]
    assert set().union(*hostile) == set(CASES)
    assert sum(len(h) for h in hostile) == len(CASES)
    assert all(set(harness.HONEST) <= set(b) for b in batches)
    assert max(map(len, hostile)) - min(map(len, hostile)) <= 1


@pytest.mark.parametrize("name", CASE_PARAMS)
def test_case_gets_the_grade_it_earns(corpus, name):
    batch = corpus(harness.batch_of(name))
    errors = harness.function_errors(batch, name)
    assert not errors, "\n".join(errors) + "\n" + batch.log[-2000:]


@pytest.mark.parametrize("name", CASE_PARAMS)
def test_report_names_flags_and_reasons(corpus, name):
    batch = corpus(harness.batch_of(name))
    case, sub = batch.cases[name], by_student(batch)[name]
    for flag in case.flags:
        assert flag in sub.categories, f"{name}: no {flag!r} flag in {sub.flags}"
    for reason in case.reasons:
        assert any(reason in r for r in sub.zeros.values()), f"{name}: {sub.zeros}"
    for gid, reason in sub.zeros.items():
        assert reason and reason != "no output recorded", f"{name}: {gid} has no reason"
    if name.startswith("honest_"):
        assert sub.flags == [], f"honest noise was flagged: {sub.flags}"


@pytest.mark.parametrize("k", BATCH_PARAMS)
def test_nothing_leaks_out_of_the_sandbox(corpus, k):
    leaked = {name: found for name, found in corpus(k).leaks.items() if found}
    assert not leaked


@pytest.mark.parametrize("k", BATCH_PARAMS)
def test_the_batch_never_stops(corpus, k):
    batch = corpus(k)
    assert "There was an error processing" not in batch.log, batch.log[-3000:]
    for name in batch.cases:
        path = batch.root / "autograded" / name / harness.ASSIGNMENT / "initialization.ipynb"
        assert path.exists(), f"{name} was not autograded"
        record = records.load(records.record_path(records.records_dir(root=batch.root),
                                                  harness.ASSIGNMENT, name, "initialization"))
        assert record and record["stage"] == "graded", name
        assert record.get("sandbox") in (None, "root", "userns"), record.get("sandbox")


@pytest.mark.parametrize("k", BATCH_PARAMS)
def test_honest_students_keep_their_grades(corpus, alone, k):
    batch = corpus(k)
    for name in harness.HONEST:
        assert batch.by_grade[name] == alone.by_grade[name], name
        assert not harness.function_errors(batch, name)
        assert not harness.function_errors(alone, name)


@pytest.mark.parametrize("k", BATCH_PARAMS)
def test_honest_students_are_not_flagged(corpus, k):
    subs = by_student(corpus(k))
    for name in harness.HONEST:
        assert subs[name].flags == [], subs[name].flags


def hidden_test_lines(root) -> list[str]:
    """The lines of the source notebook's hidden test regions (the markers included)."""
    nb = nbformat.read(root / "source" / harness.ASSIGNMENT / f"{harness.ASSIGNMENT}.ipynb",
                       as_version=4)
    lines = set()
    for cell in nb.cells:
        shown = set(strip_hidden_tests(cell.source).splitlines())
        lines |= {line.strip() for line in cell.source.splitlines()
                  if line.strip() and line not in shown}
    assert any("run_hidden_check" in line for line in lines)
    return sorted(lines)


HISTORY = "kernel_history_hidden_text"


@pytest.mark.parametrize("k", [pytest.param(harness.batch_of(HISTORY),
                                            marks=_group(harness.batch_of(HISTORY)))])
def test_the_kernel_never_sees_hidden_test_code(corpus, k):
    """Test cells run as a neutral ``pass``: a notebook that prints its kernel's history (In,
    _ih) shows no hidden test line in its autograded outputs."""
    batch = corpus(k)
    path = batch.root / "autograded" / HISTORY / harness.ASSIGNMENT / "initialization.ipynb"
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(str(out.get("text", "")) + str(out.get("data", ""))
                     for cell in nb.cells for out in cell.get("outputs", []))
    assert "history so far" in text and "def initialize_parameters_he" in text
    for line in hidden_test_lines(batch.root):
        assert line not in text, line
