"""The grading run, step by step, with an executor that runs no sandbox (fast): the job is plain
data with neutral test cells; forged or garbled probe results and events become failed checks
with reasons; a bug in a check (inputs or judge) becomes a ``grader error`` with its traceback,
never a silent zero, and the other checks are still graded."""

from __future__ import annotations

import dataclasses
import json

import nbformat
import numpy as np
import pytest
from leaks import ROOT

from course_lib.core import plain
from course_lib.grading.plugins import trusted
from course_lib.grading.plugins.gradingrun import NEUTRAL, GradingRun, is_test_cell
from course_lib.grading.sandbox.isolate import Limits, SandboxRun
from course_lib.grading.sandbox.probes import find_probe
from course_lib.instructor.hidden_checks import checks_for
from course_lib.instructor.reference import initialization as reference

SOURCE = ROOT / "source" / "initialization" / "initialization.ipynb"
REGISTRY = {c.grade_id: c for c in checks_for("initialization")}


def reference_namespace() -> dict:
    return {name: getattr(reference, name) for name in dir(reference)
            if name.startswith("initialize_parameters_")}


class FakeExecutor:
    """Runs each probe in this process against ``namespace`` (no sandbox, no kernel): every
    cell 'ran' without output. ``forge`` maps a grade_id to the probe text to report instead."""

    def __init__(self, namespace=None, forge=None, extra_events=()):
        self.namespace = reference_namespace() if namespace is None else namespace
        self.forge, self.extra = dict(forge or {}), list(extra_events)
        self.jobs: list[str] = []

    def __call__(self, job, limits, mode="auto", hidden=(), allow_unisolated=None):
        self.jobs.append(json.dumps(job))  # the job is plain JSON
        events = [{"ev": "start"}]
        events += [{"ev": "cell", "index": c["index"], "status": "ok", "outputs": []}
                   for c in job["cells"]]
        for gid in job["probes"]:
            events.append({"ev": "probe", "check": gid, "status": "ok",
                           "text": self.forge.get(gid) or self._probe(job["inputs"][gid])})
        events += self.extra + [{"ev": "integrity", "changed": []}, {"ev": "done"}]
        return SandboxRun(mode="root", degraded=None, events=events, returncode=0)

    def _probe(self, text: str) -> str:
        spec = plain.loads(text)
        outputs = find_probe(spec["probe"])(self.namespace, spec["function"], spec["inputs"])
        return plain.dumps({"defined": True, "outputs": outputs})


def notebook():
    return nbformat.read(SOURCE, as_version=4)


def grade(executor=None, registry=None, unreadable=None, **kwargs):
    nb = notebook()
    run = GradingRun(nb, REGISTRY if registry is None else registry, Limits(),
                     executor or FakeExecutor(), **kwargs)
    return nb, run, run.grade(unreadable=unreadable)


def outputs_of(nb) -> dict[str, str]:
    """grade_id -> the text of its test cell's output."""
    found = {}
    for cell in nb.cells:
        if is_test_cell(cell):
            out = cell.outputs[0]
            found[cell.metadata.nbgrader.grade_id] = out.get("text") or out.get("evalue")
    return found


def test_an_honest_notebook_passes_every_check_without_flags():
    nb, run, record = grade()
    assert set(record["verdicts"]) == set(REGISTRY)
    assert all(v["passed"] for v in record["verdicts"].values())
    assert record["flags"] == [] and record["grader_errors"] == {}
    assert all(text.startswith("Passed: ") for text in outputs_of(nb).values())


def test_the_job_is_plain_data_and_test_cells_are_neutral():
    executor = FakeExecutor()
    nb, run, record = grade(executor)
    job = json.loads(executor.jobs[0])
    tests = [c for c in job["cells"] if c["kind"] == "test"]
    assert len(tests) == len(REGISTRY)
    assert all(c["source"] == NEUTRAL for c in tests)
    assert "run_hidden_check" not in executor.jobs[0]
    assert "HIDDEN TESTS" not in executor.jobs[0]
    lesson = [i for i, c in enumerate(nb.cells) if trusted.is_lesson_cell(c)]
    assert lesson and not {c["index"] for c in job["cells"]} & set(lesson)
    assert set(job["probes"]) == set(REGISTRY) == set(job["inputs"])


def test_the_record_keeps_the_seed_and_the_inputs_each_check_drew():
    executor = FakeExecutor()
    nb, run, record = grade(executor)
    job = json.loads(executor.jobs[0])
    assert record["seed"] == str(run.seed)
    assert record["inputs"] == {g: json.loads(t) for g, t in job["inputs"].items()}
    assert record["limits"] == dataclasses.asdict(Limits())
    again = FakeExecutor()
    grade(again, seed=int(record["seed"]))
    assert json.loads(again.jobs[0])["inputs"] == job["inputs"]


FORGED = ['{"__dict__": {"defined": true, "outputs": {"__error__": []}}}',
          '{"__dict__": []}', '{"__dict__": {"defined": true, "outputs": {"__dict__": []}}}',
          '{"__dict__": {"defined": true, "outputs": {"__array__": {"dtype": "<f8"}}}}',
          '{"__dict__": {"defined": true, "outputs": [{"__float__": [1]}]}}',
          '{"__dict__": {"defined": true, "outputs": {"__tuple__": 5}}}', "[" * 100000, 7]


@pytest.mark.parametrize("text", FORGED)
def test_a_forged_probe_result_fails_its_check_with_a_reason_and_the_rest_is_graded(text):
    gid = "test_initialize_parameters_he__scale"
    nb, run, record = grade(FakeExecutor(forge={gid: text}))
    verdicts = record["verdicts"]
    assert not verdicts[gid]["passed"]
    assert "could not read what initialize_parameters_he returned" in verdicts[gid]["message"]
    assert all(v["passed"] for g, v in verdicts.items() if g != gid)
    assert record["grader_errors"] == {}


GARBLED = [{"ev": "cell", "index": 7, "status": "died", "outputs": 5, "note": []},
           {"ev": "cell", "index": "x"}, {"ev": "probe", "check": ["a"]},
           {"ev": "integrity", "changed": "everything"}, {"ev": "limit", "message": {}},
           {"ev": "restart", "status": None}, {"ev": "fatal"}, {"ev": 3}]


def test_garbled_events_never_stop_the_grading():
    nb, run, record = grade(FakeExecutor(extra_events=GARBLED))
    assert set(record["verdicts"]) == set(REGISTRY)
    assert record["grader_errors"] == {}


def _broken(gid: str, **changes) -> dict:
    return dict(REGISTRY, **{gid: dataclasses.replace(REGISTRY[gid], **changes)})


def _raise(*args):
    raise ZeroDivisionError("a bug in the check")


@pytest.mark.parametrize("part", ["inputs", "judge"])
def test_a_bug_in_a_check_is_a_grader_error_with_its_traceback(part):
    gid = "test_initialize_parameters_xavier__scale"
    nb, run, record = grade(registry=_broken(gid, **{part: _raise}))
    verdict = record["verdicts"][gid]
    assert not verdict["passed"] and verdict["message"].startswith("grader error: ")
    assert any(f.startswith("grader error: ") and gid in f for f in record["flags"])
    assert "ZeroDivisionError: a bug in the check" in record["grader_errors"][gid]
    assert "Traceback" in record["grader_errors"][gid]
    assert outputs_of(nb)[gid].startswith("grader error: ")
    assert all(v["passed"] for g, v in record["verdicts"].items() if g != gid)


def test_a_judge_that_returns_no_verdict_is_a_grader_error():
    gid = "test_initialize_parameters_zeros__values"
    nb, run, record = grade(registry=_broken(gid, judge=lambda inputs, outputs: True))
    assert record["verdicts"][gid]["message"].startswith("grader error: ")
    assert gid in record["grader_errors"]


def test_a_graded_cell_without_a_trusted_check_is_never_scored_from_the_kernel():
    gid = "test_initialize_parameters_he__structure"
    registry = {g: c for g, c in REGISTRY.items() if g != gid}
    nb, run, record = grade(registry=registry)
    assert record["verdicts"][gid]["passed"] is False
    assert outputs_of(nb)[gid].startswith("grader error: ")
    assert any("has no trusted check" in f for f in record["flags"])


def test_an_executor_that_crashes_is_a_grader_error_on_every_check():
    def crash(*args, **kwargs):
        raise OSError("the executor is broken")

    nb, run, record = grade(crash)
    assert not any(v["passed"] for v in record["verdicts"].values())
    assert "OSError: the executor is broken" in record["grader_errors"]["grading"]
    assert all(t.startswith("grader error: ") for t in outputs_of(nb).values())


def test_an_unreadable_notebook_fails_every_check_with_the_reason():
    nb, run, record = grade(unreadable="the file is empty")
    assert all("could not be read (the file is empty)" in v["message"]
               for v in record["verdicts"].values())


def test_limits_have_one_source_of_truth():
    """Every Limits field is a TrustedExecute trait with the field's default, and
    configurable."""
    from traitlets.config import Config

    assert trusted.TrustedExecute().limits() == Limits()
    changed = {f.name: (not f.default) if isinstance(f.default, bool) else f.default * 2
               for f in dataclasses.fields(Limits)}
    execute = trusted.TrustedExecute(config=Config({"TrustedExecute": changed}))
    assert dataclasses.asdict(execute.limits()) == changed


def test_nbgrader_config_sets_only_limits_it_changes():
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    names = {f.name: f.default for f in dataclasses.fields(Limits)}
    set_here = {k: v for k, v in config.TrustedExecute.items() if k in names}
    assert set_here, "the course changes no limit?"
    for name, value in set_here.items():
        assert value != names[name], f"nbgrader_config.py restates the default of {name}"


def test_the_executor_is_pluggable_by_name():
    from traitlets.config import Config

    execute = trusted.TrustedExecute(config=Config({"TrustedExecute": {
        "executor": "course_lib.grading.sandbox.isolate.run_notebook"}}))
    from course_lib.grading.sandbox.isolate import run_notebook

    assert execute.run_job() is run_notebook
    fake = FakeExecutor()
    assert trusted.TrustedExecute(executor=fake).run_job() is fake


def test_every_autograded_cell_of_every_source_notebook_is_a_trusted_check():
    registry = trusted.registry()
    graded = []
    for path in sorted((ROOT / "source").glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            nbg = cell.get("metadata", {}).get("nbgrader", {})
            if nbg.get("grade"):
                graded.append(nbg["grade_id"])
                assert cell.cell_type == "code" and not nbg.get("solution"), nbg["grade_id"]
                assert nbg["grade_id"] in registry, f"{path.name}: {nbg['grade_id']} has no " \
                                                    "registered trusted check"
    assert len(graded) >= 30 and len(set(graded)) == len(graded)


def test_a_probe_of_the_reference_is_plain_data():
    text = FakeExecutor()._probe(plain.dumps({
        "probe": "course_lib.grading.sandbox.probes:call_each",
        "function": "initialize_parameters_zeros", "inputs": [{"args": [[3, 2, 1]]}]}))
    outputs = plain.loads(text)["outputs"]
    assert isinstance(outputs[0]["W1"], np.ndarray)


def test_a_verdict_is_written_in_lines_feedback_shows_whole():
    """Feedback pages show an error's lines unwrapped: the grader writes the verdict in lines
    of at most ``evidence.WRAP`` columns, the message itself unchanged."""
    from course_lib.grading.plugins import evidence

    message = ("W1 has std 0.111 but randn * sqrt(2 / layers_dims[l-1]) for fan-in n[0] = 40 "
               "gives 0.224: did you use layers_dims[l] (fan-out) instead of layers_dims[l-1]?"
               "\nsecond paragraph")
    out = evidence.error_output("CheckFailed", message)
    assert out["evalue"] == message and len(out["traceback"]) > 2
    assert all(len(line) <= evidence.WRAP for line in out["traceback"])
    assert " ".join(" ".join(out["traceback"]).split()) == f"CheckFailed: {message}".replace(
        "\n", " ")
    assert evidence.error_output("NotRun", "short")["traceback"] == ["NotRun: short"]
