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


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the graded hostile batch, plus a submission nbgrader never graded and one it
    stopped on."""
    batch = harness.cached_batch("course", lambda: tmp_path_factory.mktemp("hostile"))
    root = tmp_path_factory.mktemp("report") / "course"
    shutil.copytree(batch.root, root)
    ghost = root / "submitted" / "ghost" / harness.ASSIGNMENT
    ghost.mkdir(parents=True)
    (ghost / "initialization.ipynb").write_text("{}")
    path = records.record_path(records.records_dir(root=root), harness.ASSIGNMENT,
                               "aa_honest_perfect", "initialization")
    records.update(path, stage="sanitized")
    return root


def test_every_submission_is_listed_with_its_status(course):
    subs = {s.student: s for s in report.collect(course)}
    submitted = {p.name for p in (course / "submitted").iterdir()}
    assert set(subs) == submitted
    assert not subs["ghost"].graded and subs["ghost"].max_score == 11
    assert "not graded" in subs["ghost"].categories
    assert not subs["aa_honest_perfect"].graded
    assert subs["aa_honest_partial"].graded and subs["aa_honest_partial"].score == 9


def test_zeros_have_the_grader_s_reasons(course):
    subs = {s.student: s for s in report.collect(course)}
    partial = subs["aa_honest_partial"].zeros
    assert list(partial) == ["test_initialize_parameters_he__scale"]
    assert "did you forget the square root?" in partial["test_initialize_parameters_he__scale"]
    unreadable = subs["structure_not_json"]
    assert len(unreadable.zeros) == 8
    assert all("could not be read" in r for r in unreadable.zeros.values())


def test_written_report_and_table(course, tmp_path):
    subs = report.collect(course)
    table = report.format_table(subs)
    assert "flags" in table.splitlines()[1]
    assert "tampering" in table and "NOT GRADED" in table
    text = report.write_report(subs, tmp_path / "report.md").read_text()
    assert "## Flags" in text
    for category in ("tampering suspected", "limit hit", "kernel crash", "cell restored",
                     "notebook unreadable", "cell duplicated", "not graded"):
        assert f"| {category} |" in text, category
    assert "## ghost / initialization: 0/11 (NOT GRADED)" in text
    assert "`test_initialize_parameters_he__scale` scored 0: W1 has std" in text
    assert "note (no points lost): cell student-extra-0 tried to use the network" in text
    mode = sandbox.detect_mode()[0]
    assert "## Isolation" in text and f"ran in sandbox mode `{mode}`: " in text


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
