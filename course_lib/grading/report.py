"""The instructor's view of a graded course: a grade table and a report with every zero's reason.

Scores come from nbgrader's gradebook; reasons come from the autograded notebooks, whose test
cells hold the verdict's message.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .course import function_of, read_scores

__all__ = ["Submission", "collect", "format_table", "write_report"]


@dataclass
class Submission:
    student: str
    assignment: str
    score: float = 0.0
    max_score: float = 0.0
    # function -> [score, max]
    functions: dict[str, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0.0,
                                                                                         0.0]))
    # grade_id -> reason, for every test cell that scored 0
    zeros: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


def _reasons(root: Path, student: str, assignment: str) -> dict[str, str]:
    """grade_id -> the message of the error shown in that test cell of the autograded notebook."""
    path = root / "autograded" / student / assignment / f"{assignment}.ipynb"
    if not path.exists():
        return {}
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # an unreadable notebook is itself a reason
        return {"*": f"autograded notebook unreadable: {exc}"}
    reasons = {}
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                reasons[gid] = f"{out.get('ename')}: {out.get('evalue')}".strip()
                break
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                reasons.setdefault(gid, "wrote to stderr: " + out.get("text", "")[:200])
    return reasons


def collect(root: Path | str) -> list[Submission]:
    """One :class:`Submission` per (student, assignment) graded in the course at ``root``."""
    root = Path(root)
    subs: dict[tuple[str, str], Submission] = {}
    for s in read_scores(root):
        sub = subs.setdefault((s.student, s.assignment), Submission(s.student, s.assignment))
        sub.score += s.score
        sub.max_score += s.max_score
        cell = sub.functions[function_of(s.grade_id)]
        cell[0] += s.score
        cell[1] += s.max_score
        if s.score == 0 and s.max_score > 0:
            sub.zeros[s.grade_id] = ""
    for sub in subs.values():
        reasons = _reasons(root, sub.student, sub.assignment)
        for gid in sub.zeros:
            sub.zeros[gid] = reasons.get(gid) or reasons.get("*") or "no output recorded"
    return sorted(subs.values(), key=lambda s: (s.assignment, s.student))


def _fmt(score: float, max_score: float) -> str:
    return f"{score:g}/{max_score:g}"


def format_table(submissions: list[Submission]) -> str:
    """A plain-text table per assignment: one row per student, one column per function."""
    lines = []
    by_assignment = defaultdict(list)
    for sub in submissions:
        by_assignment[sub.assignment].append(sub)
    for assignment, subs in by_assignment.items():
        functions = sorted({f for s in subs for f in s.functions})
        short = [f.replace("initialize_parameters_", "init_") for f in functions]
        widths = [max(len(h), 7) for h in short]
        name_w = max(len("student"), *(len(s.student) for s in subs))
        lines.append(f"== {assignment} ==")
        header = f"{'student':<{name_w}}  {'total':>9}  " + "  ".join(
            f"{h:>{w}}" for h, w in zip(short, widths, strict=True))
        lines.append(header)
        lines.append("-" * len(header))
        for s in subs:
            cells = "  ".join(f"{_fmt(*s.functions.get(f, [0, 0])):>{w}}"
                              for f, w in zip(functions, widths, strict=True))
            lines.append(f"{s.student:<{name_w}}  {_fmt(s.score, s.max_score):>9}  {cells}")
        lines.append("")
    return "\n".join(lines)


def write_report(submissions: list[Submission], path: Path | str) -> Path:
    """A Markdown report: the table, then per submission every zero with its reason and every
    flag."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = ["# Autograding report", "", "```", format_table(submissions), "```", ""]
    for s in submissions:
        out.append(f"## {s.student} / {s.assignment}: {_fmt(s.score, s.max_score)}")
        out.append("")
        for flag in s.flags:
            out.append(f"- **flag**: {flag}")
        for gid, reason in sorted(s.zeros.items()):
            out.append(f"- `{gid}` scored 0: {reason}")
        if not s.flags and not s.zeros:
            out.append("- every test passed")
        out.append("")
    path.write_text("\n".join(out))
    return path
