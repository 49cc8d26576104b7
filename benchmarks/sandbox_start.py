"""What one sandboxed run costs before and after the notebook's own work, and what the set-up
interpreter saves over ``sh``, measured side by side in one run.

    python benchmarks/sandbox_start.py [--runs 10]

A one-cell notebook (``print(1)``) runs in the sandbox ``--runs`` times with its set-up script
run by ``setup_shell.py`` (the default) and by ``/bin/sh``, alternately. Printed per run
(medians): the wall time, the CPU time of every process of the run (set-up, runner, kernel),
and when the first cell began (kernel started and ready, measured by the runner).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

from course_lib.grading.sandbox import isolate

JOB = {"cells": [{"index": 0, "kind": "run", "source": "print(1)"}], "probes": []}


def _with_sh(command):
    """``isolate._command`` with the set-up script run by ``/bin/sh``."""
    def build(*args, **kwargs):
        cmd, env, cwd = command(*args, **kwargs)
        if "-S" in cmd:  # [..., python, -I, -S, setup_shell.py, setup.sh]
            cmd = cmd[:-5] + ["/bin/sh", cmd[-1]]
        return cmd, env, cwd
    return build


def one_run(mode: str) -> tuple[float, float, float]:
    """``(wall, cpu of the run's processes, first cell began)`` of one run, in seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    run = isolate.run_notebook(JOB, isolate.Limits(), mode=mode)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
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
    ways = {"setup_shell.py": interpreter, "/bin/sh": _with_sh(interpreter)}
    one_run(mode)  # the library copy and caches, made once per process
    rows: dict[str, list[tuple[float, float, float]]] = {w: [] for w in ways}
    for _ in range(args.runs):
        for name, command in ways.items():
            isolate._command = command
            rows[name].append(one_run(mode))
    isolate._command = interpreter
    print(f"sandbox mode {mode}, {args.runs} runs each, medians:")
    for name, runs in rows.items():
        wall, cpu, begun = (statistics.median(r[k] for r in runs) for k in range(3))
        print(f"  set-up by {name:<15} wall {wall:5.3f} s, CPU {cpu:5.3f} s, "
              f"first cell began {begun:5.3f} s after the runner started")


if __name__ == "__main__":
    main()
