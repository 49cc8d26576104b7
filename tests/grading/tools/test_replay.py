"""Disputes can be replayed: the grading record keeps the secret seed and the inputs each check
drew, and ``python -m course_lib.grading.tools.replay <assignment> <student>`` grades the
autograded notebook again with them and prints every check's verdict and message beside the
recorded one."""

from __future__ import annotations

import json
import subprocess
import sys

import nbformat
import pytest
from hostile import harness
from sandbox_support import needs_sandbox

from course_lib.grading import records
from course_lib.grading.plugins.gradingrun import GradingRun
from course_lib.grading.sandbox.isolate import Limits
from course_lib.grading.tools import replay

ASSIGNMENT = "initialization"


def _fake_course(tmp_path, executor):
    """A course folder with one student graded by ``executor`` (no nbgrader, no sandbox)."""
    from grading.plugins.test_grading_run import REGISTRY, notebook

    nb = notebook()
    fields = GradingRun(nb, REGISTRY, Limits(cell_timeout=7.0), executor).grade()
    path = records.record_path(records.records_dir(root=tmp_path), ASSIGNMENT, "ann", ASSIGNMENT)
    records.update(path, stage="graded", **fields)
    target = tmp_path / "autograded" / "ann" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    target.parent.mkdir(parents=True)
    nbformat.write(nb, target)
    return fields


def test_replay_uses_the_recorded_inputs_and_limits(tmp_path):
    from grading.plugins.test_grading_run import FakeExecutor

    first, again = FakeExecutor(), FakeExecutor()
    fields = _fake_course(tmp_path, first)
    seen = []
    rows = replay.replay(tmp_path, ASSIGNMENT, "ann",
                         executor=lambda job, limits, **kw: seen.append(limits) or again(
                             job, limits, **kw))
    def inputs(job):
        return {g: json.loads(t) for g, t in json.loads(job)["inputs"].items()}

    assert inputs(again.jobs[0]) == inputs(first.jobs[0])
    assert seen == [Limits(cell_timeout=7.0)]
    assert {r.grade_id for r in rows} == set(fields["verdicts"])
    assert all(r.same and r.message == r.recorded_message for r in rows)
    assert "8 of 8 verdicts as recorded" in replay.format_replay(rows)


def test_a_verdict_that_differs_is_shown(tmp_path):
    from grading.plugins.test_grading_run import FakeExecutor

    _fake_course(tmp_path, FakeExecutor())
    gid = "test_initialize_parameters_he__scale"
    rows = replay.replay(tmp_path, ASSIGNMENT, "ann",
                         executor=FakeExecutor(forge={gid: '{"__dict__": []}'}))
    text = replay.format_replay(rows)
    assert f"FAIL  {ASSIGNMENT}/{gid}: the grader could not read" in text
    assert "DIFFERS from the record: pass" in text and "7 of 8 verdicts" in text


def test_nothing_to_replay_says_so(tmp_path):
    with pytest.raises(replay.NothingToReplay):
        replay.replay(tmp_path, ASSIGNMENT, "nobody")
    assert replay.main([ASSIGNMENT, "nobody", "--course-dir", str(tmp_path)]) == 2


@pytest.mark.slow
@needs_sandbox
@pytest.mark.xdist_group("replay")
def test_grade_replay_and_compare(tmp_path_factory):
    """Real nbgrader grades; the command replays in the sandbox and agrees with the record."""
    cases = harness.hostile_cases()
    students = dict(harness.honest_cases(), kernel_forge_probe_result=cases[
        "kernel_forge_probe_result"])
    del students["aa_honest_blank"]
    batch = harness.cached_batch("replay", lambda: tmp_path_factory.mktemp("replay"),
                                 cases=students)
    for student in students:
        record = records.load(records.record_path(records.records_dir(root=batch.root),
                                                  ASSIGNMENT, student, ASSIGNMENT))
        assert record["seed"] and set(record["inputs"]) == set(record["verdicts"])
        proc = subprocess.run([sys.executable, "-m", "course_lib.grading.tools.replay",
                               ASSIGNMENT, student, "--course-dir", str(batch.root)],
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        for gid, verdict in record["verdicts"].items():
            mark = "pass" if verdict["passed"] else "FAIL"
            assert f"{mark}  {ASSIGNMENT}/{gid}: " in proc.stdout, proc.stdout
        assert "8 of 8 verdicts as recorded" in proc.stdout
        if student == "aa_honest_partial":
            assert "did you forget the square root?" in proc.stdout
