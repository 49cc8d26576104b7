"""Replay one student's grading, for a dispute: the autograded notebook run again in the sandbox
with the inputs each check drew at grading time (kept in the grading record with the secret
seed, never in feedback) and the same limits; every check's verdict and message is printed
beside the recorded one.

    python -m course_lib.grading.tools.replay <assignment> <student> [--course-dir .]
    course-replay <assignment> <student>            (console script, same options)

Exit status: 0 when every verdict matches the record, 1 when one differs (a student function
that depends on its own randomness can), 2 when there is nothing to replay.
Nothing is written: the gradebook, the record and the autograded notebook stay as they are.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, fields
from pathlib import Path

import nbformat

from course_lib.grading import records
from course_lib.grading.plugins.gradingrun import Executor, GradingRun
from course_lib.grading.plugins.trusted import DEFAULT_EXECUTOR, registry
from course_lib.grading.sandbox.isolate import Limits

__all__ = ["Replayed", "replay", "replay_notebook", "format_replay", "main"]


class NothingToReplay(LookupError):
    """No grading record (or one without seed and inputs) for this submission."""


@dataclass(frozen=True)
class Replayed:
    """One check: its verdict now and as recorded at grading time."""

    notebook: str
    grade_id: str
    passed: bool
    message: str
    recorded_passed: bool | None
    recorded_message: str | None

    @property
    def same(self) -> bool:
        return self.passed == self.recorded_passed


def _limits(recorded) -> Limits:
    known = {f.name for f in fields(Limits)}
    return Limits(**{k: v for k, v in (recorded or {}).items() if k in known})


def replay_notebook(root: Path, record_path: Path, executor: Executor | None = None
                    ) -> list[Replayed]:
    """Replay the submission whose grading record is at ``record_path``."""
    record = records.load(record_path)
    if not record or "seed" not in record or "inputs" not in record:
        raise NothingToReplay(f"{record_path} has no seed and inputs to replay (graded before "
                              "records kept them?)")
    assignment, student = record_path.parent.parent.name, record_path.parent.name
    nb_path = root / "autograded" / student / assignment / f"{record_path.stem}.ipynb"
    if not nb_path.exists():
        raise NothingToReplay(f"{nb_path} does not exist")
    nb = nbformat.read(nb_path, as_version=4)
    mode = record.get("sandbox_requested") or "auto"
    run = GradingRun(nb, registry(), _limits(record.get("limits")),
                     executor or _default_executor(), mode=mode, hidden=[str(root)],
                     seed=int(record["seed"]), allow_unisolated=(mode == "none") or None,
                     drawn={g: json.dumps(v) for g, v in record["inputs"].items()})
    now = run.grade()["verdicts"]
    before = record.get("verdicts", {})
    return [Replayed(record_path.stem, gid, bool(v["passed"]), str(v["message"]),
                     before.get(gid, {}).get("passed"), before.get(gid, {}).get("message"))
            for gid, v in now.items()]


def _default_executor() -> Executor:
    from traitlets import import_item

    return import_item(DEFAULT_EXECUTOR)


def replay(root: Path | str, assignment: str, student: str,
           executor: Executor | None = None) -> list[Replayed]:
    """Replay every notebook of ``student``'s ``assignment`` in the course at ``root``."""
    root = Path(root).resolve()
    folder = records.record_path(records.records_dir(root=root), assignment, student, "x").parent
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise NothingToReplay(f"no grading record for {student} / {assignment} in {folder}")
    return [row for path in paths for row in replay_notebook(root, path, executor)]


def format_replay(rows: list[Replayed]) -> str:
    lines = []
    for r in rows:
        verdict = "pass" if r.passed else "FAIL"
        lines.append(f"{verdict}  {r.notebook}/{r.grade_id}: {r.message}")
        if r.recorded_passed is None:
            lines.append("      recorded: nothing")
        elif not r.same:
            was = "pass" if r.recorded_passed else "FAIL"
            lines.append(f"      DIFFERS from the record: {was}: {r.recorded_message}")
    same = sum(r.same for r in rows)
    lines.append(f"{same} of {len(rows)} verdicts as recorded")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assignment")
    parser.add_argument("student")
    parser.add_argument("--course-dir", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    try:
        rows = replay(args.course_dir, args.assignment, args.student)
    except NothingToReplay as exc:
        print(f"nothing to replay: {exc}", file=sys.stderr)
        return 2
    print(format_replay(rows))
    return 0 if all(r.same for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
