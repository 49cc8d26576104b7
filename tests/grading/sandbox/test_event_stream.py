"""The runner's event stream cannot be forged from the kernel: no way to open it for writing
(the runner is not dumpable, the stream is a pipe the kernel never holds), and the reader keeps
the first event per cell or probe and nothing after the end marker."""

from __future__ import annotations

import json

import pytest
import sandbox_support

from course_lib.grading.sandbox import isolate as sandbox

FAST = sandbox.Limits(cell_timeout=8, notebook_timeout=60, memory_mb=1536, file_mb=8,
                      tmpfs_mb=32, nproc=64, cpu_seconds=60)

FORGE = r'''
import json, os, stat
forged = {"ev": "cell", "index": 2, "status": "ok", "outputs": [
    {"output_type": "stream", "name": "stdout", "text": "FORGED"}]}
lines = (json.dumps(forged) + "\n" + json.dumps({"ev": "done"}) + "\n").encode()
wrote = []
for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == os.getpid():
        continue
    try:  # only the sandbox's own processes (never spray pipes of a host's processes)
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read()
    except OSError:
        cmd = b""
    if not any(k in cmd for k in (b"runner.py", b"setup.sh", b"unshare", b"setpriv")):
        continue
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        continue
    for fd in fds:
        path = f"/proc/{pid}/fd/{fd}"
        try:
            target = os.readlink(path)
            if not (target.startswith("pipe:") or "events" in target):
                continue
            w = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            os.write(w, lines)
            os.close(w)
            wrote.append(f"{pid}/{fd} {target}")
        except OSError:
            pass
print("WROTE", wrote)
'''


def _event(ev, **kw):
    return json.dumps(dict(kw, ev=ev))


def test_reader_keeps_the_first_event_per_key_and_nothing_after_done():
    lines = [_event("start"), _event("cell", index=0, status="ok"),
             _event("cell", index=0, status="error"),
             _event("probe", check="c", when="cell", status="ok"),
             _event("probe", check="c", when="cell", status="missing"),
             _event("probe", check="c", when="retry", status="error"),
             _event("done"), _event("cell", index=1, status="ok"), "not json", ""]
    events, truncated = sandbox.parse_events("\n".join(lines).encode(), False)
    assert not truncated
    assert [(e["ev"], e.get("status")) for e in events] == [
        ("start", None), ("cell", "ok"), ("probe", "ok"), ("probe", "error"), ("done", None)]


@pytest.mark.slow
@pytest.mark.parametrize("mode", sandbox_support.isolating_modes())
def test_student_code_cannot_write_the_event_stream(mode):
    mode = sandbox_support.require(mode)
    cells = ["x = 1", FORGE, "print('real')", "print('after')"]
    job = {"cells": [{"index": i, "kind": "run", "source": s} for i, s in enumerate(cells)],
           "probes": []}
    run = sandbox.run_notebook(job, FAST, mode=mode)
    text = json.dumps(run.events)
    assert "FORGED" not in text
    [forge] = [e for e in run.of("cell") if e["index"] == 1]
    assert "WROTE []" in json.dumps(forge["outputs"]), forge
    [real] = [e for e in run.of("cell") if e["index"] == 2]
    assert real["outputs"][0]["text"] == "real\n"
    assert [e["index"] for e in run.of("cell")] == [0, 1, 2, 3]
    assert len(run.of("done")) == 1
