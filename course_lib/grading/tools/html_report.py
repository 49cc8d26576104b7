"""An HTML report of a graded course, in one self-contained file an instructor can open or share.

Per assignment: the grade distribution (histogram), the pass rate of each graded function (bar
chart), the most common mistakes as the judges name them, with how many students made each;
then every flag and every zero with its reason, and how the class was isolated. Plots are
inline SVG, so the file needs nothing beside it.

    python -m course_lib.grading.tools.html_report [--course-dir .] [--out reports/report.html]
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter, defaultdict
from pathlib import Path

from course_lib.grading.tools.report import Submission, graded_course, isolation_summary

__all__ = ["mistake_key", "common_mistakes", "pass_rates", "render", "write_html_report"]

_NUMBER = re.compile(r"(?<![A-Za-z_])[-+]?\d+(\.\d+)?(e[-+]?\d+)?%?")
_SHAPE = re.compile(r"\(\s*#(\s*,\s*#?)*\s*\)")


def mistake_key(reason: str) -> str:
    """What a zero's reason says the mistake is, without the numbers of one student's case:
    the judge's hint ("did you forget the square root?") when it gives one, else the message
    with numbers and shapes replaced by ``#``."""
    reason = " ".join(str(reason).split())
    hint = re.search(r"(did you [^?]*\?|forgot[^.;]*|[^.:;]*instead of[^.;:]*)", reason)
    if hint:
        return hint.group(1).strip()
    key = _SHAPE.sub("(shape)", _NUMBER.sub("#", reason))
    return key[:160]


def common_mistakes(subs: list[Submission], top: int = 10
                    ) -> dict[str, list[tuple[str, str, int]]]:
    """assignment -> ``[(function, mistake, students), ...]``, the most frequent first."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for sub in subs:
        seen = set()
        for gid, reason in sub.zeros.items():
            function = _function(gid)
            key = (function, mistake_key(reason))
            if key not in seen:
                seen.add(key)
                counts[sub.assignment][key] += 1
    return {a: [(f, m, n) for (f, m), n in c.most_common(top)] for a, c in counts.items()}


def _function(grade_id: str) -> str:
    name = grade_id[len("test_"):] if grade_id.startswith("test_") else grade_id
    return name.split("__", 1)[0]


def pass_rates(subs: list[Submission]) -> dict[str, dict[str, float]]:
    """assignment -> function -> share of graded students with full marks on it."""
    full: dict[str, Counter] = defaultdict(Counter)
    total: dict[str, Counter] = defaultdict(Counter)
    for sub in subs:
        if not sub.graded:
            continue
        for function, (score, max_score) in sub.functions.items():
            total[sub.assignment][function] += 1
            full[sub.assignment][function] += int(max_score > 0 and score >= max_score)
    return {a: {f: full[a][f] / n for f, n in sorted(t.items())} for a, t in total.items()}


def _svg(fig) -> str:
    """The figure as an inline ``<svg>`` element."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _histogram(subs: list[Submission], assignment: str) -> str:
    from course_lib.display.widgets import new_figure

    scores = [100 * s.score / s.max_score for s in subs if s.max_score]
    fig = new_figure((5.2, 2.8))
    ax = fig.subplots()
    ax.hist(scores, bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.001], color="#4c72b0",
            edgecolor="white")
    ax.set_xlabel("score (% of the assignment's points)")
    ax.set_ylabel("students")
    ax.set_title(f"{assignment}: grade distribution")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _svg(fig)


def _pass_chart(rates: dict[str, float], assignment: str) -> str:
    from course_lib.display.widgets import new_figure

    names = list(rates)
    fig = new_figure((5.2, 0.5 + 0.42 * len(names)))
    ax = fig.subplots()
    ax.barh(names, [100 * rates[n] for n in names], color="#55a868")
    ax.set_xlim(0, 100)
    ax.invert_yaxis()
    ax.set_xlabel("students with full marks (%)")
    ax.set_title(f"{assignment}: pass rate per graded function")
    return _svg(fig)


def _table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _assignment_section(assignment: str, subs: list[Submission], rates: dict[str, float],
                        mistakes: list[tuple[str, str, int]]) -> str:
    mean = sum(s.score for s in subs) / max(len(subs), 1)
    top = max((s.max_score for s in subs), default=0)
    parts = [f"<h2>{html.escape(assignment)}</h2>",
             f"<p>{len(subs)} submissions, mean {mean:.1f} / {top:g} points.</p>",
             '<div class="plots">', _histogram(subs, assignment),
             _pass_chart(rates, assignment) if rates else "", "</div>",
             "<h3>Most common mistakes</h3>"]
    if mistakes:
        parts.append(_table(["function", "mistake", "students"],
                            [[f, m, str(n)] for f, m, n in mistakes]))
    else:
        parts.append("<p>No function lost points.</p>")
    return "\n".join(parts)


def _details(subs: list[Submission]) -> str:
    rows = []
    for s in subs:
        for flag in s.flags:
            rows.append([s.assignment, s.student, "flag", flag])
        for gid, reason in sorted(s.zeros.items()):
            rows.append([s.assignment, s.student, f"0 points: {gid}", reason])
    if not rows:
        return "<h2>Flags and zeros</h2><p>None: every test of every submission passed.</p>"
    return "<h2>Flags and zeros</h2>" + _table(["assignment", "student", "what", "reason"], rows)


_STYLE = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;
color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;
padding:.3em .6em;text-align:left;vertical-align:top;font-size:.92em}th{background:#f2f2f2}
.plots{display:flex;flex-wrap:wrap;gap:1em}.plots svg{max-width:100%;height:auto}"""


def render(subs: list[Submission], title: str = "Autograding report") -> str:
    """The whole report as one HTML string."""
    by_assignment: dict[str, list[Submission]] = defaultdict(list)
    for sub in subs:
        by_assignment[sub.assignment].append(sub)
    rates, mistakes = pass_rates(subs), common_mistakes(subs)
    sections = [_assignment_section(a, group, rates.get(a, {}), mistakes.get(a, []))
                for a, group in by_assignment.items()]
    isolation = "".join(f"<li>{html.escape(line.lstrip('- ').replace('`', ''))}</li>"
                        for line in isolation_summary(subs))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
            f"</title><style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
            f"<h2>Isolation</h2><ul>{isolation or '<li>nothing recorded</li>'}</ul>"
            + "\n".join(sections) + _details(subs) + "</body></html>")


def write_html_report(subs: list[Submission], path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(subs))
    return path


def main(argv: list[str] | None = None) -> int:
    found = graded_course(argv, "HTML report of a graded course folder.", "report.html")
    if found is None:
        return 1
    print(write_html_report(*found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
