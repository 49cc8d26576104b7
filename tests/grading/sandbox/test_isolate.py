"""The sandbox on its own: what student code can see and do in it, its limits, and how the
trusted side reads what comes back (plain data only)."""

from __future__ import annotations

import json
import os
import sys

import numpy as np
import pytest
import sandbox_support
from sandbox_support import needs_sandbox

from course_lib.core import plain
from course_lib.grading.plugins import trusted
from course_lib.grading.sandbox import isolate as sandbox
from course_lib.grading.sandbox import rootfs
from course_lib.instructor import hidden_checks as checks

pytestmark = pytest.mark.slow

FAST = sandbox.Limits(cell_timeout=8, notebook_timeout=60, memory_mb=1536, file_mb=8,
                      tmpfs_mb=32, nproc=64, cpu_seconds=60)

SPY = r'''
import json, os, socket
facts = {"uid": os.getuid(), "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit())}
def attempt(name, fn):
    try:
        fn()
        facts[name] = "yes"
    except Exception as exc:
        facts[name] = type(exc).__name__
attempt("read_secret", lambda: open(SECRET).read())
facts["root_home"] = os.listdir("/root") if os.path.isdir("/root") else []
attempt("write_root_fs", lambda: open("/planted-by-student", "w").write("x"))
attempt("write_usr", lambda: open("/usr/planted-by-student", "w").write("x"))
attempt("network", lambda: socket.create_connection(("10.255.255.1", 80), timeout=2))
attempt("dns", lambda: socket.getaddrinfo("example.com", 80))
attempt("reference", lambda: __import__("course_lib.instructor.reference.initialization"))
attempt("write_tmp", lambda: open("/tmp/scratch.txt", "w").write("x"))
attempt("write_cwd", lambda: open("here.txt", "w").write("x"))
facts["env"] = sorted(os.environ)
facts["caps"] = [l.split()[1] for l in open("/proc/self/status") if l.startswith("CapEff")][0]
attempt("umount_tmp", lambda: os.system("umount -l /tmp 2>/dev/null") == 0 or 1 / 0)
print("FACTS" + json.dumps(facts))
'''


def run_cells(sources, tmp_path=None, limits=FAST, probes=None, mode="auto", hidden=()):
    cells = [{"index": i, "kind": "run", "source": s} for i, s in enumerate(sources)]
    job = {"cells": cells, "probes": list(probes or {}), "inputs": dict(probes or {})}
    return sandbox.run_notebook(job, limits, mode=mode, hidden=list(hidden))


def outputs(run, index):
    [ev] = [e for e in run.of("cell") if e.get("index") == index]
    return ev


def stdout(ev):
    return "".join(o.get("text", "") for o in ev.get("outputs", [])
                   if o.get("output_type") == "stream")


# The sandbox as this machine runs it, and the unprivileged-user-namespace path that a grader
# who is not root gets (forced here, even as root, wherever user namespaces work).
ISOLATING_MODES = sandbox_support.isolating_modes()


@pytest.mark.parametrize("mode", ISOLATING_MODES)
def test_student_code_sees_no_course_files_no_network_no_root(tmp_path, mode):
    mode = sandbox_support.require(mode)
    secret = tmp_path / "course" / "gradebook.db"
    secret.parent.mkdir()
    secret.write_text("secret")
    run = run_cells([f"SECRET = {str(secret)!r}", SPY], hidden=[str(secret.parent)], mode=mode)
    assert run.mode == mode and not run.degraded, run.stderr
    text = stdout(outputs(run, 1))
    facts = json.loads(text.split("FACTS", 1)[1])
    # root mode drops to a fresh uid; userns mode stays namespace root without capabilities
    assert facts["uid"] != 0 if mode == "root" else facts["uid"] == 0
    assert int(facts["caps"], 16) == 0, "student code keeps capabilities"
    assert facts["umount_tmp"] != "yes"
    assert facts["read_secret"] in ("FileNotFoundError", "PermissionError")
    # the home folders are hidden; only the Python installation is mounted back
    assert set(facts["root_home"]) <= {p.split("/")[2] for p in (sys.base_prefix, sys.prefix)
                                       if p.startswith("/root/")}
    assert facts["write_root_fs"] != "yes" and facts["write_usr"] != "yes"
    assert not os.path.exists("/planted-by-student")
    assert facts["network"] != "yes" and facts["dns"] != "yes"
    assert facts["reference"] == "ImportError"
    assert facts["write_tmp"] == "yes" and facts["write_cwd"] == "yes"
    assert len(facts["pids"]) < 10, "host processes are visible"
    assert not [k for k in facts["env"] if "NBGRADER" in k or "DB" in k]
    assert secret.read_text() == "secret"


@needs_sandbox
def test_a_crash_and_an_unstoppable_cell_do_not_stop_the_notebook():
    run = run_cells(["x = 41", "import os\nos._exit(3)", "x += 1\nprint('x is', x)",
                     "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                     "while True:\n    pass", "print('still here', x)"],
                    limits=sandbox.Limits(cell_timeout=3, notebook_timeout=60))
    assert outputs(run, 1)["status"] == "died"
    assert "x is 42" in stdout(outputs(run, 2))
    assert outputs(run, 3)["status"] == "hung"
    assert "still here 42" in stdout(outputs(run, 4))
    assert [e["status"] for e in run.of("restart")] == ["ok", "ok"]
    assert run.of("done")


@needs_sandbox
def test_limits_on_memory_files_output_and_processes():
    run = run_cells([
        "import numpy as np\nblocks = []\nwhile True:\n    blocks.append(np.empty(10**8))",
        "open('big', 'wb').write(b'x' * (20 << 20))",
        "print('y' * (1 << 20))",
        "import os, time\nkids = 0\nwhile True:\n    try:\n        if os.fork() == 0:\n"
        "            time.sleep(1000)\n        kids += 1\n    except OSError:\n        break",
        "print('kids', kids)"])
    assert "MemoryError" in json.dumps(outputs(run, 0)["outputs"])
    assert "restarted without it" in outputs(run, 0)["note"]
    assert "File too large" in json.dumps(outputs(run, 1)["outputs"])
    assert len(stdout(outputs(run, 2))) < (FAST.cell_output_kb + 2) * 1024
    assert any(e.get("what") == "output" for e in run.of("limit"))
    assert 0 < int(stdout(outputs(run, 4)).split()[1]) < FAST.nproc
    assert any(e.get("what") == "processes" for e in run.of("limit"))


def test_degraded_mode_says_so():
    run = run_cells(["print(1 + 1)"], mode="none")
    assert run.mode == "none" and "rlimits" in run.degraded
    assert stdout(outputs(run, 0)).strip() == "2"


def test_degraded_grading_is_flagged_for_every_submission(tmp_path):
    """Without namespaces the grades are still the trusted ones, and the report says loudly
    that the sandbox was degraded."""
    from hostile import harness

    from course_lib.grading.tools import report

    cases = {k: v for k, v in harness.honest_cases().items() if k != "aa_honest_blank"}
    batch = harness.graded_batch(tmp_path / "degraded", cases=cases,
                                 extra='c.TrustedExecute.sandbox = "none"\n'
                                       'c.TrustedExecute.allow_unisolated = True\n')
    for name in cases:
        assert not harness.function_errors(batch, name)
    for sub in report.collect(batch.root):
        assert "sandbox degraded" in sub.categories, sub.flags


def _probe_event(text):
    return {"ev": "probe", "status": "ok", "text": text}


def test_probe_outputs_are_read_as_plain_data_only():
    check = checks.get_check("initialize_parameters_zeros", "structure")
    inputs = check.inputs(np.random.default_rng(0))
    run = sandbox.SandboxRun(mode="root", degraded=None)
    limits = sandbox.Limits()
    forged = [
        "cos\nsystem\n(S'echo pwned'\ntR.",                                # a pickle
        json.dumps({"__array__": {"dtype": "|O", "shape": [1], "data": "AA=="}}),
        json.dumps({"__dict__": {"defined": True, "outputs": {"__nope__": 1}}}),
        "[" * 10000,
    ]
    for text in forged:
        verdict = trusted.judge_probe(check, inputs, _probe_event(text), run, limits)
        assert not verdict.passed
        assert "could not" in verdict.message
    good = plain.dumps({"defined": True, "outputs": [
        {f"{p}{l}": np.zeros((d[l], d[l - 1]) if p == "W" else (d[l], 1))
         for l in range(1, len(d)) for p in "Wb"}
        for d in (case["args"][0] for case in inputs)]})
    assert trusted.judge_probe(check, inputs, _probe_event(good), run, limits).passed
    missing = plain.dumps({"defined": False, "outputs": []})
    verdict = trusted.judge_probe(check, inputs, _probe_event(missing), run, limits)
    assert "not defined" in verdict.message


def test_setup_script_never_writes_mount_tables():
    """Every ``mount`` of the setup script passes ``-n``: as a user who is not root, util-linux
    mounts, then fails to record the mount in ``/run/mount/utab`` and exits non-zero, which
    stopped every run of the unprivileged-user-namespace path."""
    script = rootfs.setup_script(sandbox.Path("/tmp/base"), sandbox.Path("/tmp/lib"),
                                 [sandbox.Path("/srv/course")], None, 32, 8,
                                 ["python", "runner.py"], {"HOME": "/tmp/work"})
    mounts = [line for line in script.splitlines() if line.lstrip().startswith("mount ")]
    assert len(mounts) >= 8
    assert all(line.split()[1] == "-n" for line in mounts), mounts
