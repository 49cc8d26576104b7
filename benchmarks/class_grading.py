"""Grading speed of a whole class: stock nbgrader, this course serial, this course on Dask.

    python benchmarks/class_grading.py [--students 4] [--assignments ...] [--modes ...]

One synthetic class (:mod:`course_lib.grading.tools.synthetic`: correct variants, common
mistakes, blank and a few hostile notebooks) is graded, in one run, by ``nbgrader autograde
<a> --force`` for every assignment in fresh copies of the same course, in each mode:

``stock``     stock nbgrader 0.9.6, serial (its plain ``Execute``: every cell, lessons too)
``serial``    this course, serial (``COURSE_GRADING_PARALLEL=0``)
``local``     this course on a local Dask cluster sized to the machine (the default)
``*-cold``    ``serial`` and ``local`` with every sandbox started from scratch
              (``c.TrustedExecute.warm_start = False``) instead of forked from a zygote that
              has imported the kernel's libraries (see course_lib/grading/sandbox/zygote.py)
``workers1``  this course on a ``dask scheduler`` with 1 ``dask worker`` process
``workers2``  the same with 2 workers

It prints notebooks per second, the extrapolation to 200 students x 5 assignments, and for the
course's modes where each notebook's time goes, from the grading records: kernel start, the
notebook's own non-lesson cells, probes, sandbox set-up and tear-down, and nbgrader's own steps
(sanitize, judge, write, gradebook: the rest of the wall time per notebook). The overhead is the
wall time per notebook beyond the notebook's own cells.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile import harness  # noqa: E402

from course_lib.grading import records  # noqa: E402
from course_lib.grading.parallel import cluster  # noqa: E402
from course_lib.grading.tools import course, synthetic  # noqa: E402
from course_lib.instructor.hidden_checks import ASSIGNMENTS  # noqa: E402

MODES = ("stock", "serial-cold", "serial", "local-cold", "local", "workers1", "workers2")


def template(work: Path, students: int, assignments: list[str]) -> Path:
    """The course with its release and the synthetic class submitted (no grades yet)."""
    root = course.make_course_copy(ROOT, work / "template")
    course.generate_release(root, assignments)
    synthetic.write_class(root, students, assignments)
    return root


def grade(base: Path, work: Path, mode: str, assignments: list[str]
          ) -> tuple[float, float, Path]:
    """Wall time of grading every assignment of a copy of ``base`` in ``mode``, the fixed cost
    of one ``nbgrader autograde`` run (start, skip everything, end), and the copy."""
    root = work / mode
    shutil.copytree(base, root, symlinks=True)
    config, env, procs = "", {}, []
    if mode.endswith("-cold"):
        config, mode = "c.TrustedExecute.warm_start = False", mode.removesuffix("-cold")
    if mode == "stock":
        config = harness.STOCK_CONFIG.replace("c.Execute.timeout = 30",
                                              "c.Execute.timeout = 600")
    elif mode == "serial":
        env["COURSE_GRADING_PARALLEL"] = "0"
    elif mode.startswith("workers"):
        address, procs = cluster.spawn(int(mode[len("workers"):]), work / f"dask-{mode}")
        config = f"c.ParallelExecute.dask_scheduler = {address!r}"
    with open(root / "nbgrader_config.py", "a") as f:
        f.write("\n" + config + "\n")
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        started = time.perf_counter()
        for a in assignments:
            proc = course.autograde(root, a)
            if proc.returncode != 0:
                print(f"  {mode} {a}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        for a in assignments:  # everything graded: nbgrader starts, skips all, ends
            course.nbgrader(root, "autograde", a, check=False)
        return seconds, (time.perf_counter() - started) / len(assignments), root
    finally:
        for k, v in saved.items():
            os.environ.pop(k, None) if v is None else os.environ.__setitem__(k, v)
        for proc in reversed(procs):
            cluster.stop(proc)


def breakdown(root: Path) -> dict[str, float]:
    """Mean seconds per notebook of each part of a sandboxed run, from the grading records."""
    parts: dict[str, list[float]] = {k: [] for k in (
        "kernel start", "own cells", "probes", "sandbox set-up", "grading run")}
    found = records.all_records(records.records_dir(root=root))
    for rec in (r for recs in found.values() for r in recs):
        rows = rec.get("timeline") or []
        if not rows or rec.get("sandbox_seconds") is None:
            continue
        begun: dict[str, float] = {}
        cells = probes = 0.0
        first = None
        for t, ev, what, _status in rows:
            if ev == "begin":
                begun[what] = t
                first = t if first is None else first
            elif ev in ("cell", "probe") and what in begun:
                if ev == "cell":
                    cells += t - begun[what]
                else:
                    probes += t - begun[what]
        done = max(r[0] for r in rows if r[0] is not None)
        parts["kernel start"].append(first or 0.0)
        parts["own cells"].append(cells)
        parts["probes"].append(probes)
        parts["sandbox set-up"].append(rec["sandbox_seconds"] - done + (done - (first or 0)
                                                                          - cells - probes))
        parts["grading run"].append(rec.get("grading_seconds") or 0.0)
    return {k: statistics.mean(v) if v else float("nan") for k, v in parts.items()}


def report(mode: str, seconds: float, fixed: float, runs: int, n: int,
           parts: dict[str, float] | None) -> dict:
    """Print and return one mode's figures; ``fixed``: one nbgrader run's own start-up, paid
    ``runs`` times (once per assignment), also for a class of 200."""
    per = max(seconds - fixed * runs, 1e-6) / n
    full = fixed * 5 + 1000 * per
    print(f"{mode:<9} {n:4d} notebooks in {seconds:7.1f} s = {n / seconds:5.2f} notebooks/s "
          f"({fixed:4.1f} s nbgrader start-up per assignment; {per:5.2f} s per notebook "
          f"beyond it); 200 x 5 would take about {full / 60:5.1f} min")
    row = {"mode": mode, "notebooks": n, "seconds": round(seconds, 1),
           "startup_per_assignment": round(fixed, 2), "seconds_per_notebook": round(per, 3),
           "minutes_for_1000": round(full / 60, 1)}
    if parts:
        own = parts["own cells"]
        print(f"          inside each sandbox: own cells {own:5.2f} s, kernel start "
              f"{parts['kernel start']:5.2f}, probes {parts['probes']:5.2f}, sandbox set-up "
              f"and gaps {parts['sandbox set-up']:5.2f}; overhead beyond own cells "
              f"{per - own:5.2f} s per notebook")
        if mode.startswith("serial"):
            sandbox = parts["kernel start"] + own + parts["probes"] + parts["sandbox set-up"]
            print(f"          nbgrader's own steps, planning and judging per notebook: "
                  f"{per - sandbox:5.2f} s")
        row.update({k: round(v, 3) for k, v in parts.items()}, overhead=round(per - own, 3))
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=4,
                        help="per assignment; at least ParallelExecute.min_batch (4), or the "
                        "parallel modes grade serially")
    parser.add_argument("--assignments", nargs="+", default=list(ASSIGNMENTS))
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    parser.add_argument("--json", type=Path, default=None, help="also write the rows here")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-class-"))
    try:
        base = template(work, args.students, args.assignments)
        n = args.students * len(args.assignments)
        print(f"{args.students} students x {len(args.assignments)} assignments, "
              f"{len(os.sched_getaffinity(0))} cores")
        rows = []
        for mode in args.modes:
            seconds, fixed, root = grade(base, work, mode, args.assignments)
            rows.append(report(mode, seconds, fixed, len(args.assignments), n,
                               None if mode == "stock" else breakdown(root)))
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
