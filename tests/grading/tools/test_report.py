"""The instructor's report: every submission with its score, every zero with its reason, every
flag, including submissions nbgrader could not grade at all."""

from __future__ import annotations

import shutil

import pytest
from hostile import harness
from sandbox_support import needs_sandbox

from course_lib.grading import records
from course_lib.grading.sandbox import isolate as sandbox
from course_lib.grading.tools import report

pytestmark = [needs_sandbox, pytest.mark.slow]


def _group(k: int):
    return pytest.mark.xdist_group(harness.batch_group(k))


#: One run per batch of the hostile corpus, on the worker that grades that batch.
BATCHES = [pytest.param(k, marks=_group(k), id=f"batch{k}") for k in range(harness.N_BATCHES)]
_COURSES: dict = {}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """``course(k)``: a copy of graded batch ``k`` (the one the hostile tests grade), plus a
    submission nbgrader never graded and one it stopped on."""
    def get(k: int):
        if k not in _COURSES:
            batch = harness.hostile_batch(k, lambda: tmp_path_factory.mktemp(f"hostile{k}"))
            root = tmp_path_factory.mktemp(f"report{k}") / "course"
            shutil.copytree(batch.root, root)
            ghost = root / "submitted" / "ghost" / harness.ASSIGNMENT
            ghost.mkdir(parents=True)
            (ghost / "initialization.ipynb").write_text("{}")
            path = records.record_path(records.records_dir(root=root), harness.ASSIGNMENT,
                                       "aa_honest_perfect", "initialization")
            records.update(path, stage="sanitized")
            _COURSES[k] = root
        return _COURSES[k]
    return get


@pytest.mark.parametrize("k", BATCHES)
def test_every_submission_is_listed_with_its_status(course, k):
    subs = {s.student: s for s in report.collect(course(k))}
    submitted = {p.name for p in (course(k) / "submitted").iterdir()}
    assert set(subs) == submitted
    assert not subs["ghost"].graded and subs["ghost"].max_score == 11
    assert "not graded" in subs["ghost"].categories
    assert not subs["aa_honest_perfect"].graded
    assert subs["aa_honest_partial"].graded and subs["aa_honest_partial"].score == 9


@pytest.mark.parametrize("k", [pytest.param(harness.batch_of("structure_not_json"),
                                            marks=_group(harness.batch_of("structure_not_json")),
                                            id="batch-of-structure_not_json")])
def test_zeros_have_the_grader_s_reasons(course, k):
    subs = {s.student: s for s in report.collect(course(k))}
    partial = subs["aa_honest_partial"].zeros
    assert list(partial) == ["test_initialize_parameters_he__scale"]
    assert "did you forget the square root?" in partial["test_initialize_parameters_he__scale"]
    unreadable = subs["structure_not_json"]
    assert len(unreadable.zeros) == 8
    assert all("could not be read" in r for r in unreadable.zeros.values())


@pytest.mark.parametrize("k", BATCHES)
def test_written_report_and_table(course, k, tmp_path):
    cases = harness.batch_cases(k)
    subs = report.collect(course(k))
    table = report.format_table(subs)
    assert "flags" in table.splitlines()[1]
    assert "NOT GRADED" in table
    expected = {f for c in cases.values() for f in c.flags} | {"not graded"}
    if "tampering suspected" in expected:
        assert "tampering" in table
    text = report.write_report(subs, tmp_path / "report.md").read_text()
    assert "## Flags" in text
    for category in sorted(expected):
        assert f"| {category} |" in text, category
    assert "## ghost / initialization: 0/11 points (NOT GRADED)" in text
    assert "`test_initialize_parameters_he__scale` scored 0: W1 has std" in text
    if "resources_network" in cases:
        assert "note (no points lost): cell student-extra-0 tried to use the network" in text
    mode = sandbox.detect_mode()[0]
    assert "## Isolation" in text and f"ran in sandbox mode `{mode}`: " in text


def test_function_columns_follow_the_notebook():
    assert report.function_order("initialization", [
        "initialize_parameters_xavier", "initialize_parameters_he", "initialize_parameters_zeros",
        "initialize_parameters_random", "extra"]) == [
        "initialize_parameters_zeros", "initialize_parameters_random",
        "initialize_parameters_he", "initialize_parameters_xavier", "extra"]
    assert report.function_order("zz_extra", ["b", "a"]) == ["a", "b"]
    subs = [report.Submission("al", "normalization")]
    subs[0].functions.update({"normalize_splits": [4, 4],
                              "compute_normalization_parameters": [3, 3]})
    header = report.format_table(subs).splitlines()[1]
    assert header.index("norm_parameters") < header.index("normalize_splits")


def test_assignments_in_course_order_and_isolation_counted():
    subs = [report.Submission("bo", "normalization", sandbox="root"),
            report.Submission("al", "zz_extra", sandbox="none"),
            report.Submission("al", "initialization", sandbox="root"),
            report.Submission("al", "dropout", sandbox="userns")]
    ordered = sorted(subs, key=lambda s: (report._course_order(s.assignment), s.student))
    assert [s.assignment for s in ordered] == ["initialization", "dropout", "normalization",
                                               "zz_extra"]
    lines = report.isolation_summary(subs)
    assert lines[0].startswith("- 1 submission ran in sandbox mode `none`: NO file or network")
    assert lines[1].startswith("- 2 submissions ran in sandbox mode `root`")
    assert lines[2].startswith("- 1 submission ran in sandbox mode `userns`")
