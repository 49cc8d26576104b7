"""The instructor's view of a graded course: a grade table and a report with every zero's reason
and every flag.

Scores come from nbgrader's gradebook. Reasons and flags come from what the trusted grader
recorded per submission (``grading_records/``, see :mod:`course_lib.grading.records`), and
otherwise from the autograded notebooks, whose test cells hold the verdict's message.
Submissions nbgrader could not grade at all (it gave up, or the gradebook has no grades for a
folder in ``submitted/``) are listed too, flagged ``not graded``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from course_lib.grading import records
from course_lib.grading.tools.course import function_of, gradebook_url, read_scores
from course_lib.instructor.hidden_checks import ASSIGNMENTS, checks_for

__all__ = ["Submission", "collect", "format_table", "write_report", "flag_category", "not_done",
           "plain_note", "short_name", "legend_items", "function_order", "NOT_DONE"]

NOT_GRADED = "not graded"
#: What a zero whose function still raises ``NotImplementedError`` says in the reports.
NOT_DONE = "not done (the function still raises NotImplementedError)"


def not_done(reason: str) -> bool:
    """Whether a zero's reason is an unfinished function, not a mistake."""
    return "raised NotImplementedError" in str(reason)


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
    # what happened in the student's own cells that cost nothing (errors, network attempts)
    notes: list[str] = field(default_factory=list)
    graded: bool = True
    # how student code was isolated ("root", "userns", "none"; "" when nothing was recorded)
    sandbox: str = ""

    @property
    def categories(self) -> list[str]:
        return sorted({flag_category(f) for f in self.flags})


def flag_category(flag: str) -> str:
    """``"cell restored: test_x was missing"`` -> ``"cell restored"``."""
    return flag.split(":", 1)[0].strip()


def _reasons(root: Path, student: str, assignment: str) -> dict[str, str]:
    """grade_id -> the message of the error shown in that test cell of the autograded notebook."""
    path = root / "autograded" / student / assignment / f"{assignment}.ipynb"
    if not path.exists():
        return {"*": "nbgrader wrote no autograded notebook (it could not grade this one)"}
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


def _submitted(root: Path) -> set[tuple[str, str]]:
    """(student, assignment) of every folder in ``submitted/``."""
    folder = root / "submitted"
    if not folder.is_dir():
        return set()
    return {(a.parent.name, a.name) for a in folder.glob("*/*") if a.is_dir()}


def _max_scores(root: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    url = gradebook_url(root)
    if url is None:
        return {}
    with Gradebook(url) as gb:
        return {a.name: float(a.max_score) for a in gb.assignments}


def collect(root: Path | str) -> list[Submission]:
    """One :class:`Submission` per (student, assignment) graded, or submitted, in the course at
    ``root``."""
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
    found = records.all_records(records.records_dir(root=root))
    missing = _submitted(root) - set(subs)
    if missing:
        maxima = _max_scores(root)
        for student, assignment in missing:
            sub = Submission(student, assignment, max_score=maxima.get(assignment, 0.0),
                             graded=False)
            sub.flags.append(f"{NOT_GRADED}: the gradebook has no grades for this submission "
                             "(see the autograde log)")
            subs[(student, assignment)] = sub
    for key, sub in subs.items():
        messages: dict[str, str] = {}
        for record in found.get(key, []):
            sub.sandbox = str(record.get("sandbox") or sub.sandbox)
            for flag in record.get("flags", []):
                if flag not in sub.flags:
                    sub.flags.append(str(flag))
            sub.notes += [str(n) for n in record.get("notes", []) if n not in sub.notes]
            for gid, verdict in (record.get("verdicts") or {}).items():
                if isinstance(verdict, dict) and not verdict.get("passed"):
                    messages[gid] = str(verdict.get("message", ""))
            if record.get("stage") != "graded":
                sub.graded = False
                sub.flags.append(f"{NOT_GRADED}: nbgrader stopped before grading "
                                 f"{record.get('notebook', 'a notebook')} (see the autograde "
                                 "log)")
        reasons = _reasons(root, sub.student, sub.assignment) if sub.zeros else {}
        if "*" in reasons and sub.graded and sub.zeros:
            sub.graded = False
            sub.flags.append(f"{NOT_GRADED}: {reasons['*']}")
        for gid in sub.zeros:
            sub.zeros[gid] = (messages.get(gid) or reasons.get(gid) or reasons.get("*")
                              or "no output recorded")
    return sorted(subs.values(), key=lambda s: (_course_order(s.assignment), s.student))


def _course_order(assignment: str) -> tuple[int, str]:
    """The course's assignments in teaching order, any other after them by name."""
    known = assignment in ASSIGNMENTS
    return (ASSIGNMENTS.index(assignment) if known else len(ASSIGNMENTS), assignment)


def function_order(assignment: str, functions) -> list[str]:
    """``functions`` in the order the assignment's notebook grades them (its hidden checks'
    order), any other after them by name."""
    checks = checks_for(assignment) if assignment in ASSIGNMENTS else []
    known = list(dict.fromkeys(c.function for c in checks))
    return sorted(set(functions), key=lambda f: (known.index(f) if f in known else len(known), f))


#: What each sandbox mode means, for the report's isolation line.
ISOLATION = {
    "root": "each notebook ran as its own unprivileged user, with no network and the course "
            "folder (solutions, gradebook, other students' work) out of sight",
    "userns": "each notebook ran in an unprivileged user namespace, with no network and the "
              "course folder (solutions, gradebook, other students' work) out of sight",
    "none": "NO file or network isolation: only the memory, CPU-time and wall-time limits "
            "applied (see the `sandbox degraded` flags)",
}


def isolation_summary(submissions: list[Submission]) -> list[str]:
    """One line per sandbox mode used: how many submissions ran under it, and what it means."""
    counts = Counter(s.sandbox for s in submissions if s.sandbox)
    return [f"- {n} submission{'s' if n != 1 else ''} ran in sandbox mode `{mode}`: "
            f"{ISOLATION.get(mode, 'unknown mode')}" for mode, n in sorted(counts.items())]


def _fmt(score: float, max_score: float) -> str:
    return f"{score:g}/{max_score:g}"


_SHORT = {"tampering suspected": "tampering", "verdict disagreement": "disagreement",
          "limit hit": "limit", "kernel crash": "crash", "cell restored": "restored",
          "cell duplicated": "duplicated", "cell retyped": "retyped",
          "cell metadata edited": "metadata", "notebook repaired": "repaired",
          "notebook unreadable": "unreadable", "sandbox degraded": "degraded",
          "sandbox error": "sandbox", "grader error": "grader", NOT_GRADED: "NOT GRADED"}


_ABBREVIATIONS = (("initialize_parameters_", "init_"), ("backward_propagation", "backward"),
                  ("forward_propagation", "forward"), ("compute_cost_with_", "cost_"),
                  ("_regularization", "_reg"), ("compute_normalization_", "norm_"))


def short_name(function: str) -> str:
    """A column header: ``compute_cost_with_regularization`` -> ``cost_reg``."""
    for long, short in _ABBREVIATIONS:
        function = function.replace(long, short)
    return function


def format_table(submissions: list[Submission]) -> str:
    """A plain-text table per assignment: one row per student, one column per function, and the
    categories of the submission's flags."""
    lines = []
    by_assignment = defaultdict(list)
    for sub in submissions:
        by_assignment[sub.assignment].append(sub)
    for assignment, subs in by_assignment.items():
        functions = function_order(assignment, {f for s in subs for f in s.functions})
        short = [short_name(f) for f in functions]
        widths = [max(len(h), 7) for h in short]
        name_w = max(len("student"), *(len(s.student) for s in subs))
        lines.append(f"== {assignment} ==")
        header = f"{'student':<{name_w}}  {'total':>9}  " + "  ".join(
            f"{h:>{w}}" for h, w in zip(short, widths, strict=True)) + "  flags"
        lines.append(header)
        lines.append("-" * len(header))
        for s in subs:
            cells = "  ".join(f"{_fmt(*s.functions.get(f, [0, 0])):>{w}}"
                              for f, w in zip(functions, widths, strict=True))
            flags = ", ".join(_SHORT.get(c, c) for c in s.categories)
            lines.append(f"{s.student:<{name_w}}  {_fmt(s.score, s.max_score):>9}  {cells}"
                         f"  {flags}".rstrip())
        lines += _legend_lines(legend_items(functions))
        lines.append("")
    return "\n".join(lines)


def legend_items(functions: list[str]) -> list[str]:
    """``short = full`` for each of ``functions`` whose column name is shortened."""
    return [f"{short_name(f)} = {f}" for f in functions if short_name(f) != f]


def _legend_lines(items: list[str]) -> list[str]:
    """The column names' legend under a table: one ``short = full`` per line, in parentheses;
    no line when no name was shortened."""
    lines = [("(" if i == 0 else " ") + item for i, item in enumerate(items)]
    return [*lines[:-1], lines[-1] + ")"] if lines else []


def write_report(submissions: list[Submission], path: Path | str) -> Path:
    """A Markdown report: the table, how the class was isolated, a count of flags, then per
    submission every flag, every zero with its reason (a function left undone on one line),
    and what the student's own cells did that cost nothing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = ["# Autograding report", "",
           "Scores in points, per student and graded function.", "", "```",
           format_table(submissions), "```", ""]
    isolation = isolation_summary(submissions)
    if isolation:
        out += ["## Isolation", "", *isolation, ""]
    counts = Counter(c for s in submissions for c in s.categories)
    if counts:
        out += ["## Flags", "", "| flag | submissions |", "|---|---|"]
        out += [f"| {c} | {n} |" for c, n in sorted(counts.items())]
        out.append("")
    for s in submissions:
        out += _submission_lines(s)
    path.write_text("\n".join(out))
    return path


def _submission_lines(s: Submission) -> list[str]:
    status = "" if s.graded else " (NOT GRADED)"
    out = [f"## {s.student} / {s.assignment}: {_fmt(s.score, s.max_score)} points{status}", ""]
    out += [f"- **flag** {flag}" for flag in s.flags]
    undone: dict[str, list[str]] = defaultdict(list)
    for gid, reason in sorted(s.zeros.items()):
        if not_done(reason):
            undone[function_of(gid)].append(gid)
        else:
            out.append(f"- `{gid}` scored 0: {reason}")
    out += [f"- `{function}` {NOT_DONE}: " + ", ".join(f"`{g}`" for g in gids) + " scored 0"
            for function, gids in undone.items()]
    out += [f"- note (no points lost): {plain_note(note)}" for note in s.notes]
    if not s.flags and not s.zeros:
        out.append("- every test passed")
    return out + [""]


_NOTE = re.compile(r"cell (?P<cell>\S+) raised (?P<error>\w+): (?P<message>.*)", re.DOTALL)


def plain_note(note: str) -> str:
    """A note in words: ``cell check_he raised Mistake: ...`` -> ``the visible check in cell
    check_he failed: ...``; a message cut at 200 characters by the grader ends with ``…``."""
    match = _NOTE.fullmatch(note)
    if not match:
        return note
    cell, error, message = match["cell"], match["error"], match["message"]
    message += " …" if len(message) >= 200 else ""
    if error == "Mistake":
        return f"the visible check in cell {cell} failed: {message}"
    if error == "NotDoneYet":
        return f"cell {cell} stopped: {message}"
    return f"cell {cell} raised {error}: {message}"


def graded_course(argv: list[str] | None, description: str, default_out: str
                  ) -> tuple[list[Submission], Path] | None:
    """The command line shared by the reports: ``[--course-dir DIR] [--out FILE]``. Returns the
    course's submissions and the output path, or None (with a message) if nothing is graded."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--course-dir", type=Path, default=Path.cwd(),
                        help="the graded course folder (default: the current folder)")
    parser.add_argument("--out", type=Path, default=None,
                        help=f"where to write the report (default: reports/{default_out} in "
                             "the course folder)")
    args = parser.parse_args(argv)
    root = args.course_dir.resolve()
    submissions = collect(root)
    if not submissions:
        print(f"no graded submission in {root}: run `nbgrader autograde <assignment>` first")
        return None
    return submissions, args.out or root / "reports" / default_out


def main(argv: list[str] | None = None) -> int:
    """``python -m course_lib.grading.tools.report``: print the grade table of a course folder and
    write its report (default ``reports/report.md`` in that folder)."""
    found = graded_course(argv, "Grade table and report of a course folder.", "report.md")
    if found is None:
        return 1
    submissions, out = found
    print(format_table(submissions))
    print(f"report: {write_report(submissions, out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
