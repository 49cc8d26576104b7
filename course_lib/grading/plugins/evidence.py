"""What a sandboxed run shows, read on the trusted side: cell outputs rebuilt field by field, and
the flags and notes of the submission's record (limits hit, crashes, tampering).

Everything here reads events written inside the sandbox, so every field is checked for its type
before use: a forged or garbled event is skipped, never an error. Nothing here decides a score.
"""

from __future__ import annotations

import re
import textwrap

from nbformat.notebooknode import NotebookNode, from_dict

from course_lib.grading.sandbox.isolate import Limits, SandboxRun

__all__ = ["clean_output", "node", "error_output", "text_of", "run_flags", "integrity_flags",
           "CellEvidence", "culprit", "timeline"]

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
_STATUS_ERRORS = {"skipped": "NotRun", "died": "KernelDied", "hung": "CellTimeoutError"}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _rich(kind: str, out: dict) -> dict | None:
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


def clean_output(out) -> dict | None:
    """An nbformat output built field by field from what the sandbox sent (or None)."""
    if not isinstance(out, dict):
        return None
    kind = out.get("output_type")
    if kind == "stream":
        name = out.get("name") if out.get("name") in ("stdout", "stderr") else "stdout"
        return {"output_type": "stream", "name": name, "text": str(out.get("text", ""))}
    if kind == "error":
        tb = [str(t) for t in _list(out.get("traceback"))[:200]]
        return {"output_type": "error", "ename": str(out.get("ename", "Error"))[:200],
                "evalue": str(out.get("evalue", ""))[:5000], "traceback": tb}
    if kind in ("display_data", "execute_result"):
        return _rich(kind, out)
    return None


def node(out: dict) -> NotebookNode:
    return from_dict(out)


#: Width of the lines of an error the grader writes (feedback pages show them unwrapped).
WRAP = 88


def error_output(ename: str, message: str) -> dict:
    """An error output ``ename: message``, its shown text wrapped at :data:`WRAP` columns
    (continuation lines indented) so that feedback shows the whole verdict."""
    lines = []
    for k, line in enumerate(f"{ename}: {message}".splitlines() or [ename]):
        lines += textwrap.wrap(line, WRAP, initial_indent="" if k == 0 else "  ",
                               subsequent_indent="  ", break_long_words=False,
                               break_on_hyphens=False) or [""]
    return {"output_type": "error", "ename": ename, "evalue": message, "traceback": lines}


def text_of(outputs: list[dict]) -> str:
    parts = []
    for out in outputs:
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename')}: {out.get('evalue')}")
    return "\n".join(parts)


def run_flags(run: SandboxRun) -> list[str]:
    """Flags about the run as a whole: hard time limit, truncation, sandbox errors, restarts."""
    flags = []
    if run.killed:
        flags.append("limit hit: the notebook ran past the grader's hard time limit and was "
                     "stopped")
    if run.truncated:
        flags.append("limit hit: the sandbox wrote more than the grader reads")
    flags += [f"sandbox error: {str(ev.get('message'))[:300]}" for ev in run.of("fatal")]
    if not run.of("start"):
        flags.append(f"sandbox error: the sandbox did not start ({run.stderr.strip()[-300:]}"
                     f"{'' if run.stderr.strip() else 'exit ' + str(run.returncode)})")
    flags += [f"limit hit: {str(ev.get('message'))[:200]}" for ev in run.of("limit")]
    flags += [f"kernel crash: the kernel could not be restarted ({ev.get('status')})"
              for ev in run.of("restart") if ev.get("status") != "ok"]
    return flags


def integrity_flags(run: SandboxRun) -> list[str]:
    """What the notebook replaced in numpy, the builtins, course_lib or IPython (evidence from
    a kernel that ran student code: it feeds the report, never a score)."""
    flags = []
    for ev in run.of("integrity"):
        bad = [c for c in _list(ev.get("changed")) if c not in _BENIGN]
        if bad:
            flags.append("tampering suspected: the notebook replaced "
                         + ", ".join(map(str, bad[:8])) + (" ..." if len(bad) > 8 else ""))
    return flags


class CellEvidence:
    """Puts each job cell's outputs back into the notebook and collects flags and notes."""

    def __init__(self, run: SandboxRun, limits: Limits):
        self.run, self.limits = run, limits
        self.flags: list[str] = []
        self.notes: list[str] = []
        self.seen_limits: set[str] = set()
        self.by_index = {ev["index"]: ev for ev in run.of("cell")
                         if isinstance(ev.get("index"), int)}

    def apply(self, cell, job_cell: dict) -> None:
        """Write the outputs of ``job_cell`` (its event, or why it did not run) into ``cell``."""
        ev = self.by_index.get(job_cell["index"])
        label = job_cell.get("grade_id") or cell.get("id") or f"#{job_cell['index']}"
        if ev is None:
            note = ("not run: the sandbox stopped before this cell" if self.run.of("start")
                    else "not run: the sandbox did not start")
            cell.outputs = [node(error_output("NotRun", note))]
            return
        outs = self._outputs(ev)
        cell.outputs = [node(o) for o in outs]
        count = ev.get("execution_count")
        cell.execution_count = count if isinstance(count, int) else None
        self._status_flags(ev, label)
        self._text_flags(text_of(outs), label)
        if job_cell["kind"] == "run":
            self._notes(outs, label)

    @staticmethod
    def _outputs(ev: dict) -> list[dict]:
        outs = [o for o in (clean_output(x) for x in _list(ev.get("outputs"))) if o]
        status, note = ev.get("status"), ev.get("note")
        if note and status in _STATUS_ERRORS:
            outs.append(error_output(_STATUS_ERRORS[status], str(note)))
        elif note:
            outs.append({"output_type": "stream", "name": "stdout",
                         "text": f"\n[grader] {note}\n"})
        return outs

    def _once(self, what: str, flag: str) -> None:
        if what not in self.seen_limits:
            self.seen_limits.add(what)
            self.flags.append(flag)

    def _status_flags(self, ev: dict, label: str) -> None:
        status = ev.get("status")
        if status == "died":
            self.flags.append(f"kernel crash: cell {label} ended the kernel (it was restarted "
                              "and the notebook went on)")
        elif status in ("timeout", "hung"):
            self.flags.append(f"limit hit: cell {label} ran longer than "
                              f"{self.limits.cell_timeout:g} s")
        elif status == "skipped" and "notebook's time limit" in str(ev.get("note")):
            self._once("notebook time", "limit hit: the notebook's time limit was reached; "
                       "later cells were not run")

    def _text_flags(self, text: str, label: str) -> None:
        for pattern, what in _LIMIT_PATTERNS:
            if pattern.search(text):
                self._once(what, f"limit hit: {what} (cell {label})")
        if _REFERENCE.search(text):
            self.flags.append(f"tampering suspected: cell {label} tried to use the reference "
                              "solutions")

    def _notes(self, outs: list[dict], label: str) -> None:
        for o in outs:
            if o["output_type"] == "error" and o["ename"] != "NotRun":
                self.notes.append(f"cell {label} raised {o['ename']}: {o['evalue'][:200]}")
        if _NETWORK.search(text_of(outs)):
            self.notes.append(f"cell {label} tried to use the network (there is none)")


def culprit(run: SandboxRun) -> tuple[str, object] | None:
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


def timeline(run: SandboxRun) -> list[list]:
    """A compact trace of the run for the record: [seconds, event, cell or check, status]."""
    rows = []
    for ev in run.events[:400]:
        what = ev.get("index", ev.get("check", ev.get("reason", "")))
        rows.append([ev.get("t"), str(ev.get("ev"))[:20], str(what)[:80],
                     str(ev.get("status", ""))[:20]])
    return rows
