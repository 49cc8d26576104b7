"""Grade the hostile corpus with stock nbgrader 0.9.6 and with this course; print a Markdown table.

    python tests/hostile/compare_stock.py [workdir]

Stock nbgrader runs student code with the grader's own rights, so the cases marked
``# stock: skip`` (memory, process and disk bombs) are not run with it. A case that makes stock
nbgrader abort the whole batch is recorded as such, and the batch is run again without it and
without the students already graded, until every case has an outcome.
Takes about 25 minutes on 2 cores.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hostile import harness  # noqa: E402

from course_lib.grading.tools import report  # noqa: E402


def stock_outcomes(workdir: Path, cases: dict) -> tuple[dict[str, str], list[str]]:
    """Case -> outcome with stock nbgrader, and notes on honest students whose grade changed."""
    out: dict[str, str] = {}
    notes: list[str] = []
    honest = harness.honest_cases()
    todo, alone = {}, {}
    for name, case in cases.items():
        if case.stock.startswith("skip"):
            out[name] = "not run " + case.stock[len("skip"):].strip()
        elif case.stock.startswith("alone"):
            alone[name] = case
        else:
            todo[name] = case
    for name, case in alone.items():
        batch = harness.graded_batch(workdir / f"stock-{name}", "stock", dict(honest, **{
            name: case}))
        out[name] = harness.outcome(batch, name)
        if batch.leaks.get(name):
            out[name] += "; " + "; ".join(leak.replace("LEAK: ", "") for leak in
                                          batch.leaks[name])
        changed = [f"{n} {harness.outcome(batch, n)} instead of {_expected_honest(n)}"
                   for n in honest if harness.outcome(batch, n) != _expected_honest(n)]
        if changed:
            out[name] += "; **other students' grades changed**: " + ", ".join(changed)
    round_ = 0
    while todo:
        round_ += 1
        batch = harness.graded_batch(workdir / f"stock-{round_}", "stock", dict(honest, **todo))
        processed = sorted(n for n in todo if n in batch.by_function)
        for n in processed:
            text = (harness.outcome(batch, n) if _autograded(batch, n)
                    else "nbgrader failed on the notebook (0)")
            if batch.leaks.get(n):
                text += "; " + "; ".join(leak.replace("LEAK: ", "") for leak in batch.leaks[n])
            out[n] = text
        if len(processed) < len(todo):
            culprit = processed[-1] if processed else None
            if culprit is not None:
                out[culprit] += "; **aborted the whole batch**"
        for n in honest:
            if harness.outcome(batch, n) != _expected_honest(n):
                notes.append(f"round {round_}: honest student {n} got "
                             f"{harness.outcome(batch, n)} instead of {_expected_honest(n)}")
        todo = {n: c for n, c in todo.items() if n not in out}
        if len(processed) == 0:
            for n in todo:
                out[n] = "not graded (nbgrader stopped)"
            break
    return out, notes


def _expected_honest(name: str) -> str:
    return {"aa_honest_perfect": "11/11 full", "aa_honest_partial": "9/11 (lost he)",
            "aa_honest_blank": "0/11"}[name]


def _autograded(batch: harness.Batch, name: str) -> bool:
    path = batch.root / "autograded" / name / harness.ASSIGNMENT / f"{harness.ASSIGNMENT}.ipynb"
    return path.exists()


def course_outcomes(workdir: Path, cases: dict) -> tuple[dict[str, str], dict[str, str]]:
    """Case -> outcome with this course's grader, and case -> flag categories."""
    batch = harness.graded_batch(workdir / "course", "course",
                                 dict(harness.honest_cases(), **cases))
    subs = {s.student: s for s in report.collect(batch.root)}
    out, flags = {}, {}
    for name in cases:
        out[name] = harness.outcome(batch, name)
        if batch.leaks.get(name):
            out[name] += "; " + "; ".join(batch.leaks[name])
        sub = subs.get(name)
        flags[name] = ", ".join(sub.categories) if sub else ""
    return out, flags


def main() -> None:
    workdir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    cases = harness.hostile_cases()
    ours, flags = course_outcomes(workdir, cases)
    stock, notes = stock_outcomes(workdir, cases)
    print("| case | what it does | stock nbgrader 0.9.6 | this course | flags in the report |")
    print("|---|---|---|---|---|")
    for name, case in cases.items():
        print(f"| `{name}` | {case.description} | {stock.get(name, '?')} | {ours[name]} | "
              f"{flags[name]} |")
    for note in notes:
        print(f"\nWith stock nbgrader, {note}.")


if __name__ == "__main__":
    main()
