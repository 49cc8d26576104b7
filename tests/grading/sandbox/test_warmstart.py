"""Warm starts: a run forked from a zygote sees the same sandbox as a run started from scratch,
keeps nothing of another run, and a zygote that is killed or cannot start costs speed only."""

from __future__ import annotations

import json
import os
import threading
import time

import pytest
import sandbox_support

from course_lib.grading.sandbox import isolate, privileges, warmstart

pytestmark = pytest.mark.slow

#: What the kernel sees of its process and sandbox, as JSON on stdout.
INTROSPECT = r'''
import json, os, resource, sys
status = dict(l.split(":", 1) for l in open("/proc/self/status").read().splitlines() if ":" in l)
seen = {k: status[k].strip() for k in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
                                         "NoNewPrivs", "Seccomp", "Groups")}
seen["uid0"] = os.getuid() == 0
import ctypes
seen["securebits"] = ctypes.CDLL(None).prctl(27, 0, 0, 0, 0)  # PR_GET_SECUREBITS
seen["ids"] = len(set(os.getresuid()) | set(os.getresgid()))
seen.update(path=sys.path, cwd=os.getcwd(), env=dict(os.environ), argv0=os.path.basename(
    sys.argv[0]), argv=sys.argv[1:2] + sys.argv[3:], flags=str(sys.flags),
    mounts=open("/proc/self/mounts").read(), ppid=os.getppid(), pid=os.getpid(),
    processes=sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
    session=os.getsid(0) == os.getpid(), threads=len(os.listdir("/proc/self/task")),
    limits={n: resource.getrlimit(getattr(resource, n)) for n in (
        "RLIMIT_AS", "RLIMIT_CPU", "RLIMIT_NOFILE", "RLIMIT_FSIZE", "RLIMIT_CORE")},
    hostname=os.uname().nodename,
    main=type(sys.modules["__main__"]).__name__)
print(json.dumps(seen))
'''


def _run(source: str, warm: bool, mode: str) -> isolate.SandboxRun:
    job = {"cells": [{"index": 0, "kind": "run", "source": source}], "probes": []}
    return isolate.run_notebook(job, isolate.Limits(warm_start=warm, cell_timeout=30),
                                mode=mode)


def _stdout(run: isolate.SandboxRun) -> str:
    cells = run.of("cell")
    assert cells and cells[0]["status"] == "ok", (run.events[-3:], run.stderr)
    return "".join(o.get("text", "") for o in cells[0]["outputs"])


@pytest.mark.parametrize("mode", sandbox_support.isolating_modes())
def test_a_forked_kernel_sees_the_sandbox_a_launched_one_sees(mode):
    sandbox_support.require(mode)
    warm, cold = (_run(INTROSPECT, w, mode) for w in (True, False))
    assert warm.of("start")[0]["warm"] is True and cold.of("start")[0]["warm"] is False
    seen = {name: json.loads(_stdout(run)) for name, run in (("warm", warm), ("cold", cold))}
    for key in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        assert int(seen["warm"][key], 16) == 0, key
    assert seen["warm"]["NoNewPrivs"] == "1" and seen["warm"]["ids"] == 1
    assert seen["warm"]["uid0"] == (mode == "userns")
    differ = {k for k in seen["cold"] if seen["cold"][k] != seen["warm"][k]}
    assert not differ, {k: (seen["warm"][k], seen["cold"][k]) for k in differ}


@pytest.mark.parametrize("mode", sandbox_support.isolating_modes())
def test_a_run_keeps_nothing_of_the_run_before(mode):
    sandbox_support.require(mode)
    tamper = ("import numpy, matplotlib, sys\nnumpy.mean = lambda *a, **k: 42\n"
              "matplotlib.LEFT_BEHIND = 1\nsys.modules['left_behind'] = sys\n"
              "import random; print(random.random(), numpy.random.rand())")
    first = _stdout(_run(tamper, True, mode))
    check = ("import numpy, matplotlib, sys, random\n"
             "print(numpy.mean([1, 2]), hasattr(matplotlib, 'LEFT_BEHIND'), "
             "'left_behind' in sys.modules)\nprint(random.random(), numpy.random.rand())")
    lines = _stdout(_run(check, True, mode)).splitlines()
    assert lines[0] == "1.5 False False"
    assert lines[1] != first.strip()  # each forked kernel draws its own seeds


def test_a_zygote_killed_mid_run_ends_that_run_and_the_next_run_starts_a_new_one():
    mode = sandbox_support.require()
    _stdout(_run("print(1)", True, mode))  # a zygote in the pool
    result = {}
    thread = threading.Thread(target=lambda: result.update(
        run=_run("import time\ntime.sleep(60)", True, mode)))
    thread.start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not _busy_zygotes():
        time.sleep(0.1)
    busy = _busy_zygotes()
    assert busy, "no zygote was running the run"
    time.sleep(1.0)
    for pid in busy:
        os.killpg(pid, 9)
    thread.join(30)
    assert not thread.is_alive(), "the run did not end with its zygote"
    assert not result["run"].of("done") and result["run"].returncode == -9
    assert _stdout(_run("print(2)", True, mode)).strip() == "2"


def _busy_zygotes() -> list[int]:
    """Zygotes of this process that are not idle in the pool."""
    idle = {z.proc.pid for zs in warmstart._IDLE.values() for z in zs}
    found = []
    for name in os.listdir("/proc"):
        try:
            with open(f"/proc/{name}/cmdline", "rb") as f:
                cmd = f.read().split(b"\0")
            with open(f"/proc/{name}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == os.getpid() and any(c.endswith(b"zygote.py") for c in cmd):
            if int(name) not in idle:
                found.append(int(name))
    return found


def test_without_a_zygote_runs_start_cold(monkeypatch):
    mode = sandbox_support.require()

    def refuse(lib, mode):
        raise warmstart.ZygoteUnavailable("a preloaded library started threads")

    monkeypatch.setattr(warmstart, "Zygote", refuse)
    monkeypatch.setattr(warmstart, "_IDLE", {})
    monkeypatch.setattr(warmstart, "_UNAVAILABLE", {})
    run = _run("print(3)", True, mode)
    assert _stdout(run).strip() == "3" and run.of("start")[0]["warm"] is False
    assert warmstart.unavailable(isolate.library_copy(), mode) == (
        "a preloaded library started threads")


@pytest.mark.parametrize("args", [
    ["--reuid=5", "--regid=5", "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--",
     "env", "-i", "python", "-I", "runner.py", "job.json"],  # the bounding set kept
    ["--reuid=5", "--regid=6", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all",
     "--no-new-privs", "--", "env", "-i", "python", "-I", "runner.py", "job.json"],
    privileges.COMMON + ["--", "env", "-i", "python", "runner.py"],  # no securebits
    privileges.USERNS + ["env", "-i", "python"],  # no --
    privileges.USERNS + ["--", "python", "runner.py"],  # no env -i
])
def test_only_the_set_up_scripts_setpriv_lines_are_accepted(args):
    with pytest.raises(privileges.PrivilegeError):
        privileges.parse(args)


def test_the_set_up_scripts_setpriv_lines_parse():
    tail = ["--", "env", "-i", "PATH=/usr/bin", "A=b=c", "/py/bin/python", "-I", "runner.py",
            "job.json"]
    root = ["--reuid=5", "--regid=5", "--clear-groups"] + privileges.COMMON + tail
    assert privileges.parse(root) == (5, {"PATH": "/usr/bin", "A": "b=c"},
                                      ["/py/bin/python", "-I", "runner.py", "job.json"])
    assert privileges.parse(privileges.USERNS + tail)[0] is None


def test_a_zygote_ends_when_its_grader_is_gone():
    """The grader's end of the control socket closing (the grader ended, even by SIGKILL)
    ends an idle zygote."""
    mode = sandbox_support.require()
    zygote = warmstart.Zygote(isolate.library_copy(), mode)
    zygote.sock.close()
    assert zygote.proc.wait(timeout=10) == 0
