"""What the trusted grader learns about each submission, kept for the instructor's report.

One JSON file per submitted notebook, ``<course>/grading_records/<assignment>/<student>/
<notebook>.json``, written by the nbgrader process (never by student code: the course folder is
hidden from the sandbox). The sanitize step starts it, the trusted execution completes it:

``flags``
    short strings starting with a category (see :data:`CATEGORIES`), e.g.
    ``"cell restored: test_f__aspect was missing ..."``;
``notes``
    what happened in the student's own cells (errors, network attempts) that cost nothing;
``verdicts``
    grade_id -> ``{"passed", "message", "points"}`` as judged by the trusted grader;
``stage``
    ``"sanitized"`` then ``"graded"``; a record left at ``"sanitized"`` means nbgrader could not
    finish grading the notebook;
``seed``, ``inputs``, ``limits``, ``sandbox_requested``
    what a replay needs (:mod:`course_lib.grading.tools.replay`): the secret seed (as a string),
    grade_id -> the plain-data inputs the check drew, the sandbox limits and mode; never copied
    into the notebook or the feedback;
``grader_errors``
    what failed in the grader's own code (grade_id, ``cell <id>`` or ``grading``) -> traceback.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

__all__ = ["CATEGORIES", "records_dir", "record_path", "start", "load", "update", "all_records"]

#: Flag categories, as the report names them.
CATEGORIES = ("tampering suspected", "verdict disagreement", "limit hit", "kernel crash",
              "cell restored", "cell duplicated", "cell retyped", "cell metadata edited",
              "notebook repaired", "notebook unreadable", "sandbox degraded", "sandbox error",
              "grader error")


def records_dir(config=None, root: str | os.PathLike | None = None) -> Path:
    """``<course root>/grading_records`` (course root from the nbgrader config, else cwd)."""
    if root is None and config is not None:
        try:
            root = config.CourseDirectory.get("root") or None
        except AttributeError:
            root = None
    return Path(root or os.getcwd()) / "grading_records"


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in str(name)) or "_"


def record_path(directory: Path, assignment: str, student: str, notebook: str) -> Path:
    return Path(directory) / _safe(assignment) / _safe(student) / f"{_safe(notebook)}.json"


def start(path: Path, **fields) -> dict:
    record = {"flags": [], "notes": [], "verdicts": {}, "stage": "sanitized",
              "started": time.strftime("%Y-%m-%d %H:%M:%S"), **fields}
    _write(path, record)
    return record


def load(path: Path) -> dict | None:
    try:
        with open(path) as f:
            record = json.load(f)
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def update(path: Path, **fields) -> dict:
    record = load(path) or {"flags": [], "notes": [], "verdicts": {}}
    for key, value in fields.items():
        if key in ("flags", "notes") and isinstance(value, list):
            record.setdefault(key, [])
            record[key] += [v for v in value if v not in record[key]]
        else:
            record[key] = value
    _write(path, record)
    return record


def _write(path: Path, record: dict) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(record, indent=1, sort_keys=True))
    os.replace(tmp, path)


def all_records(directory: Path) -> dict[tuple[str, str], list[dict]]:
    """(student, assignment) -> the records of its notebooks."""
    out: dict[tuple[str, str], list[dict]] = {}
    directory = Path(directory)
    if not directory.is_dir():
        return out
    for path in sorted(directory.glob("*/*/*.json")):
        record = load(path)
        if record is None:
            continue
        assignment, student = path.parent.parent.name, path.parent.name
        out.setdefault((record.get("student", student), record.get("assignment", assignment)),
                       []).append(record)
    return out
