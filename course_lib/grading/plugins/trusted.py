"""Verdicts from outside the kernel: the autograde step of the course (trusted side).

:class:`TrustedExecute` replaces nbgrader's ``Execute`` in ``Autograde.autograde_preprocessors``.
For one notebook it

1. picks fresh inputs for every hidden check of the notebook (a secret seed per run);
2. has the sandbox (:mod:`course_lib.grading.sandbox.isolate`) run the notebook's code cells
   (not the cells tagged ``lesson``) and, before each hidden test cell, the check's probe: the
   student's function on those inputs, returned as plain data;
3. reads the probes' outputs with :func:`course_lib.core.plain.loads` (never pickle) and judges them
   with the pure judges, in this process, which never runs student code;
4. writes the verdict into the test cell's outputs (``Passed: ...`` on stdout, or a
   ``CheckFailed`` error whose message names the mistake), so that nbgrader's ``SaveAutoGrades``
   records the trusted score; stderr and warnings never cost points;
5. flags what it saw (crashes, limits, tampering, disagreements between the test cell run in the
   kernel and the trusted verdict) in the submission's record (:mod:`course_lib.grading.records`).
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

import numpy as np
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Float, Integer, List, Unicode

from course_lib.core import plain
from course_lib.grading import records
from course_lib.grading.sandbox import isolate as sandbox
from course_lib.grading.sandbox.probes import probe_ref
from course_lib.instructor.hidden_checks import (
    ASSIGNMENTS,
    ReferenceUnavailable,
    checks_for,
    judge_outputs,
    parse_grade_id,
)
from course_lib.judges import Verdict, fail

__all__ = ["TrustedExecute", "LESSON_TAG", "is_lesson_cell", "judge_probe"]

LESSON_TAG = "lesson"
DEFERRED = "judged by the course's grader."

# Integrity changes that honest notebooks cause (the kernel itself, %matplotlib inline).
_BENIGN = {"builtins.input", "builtins.raw_input", "builtins.getpass", "sys.excepthook",
           "sys.displayhook", "builtins.display", "builtins.get_ipython"}

_LIMIT_PATTERNS = (
    (re.compile(r"MemoryError|Unable to allocate|Cannot allocate memory"), "memory"),
    (re.compile(r"File too large|\[Errno 27\]"), "file size"),
    (re.compile(r"Resource temporarily unavailable|\[Errno 11\]|can't start new thread"),
     "processes"),
    (re.compile(r"No space left on device|\[Errno 28\]"), "disk space of the sandbox"),
    (re.compile(r"Too many open files|\[Errno 24\]"), "open files"),
)
_NETWORK = re.compile(r"Network is unreachable|Temporary failure in name resolution|"
                      r"Name or service not known|\[Errno 101\]|\[Errno -3\]|\[Errno -2\]")
_REFERENCE = re.compile(r"course_lib\.instructor is not available while grading")


def _registry(log=None) -> dict:
    """Every check by grade_id; an assignment whose checks fail to import is skipped (and
    logged), so one broken module cannot stop the grading of the others."""
    found = {}
    for assignment in ASSIGNMENTS:
        try:
            found.update({c.grade_id: c for c in checks_for(assignment)})
        except Exception as exc:
            if log is not None:
                log.error("hidden checks of %s cannot be loaded: %s", assignment, exc)
    return found


def _culprit(run: sandbox.SandboxRun) -> tuple[str, object] | None:
    """The cell or probe that was running when a sandbox run ended without finishing (not at
    the hard time limit): the second run skips it."""
    if run.killed or run.of("done") or not run.of("start"):
        return None
    done_cells = {e.get("index") for e in run.of("cell")}
    done_probes = {e.get("check") for e in run.of("probe")}
    for ev in reversed(run.of("begin")):
        if "index" in ev and ev["index"] not in done_cells and isinstance(ev["index"], int):
            return ("cell", ev["index"])
        if "check" in ev and ev["check"] not in done_probes and isinstance(ev["check"], str):
            return ("probe", ev["check"])
    return None


def _timeline(run: sandbox.SandboxRun) -> list[list]:
    """A compact trace of the run for the record: [seconds, event, cell or check, status]."""
    rows = []
    for ev in run.events[:400]:
        what = ev.get("index", ev.get("check", ev.get("reason", "")))
        rows.append([ev.get("t"), str(ev.get("ev"))[:20], str(what)[:80],
                     str(ev.get("status", ""))[:20]])
    return rows


def is_lesson_cell(cell) -> bool:
    """A code cell tagged ``lesson`` without nbgrader metadata (an experiment of the lesson;
    instructor cells with nbgrader metadata always run, whatever their tags)."""
    meta = cell.get("metadata", {})
    return (cell.get("cell_type") == "code" and LESSON_TAG in (meta.get("tags") or [])
            and not meta.get("nbgrader"))


def _test_cell(cell) -> bool:
    nbg = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(nbg.get("grade")) and not nbg.get(
        "solution")


def _clean_output(out) -> dict | None:
    """An nbformat output built field by field from what the sandbox sent (or None)."""
    if not isinstance(out, dict):
        return None
    kind = out.get("output_type")
    if kind == "stream":
        name = out.get("name") if out.get("name") in ("stdout", "stderr") else "stdout"
        return {"output_type": "stream", "name": name, "text": str(out.get("text", ""))}
    if kind == "error":
        tb = out.get("traceback")
        tb = [str(t) for t in tb[:200]] if isinstance(tb, list) else []
        return {"output_type": "error", "ename": str(out.get("ename", "Error"))[:200],
                "evalue": str(out.get("evalue", ""))[:5000], "traceback": tb}
    if kind in ("display_data", "execute_result"):
        data = out.get("data")
        if not isinstance(data, dict):
            return None
        clean = {}
        for mime, value in data.items():
            if not isinstance(mime, str):
                continue
            if isinstance(value, str) or (isinstance(value, list)
                                         and all(isinstance(v, str) for v in value)):
                clean[mime] = value
            elif mime.endswith("json") and isinstance(value, (dict, list)):
                clean[mime] = value
        meta = out.get("metadata") if isinstance(out.get("metadata"), dict) else {}
        result = {"output_type": kind, "data": clean, "metadata": meta}
        if kind == "execute_result":
            count = out.get("execution_count")
            result["execution_count"] = count if isinstance(count, int) else None
        return result
    return None


def _node(out: dict) -> NotebookNode:
    from nbformat.notebooknode import from_dict

    return from_dict(out)


def _error(ename: str, message: str) -> dict:
    return {"output_type": "error", "ename": ename, "evalue": message,
            "traceback": [f"{ename}: {message}"]}


def _text_of(outputs: list[dict]) -> str:
    parts = []
    for out in outputs:
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename')}: {out.get('evalue')}")
    return "\n".join(parts)


def judge_probe(check, inputs, event: dict | None, run: sandbox.SandboxRun,
                limits: sandbox.Limits) -> Verdict:
    """The trusted verdict of one check from its probe event (or the lack of one)."""
    fn = check.function
    if event is None:
        if run.killed:
            return fail(f"{fn} was not checked: the notebook ran past the grader's time limit "
                        "and was stopped")
        fatal = run.of("fatal")
        why = fatal[-1].get("message") if fatal else f"exit status {run.returncode}"
        return fail(f"{fn} was not checked: the sandbox ended early ({why})")
    status = event.get("status")
    if status == "timeout":
        return fail(f"calling {fn} on the grader's inputs ran longer than "
                    f"{limits.cell_timeout:g} s")
    if status in ("died", "hung"):
        return fail(f"calling {fn} on the grader's inputs crashed or hung the kernel "
                    "(a crash, an exit, or a memory or process limit)")
    if status == "stopped":
        return fail(f"calling {fn} on the grader's inputs stopped the grader's sandbox")
    if status == "unavailable":
        return fail(f"{fn} could not be checked: the kernel could not be restarted after "
                    "an earlier crash")
    if status == "too big":
        return fail(f"{fn} returned more data than the grader reads "
                    f"({limits.probe_output_mb} MB)")
    if status == "missing":
        return fail(f"{fn} could not be checked: the check's result was never written (the "
                    "notebook interferes with files, imports or the kernel)")
    text = event.get("text")
    try:
        data = plain.loads(text if isinstance(text, str) else "")
    except (ValueError, TypeError, KeyError, RecursionError) as exc:
        if isinstance(text, str) and '"probe_error"' in text[:100]:
            import json

            try:
                why = str(json.loads(text).get("probe_error"))[:300]
            except ValueError:
                why = "unknown error"
            return fail(f"{fn} could not be checked in the notebook's kernel: {why}")
        return fail(f"the grader could not read what {fn} returned ({type(exc).__name__})")
    if not isinstance(data, dict) or "outputs" not in data:
        return fail(f"the grader could not read what {fn} returned")
    if data.get("defined") is False:
        return fail(f"{fn} is not defined in the notebook")
    outputs = data["outputs"]
    if isinstance(outputs, plain.CallError):
        return fail(f"calling {fn} raised {outputs}")
    try:
        verdict = judge_outputs(check, inputs, outputs)
    except ReferenceUnavailable:
        raise
    except Exception as exc:  # outputs of a shape the judge did not foresee
        return fail(f"what {fn} returned could not be judged ({type(exc).__name__}: "
                    f"{str(exc)[:200]})")
    if not isinstance(verdict, Verdict):
        return fail(f"the judge of {check.grade_id} returned no verdict")
    return verdict


class TrustedExecute(NbGraderPreprocessor):
    """Run the notebook in the sandbox and grade its hidden tests outside the kernel."""

    cell_timeout = Float(60.0, help="Wall time of one cell or probe, in seconds").tag(
        config=True)
    notebook_timeout = Float(600.0, help="Wall time of all cells of a notebook").tag(
        config=True)
    memory_mb = Integer(2048, help="Address space of the kernel, in MB").tag(config=True)
    cpu_seconds = Integer(900, help="CPU time of one kernel process").tag(config=True)
    nproc = Integer(96, help="Processes and threads of the sandbox user").tag(config=True)
    file_mb = Integer(64, help="Largest file student code may write, in MB").tag(config=True)
    tmpfs_mb = Integer(256, help="Size of the sandbox's writable /tmp, in MB").tag(config=True)
    cell_output_kb = Integer(256, help="Output kept per cell, in KB").tag(config=True)
    max_restarts = Integer(3, help="Kernel restarts after crashes, per notebook").tag(
        config=True)
    sandbox = Unicode("auto", help="auto, root, userns or none").tag(config=True)
    hidden_paths = List(Unicode(), help="More folders to hide from student code").tag(
        config=True)

    def limits(self) -> sandbox.Limits:
        return sandbox.Limits(cell_timeout=self.cell_timeout,
                              notebook_timeout=self.notebook_timeout,
                              memory_mb=self.memory_mb, cpu_seconds=self.cpu_seconds,
                              nproc=self.nproc, file_mb=self.file_mb, tmpfs_mb=self.tmpfs_mb,
                              cell_output_kb=self.cell_output_kb,
                              max_restarts=self.max_restarts)

    def _hidden(self, resources) -> list[str]:
        root = records.records_dir(self.config).parent
        hidden = [str(root)] + list(self.hidden_paths)
        db = resources["nbgrader"].get("db_url", "")
        if db.startswith("sqlite:///"):
            hidden.append(str(Path(db[len("sqlite:///"):]).resolve().parent))
        return hidden

    # ------------------------------------------------------------------ main

    def preprocess(self, nb, resources):
        started = time.monotonic()
        info = resources["nbgrader"]
        path = records.record_path(records.records_dir(self.config), info["assignment"],
                                   info["student"], info["notebook"])
        record = records.load(path) or records.start(
            path, student=info["student"], assignment=info["assignment"],
            notebook=info["notebook"])
        flags: list[str] = []
        notes: list[str] = []
        registry = _registry(self.log)
        limits = self.limits()

        cells, tests = [], {}          # job cells; index -> check grade_id
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            cell.outputs, cell.execution_count = [], None
            if is_lesson_cell(cell):
                continue
            gid = cell.metadata.get("nbgrader", {}).get("grade_id")
            kind = "test" if _test_cell(cell) else "run"
            check = gid if (kind == "test" and parse_grade_id(gid or "") and gid in registry
                            and gid not in tests.values()) else None
            if check:
                tests[i] = check
            cells.append({"index": i, "kind": kind, "source": cell.source, "check": check,
                          "grade_id": gid})

        seed = secrets.randbits(63)
        inputs_text, inputs, broken = {}, {}, {}
        for k, gid in enumerate(tests.values()):
            try:
                raw = registry[gid].inputs(np.random.default_rng([seed, k]))
                inputs_text[gid] = plain.dumps({"probe": probe_ref(registry[gid].probe),
                                                "function": registry[gid].function,
                                                "inputs": raw})
                inputs[gid] = plain.loads(inputs_text[gid])["inputs"]
            except Exception as exc:  # a bug in the check, not in the submission
                broken[gid] = fail(f"grader error: the check's inputs could not be built "
                                   f"({type(exc).__name__}: {exc})")
                flags.append(f"grader error: {gid} has no inputs ({type(exc).__name__})")
        for cell in cells:
            if cell["check"] in broken:
                cell["check"] = None

        unreadable = record.get("unreadable")
        if unreadable:
            verdicts = {gid: fail(f"the submitted notebook could not be read ({unreadable})")
                        for gid in tests.values()}
            run = None
        else:
            job = {"cells": cells, "probes": [g for g in tests.values() if g not in broken],
                   "inputs": inputs_text}
            run = sandbox.run_notebook(job, limits, mode=self.sandbox,
                                       hidden=self._hidden(resources))
            culprit = _culprit(run)
            if culprit is not None:
                kind, what = culprit
                label = what if kind == "probe" else next(
                    (c["grade_id"] or nb.cells[c["index"]].get("id") for c in cells
                     if c["index"] == what), what)
                flags.append(f"sandbox error: the run ended early at {kind} {label}; graded "
                             f"from a second run without it")
                job["skip_cells" if kind == "cell" else "skip_probes"] = [what]
                run = sandbox.run_notebook(job, limits, mode=self.sandbox,
                                           hidden=self._hidden(resources))
            live = {i: g for i, g in tests.items() if g not in broken}
            verdicts = self._merge(nb, run, cells, live, inputs, registry, limits, flags,
                                   notes)
        verdicts.update(broken)
        judged = {}
        for i, gid in tests.items():
            check, verdict = registry[gid], verdicts[gid]
            cell = nb.cells[i]
            if verdict.passed:
                cell.outputs = [_node({"output_type": "stream", "name": "stdout",
                                       "text": f"Passed: {check.summary}\n"})]
            else:
                cell.outputs = [_node(_error("CheckFailed", verdict.message))]
            judged[gid] = {"passed": bool(verdict.passed), "message": verdict.message,
                           "points": float(cell.metadata["nbgrader"].get("points", 0))}
        for i, cell in enumerate(nb.cells):  # other graded code cells: honest noise is free
            if _test_cell(cell) and i not in tests:
                cell.outputs = [o for o in cell.outputs
                                if not (o.output_type == "stream" and o.name == "stderr")]
                for o in cell.outputs:
                    if o.output_type == "error":
                        o.traceback = [f"{o.ename}: {o.evalue}"]
        extra = {}
        if run is not None:
            extra = {"sandbox": run.mode, "sandbox_seconds": round(run.seconds, 3),
                     "timeline": _timeline(run)}
            if run.degraded:
                flags.append(f"sandbox degraded: {run.degraded}")
        records.update(path, flags=flags, notes=notes, verdicts=judged, stage="graded",
                       grading_seconds=round(time.monotonic() - started, 3), **extra)
        return nb, resources

    # ------------------------------------------------------------------ merging a run

    def _merge(self, nb, run, cells, tests, inputs, registry, limits, flags, notes):
        by_index: dict[int, dict] = {}
        for ev in run.of("cell"):
            if isinstance(ev.get("index"), int):
                by_index[ev["index"]] = ev
        probes: dict[str, dict] = {}
        for ev in run.of("probe"):
            if isinstance(ev.get("check"), str):
                probes[ev["check"]] = ev
        if run.killed:
            flags.append("limit hit: the notebook ran past the grader's hard time limit and "
                         "was stopped")
        if run.truncated:
            flags.append("limit hit: the sandbox wrote more than the grader reads")
        for ev in run.of("fatal"):
            flags.append(f"sandbox error: {str(ev.get('message'))[:300]}")
        if not run.of("start"):
            flags.append(f"sandbox error: the sandbox did not start ({run.stderr.strip()[-300:]}"
                         f"{'' if run.stderr.strip() else 'exit ' + str(run.returncode)})")
        for ev in run.of("limit"):
            flags.append(f"limit hit: {str(ev.get('message'))[:200]}")
        for ev in run.of("restart"):
            if ev.get("status") != "ok":
                flags.append(f"kernel crash: the kernel could not be restarted "
                             f"({ev.get('status')})")
        seen_limits = set()
        for job_cell in cells:
            i = job_cell["index"]
            cell = nb.cells[i]
            ev = by_index.get(i)
            label = job_cell.get("grade_id") or cell.get("id") or f"#{i}"
            if ev is None:
                note = ("not run: the sandbox stopped before this cell" if run.of("start")
                        else "not run: the sandbox did not start")
                cell.outputs = [_node(_error("NotRun", note))]
                continue
            outs = [o for o in (_clean_output(x) for x in ev.get("outputs") or []) if o]
            status = ev.get("status")
            if ev.get("note") and status in ("skipped", "died", "hung"):
                outs.append(_error({"skipped": "NotRun", "died": "KernelDied",
                                    "hung": "CellTimeoutError"}[status], str(ev["note"])))
            elif ev.get("note"):
                outs.append({"output_type": "stream", "name": "stdout",
                             "text": f"\n[grader] {ev['note']}\n"})
            cell.outputs = [_node(o) for o in outs]
            count = ev.get("execution_count")
            cell.execution_count = count if isinstance(count, int) else None
            if status == "died":
                flags.append(f"kernel crash: cell {label} ended the kernel (it was restarted "
                             "and the notebook went on)")
            elif status in ("timeout", "hung"):
                flags.append(f"limit hit: cell {label} ran longer than "
                             f"{limits.cell_timeout:g} s")
            elif status == "skipped" and "notebook's time limit" in str(ev.get("note")):
                if "notebook time" not in seen_limits:
                    seen_limits.add("notebook time")
                    flags.append("limit hit: the notebook's time limit was reached; later cells"
                                 " were not run")
            text = _text_of(outs)
            for pattern, what in _LIMIT_PATTERNS:
                if pattern.search(text) and what not in seen_limits:
                    seen_limits.add(what)
                    flags.append(f"limit hit: {what} (cell {label})")
            if _REFERENCE.search(text):
                flags.append(f"tampering suspected: cell {label} tried to use the reference "
                             "solutions")
            if job_cell["kind"] == "run":
                for o in outs:
                    if o["output_type"] == "error" and o["ename"] not in ("NotRun",):
                        notes.append(f"cell {label} raised {o['ename']}: "
                                     f"{o['evalue'][:200]}")
                if _NETWORK.search(text):
                    notes.append(f"cell {label} tried to use the network (there is none)")
        for ev in run.of("integrity"):
            changed = ev.get("changed")
            if isinstance(changed, list):
                bad = [c for c in changed if c not in _BENIGN]
                if bad:
                    flags.append("tampering suspected: the notebook replaced "
                                 + ", ".join(map(str, bad[:8]))
                                 + (" ..." if len(bad) > 8 else ""))
        verdicts, silent = {}, []
        for i, gid in tests.items():
            check = registry[gid]
            event = probes.get(gid)
            verdicts[gid] = judge_probe(check, inputs[gid], event, run, limits)
            self._compare(nb.cells[i], check, verdicts[gid], by_index.get(i), flags, silent,
                          "memory" in seen_limits)
        if silent:
            flags.append("tampering suspected: the hidden test cells "
                         + ", ".join(silent) + " did not report their checks in the kernel "
                         "(their output was hidden or replaced)")
        return verdicts

    @staticmethod
    def _compare(cell, check, verdict, ev, flags, silent: list[str], memory: bool) -> None:
        """Flag a hidden test cell whose run in the kernel disagrees with the trusted verdict
        (``silent`` collects test cells whose check did not report in the kernel)."""
        if ev is None or ev.get("status") not in ("ok", "error"):
            return
        outs = [o for o in (_clean_output(x) for x in ev.get("outputs") or []) if o]
        errors = [o for o in outs if o["output_type"] == "error"]
        stdout = "".join(o["text"] for o in outs
                         if o["output_type"] == "stream" and o["name"] == "stdout")
        said_pass = f"Passed: {check.summary}" in stdout
        deferred = f"{check.summary}: {DEFERRED}" in stdout
        gid = check.grade_id
        if errors:
            if verdict.passed:
                flags.append(f"verdict disagreement: {gid} failed in the notebook's kernel "
                             f"({errors[0]['ename']}) but passed the grader's check (the "
                             "grader's verdict counts)")
        elif not (said_pass or deferred):
            # An empty output can also be a kernel out of memory failing to send it.
            if outs or not memory:
                silent.append(gid)
        elif said_pass and not verdict.passed:
            flags.append(f"verdict disagreement: {gid} passed in the notebook's kernel but "
                         "failed the grader's check on fresh inputs (the grader's verdict "
                         "counts)")
