"""What one sandboxed run costs before and after the notebook's own work, warm (forked from a
zygote, the default) and cold (set-up script run by ``setup_shell.py`` or by ``/bin/sh``),
measured side by side in one run.

    python benchmarks/sandbox_start.py [--runs 10]

A notebook with the first cell of a graded notebook's usual imports (numpy,
matplotlib.pyplot) and ``print(1)`` runs in the sandbox ``--runs`` times each way, the ways
alternating. Printed per way (medians): the wall time, the CPU time of every process of the run
(set-up, runner, kernel; for warm runs, as reaped by the zygote), and when the first cell began
(kernel started and ready, measured by the runner).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time

from course_lib.grading.sandbox import isolate, warmstart

JOB = {"cells": [{"index": 0, "kind": "run",
                   "source": "import numpy as np\nimport matplotlib.pyplot as plt\nprint(1)"}],
       "probes": []}


def _with_sh(command):
    """``isolate._command`` with the set-up script run by ``/bin/sh``."""
    def build(*args, **kwargs):
        cmd, env, cwd = command(*args, **kwargs)
        if "-S" in cmd:  # [..., python, -I, -S, setup_shell.py, setup.sh]
            cmd = cmd[:-5] + ["/bin/sh", cmd[-1]]
        return cmd, env, cwd
    return build


def _children_cpu() -> float:
    """CPU seconds of this process's reaped children, and of the zygotes' reaped children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = usage.ru_utime + usage.ru_stime
    for zygote in (z for zs in warmstart._IDLE.values() for z in zs):
        with open(f"/proc/{zygote.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")
    return total


def one_run(mode: str, warm: bool) -> tuple[float, float, float]:
    """``(wall, cpu of the run's processes, first cell began)`` of one run, in seconds."""
    before = _children_cpu()
    started = time.perf_counter()
    run = isolate.run_notebook(JOB, isolate.Limits(warm_start=warm), mode=mode)
    wall = time.perf_counter() - started
    cpu = _children_cpu() - before
    begun = [e["t"] for e in run.events if e.get("ev") == "begin"]
    if not begun:
        raise SystemExit(f"the run failed: {run.events[-3:]} {run.stderr[-500:]}")
    return wall, cpu, begun[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    mode = isolate.ensure_isolation("auto", False)
    interpreter = isolate._command
    ways = {"warm (zygote)": (True, interpreter), "cold, setup_shell.py": (False, interpreter),
            "cold, /bin/sh": (False, _with_sh(interpreter))}
    one_run(mode, True)  # the library copy, the font cache and a zygote, made once per process
    rows: dict[str, list[tuple[float, float, float]]] = {w: [] for w in ways}
    for _ in range(args.runs):
        for name, (warm, command) in ways.items():
            isolate._command = command
            rows[name].append(one_run(mode, warm))
    isolate._command = interpreter
    print(f"sandbox mode {mode}, {args.runs} runs each, medians:")
    for name, runs in rows.items():
        wall, cpu, begun = (statistics.median(r[k] for r in runs) for k in range(3))
        print(f"  {name:<21} wall {wall:5.3f} s, CPU {cpu:5.3f} s, "
              f"first cell began {begun:5.3f} s after the runner started")


if __name__ == "__main__":
    main()
