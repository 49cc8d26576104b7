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
import statistics
from collections import Counter, defaultdict
from pathlib import Path

from course_lib.grading.tools.report import (
    NOT_DONE,
    Submission,
    flag_category,
    function_order,
    graded_course,
    isolation_summary,
    legend_items,
    not_done,
    short_name,
)

__all__ = ["mistake_key", "common_mistakes", "pass_rates", "render", "write_html_report"]

#: A number measured on one student's case (``0.605598``, ``7.6e-05``), not a constant of the
#: rule (``1/2``, ``randn * 0.01``).
_MEASURED = re.compile(r"(?<![\w.])[-+]?(\d+\.\d{3,}(e[-+]?\d+)?|\d+(\.\d+)?e[-+]?\d+)")
_ANY_NUMBER = re.compile(r"(?<![\w.\-])[-+]?\d+(\.\d+)?(e[-+]?\d+)?")
_CASE = re.compile(r"expected|(?<![\w.])[-+]?\d+\.\d{3,}|\d+(\.\d+)?e[-+]?\d|=\s*[-+]?\d"
                   r"|\(\d+, \d+\)")


def mistake_key(reason: str) -> str:
    """What a zero's reason says the mistake is, without the numbers of one student's case, so
    that students with the same mistake on different inputs count together.

    ``NOT_DONE`` when the function still raises ``NotImplementedError``; else the judge's hint
    ("did you forget the square root?"); else the message's last clauses (split at ``": "``)
    that describe the mistake rather than the case ("the penalty is twice too big: it is
    lambd / (2 * m) ..."); else the whole message with its numbers replaced by ``…``."""
    reason = " ".join(str(reason).split())
    if not_done(reason):
        return NOT_DONE
    hint = re.search(r"(did you [^?]*\?|forgot[^.;:]*)", reason)
    if hint:
        return hint.group(1).strip()
    clauses = _clauses(reason)
    rule: list[str] = []
    for clause in reversed(clauses):
        if _CASE.search(clause):
            if rule:
                break
            continue
        rule.insert(0, clause)
    if rule and len(" ".join(rule).split()) >= 3:
        return _shorten(_MEASURED.sub("…", ": ".join(rule)))
    return _shorten(_ANY_NUMBER.sub("…", reason))


def _clauses(text: str) -> list[str]:
    """``text`` split at every ``": "`` outside brackets."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += (char in "([{") - (char in ")]}")
        if depth == 0 and text.startswith(": ", i):
            parts.append(text[start:i])
            start = i + 2
    return [p.strip() for p in parts + [text[start:]] if p.strip()]


def _shorten(text: str, limit: int = 220) -> str:
    """At most ``limit`` characters, cut at a word with ``…``."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def common_mistakes(subs: list[Submission], top: int = 12
                    ) -> dict[str, list[tuple[str, str, int]]]:
    """assignment -> ``[(function, mistake, students), ...]``: real mistakes first, the most
    frequent first, then the functions left undone. A student counts once per mistake and
    function; a function with a real mistake is not also counted as not done."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for sub in subs:
        keys: dict[str, set[str]] = defaultdict(set)
        for gid, reason in sub.zeros.items():
            keys[_function(gid)].add(mistake_key(reason))
        for function, found in keys.items():
            if len(found) > 1:
                found.discard(NOT_DONE)
            for key in found:
                counts[sub.assignment][(function, key)] += 1
    return {a: [(f, m, n) for (f, m), n in sorted(c.items(), key=_mistake_order)[:top]]
            for a, c in counts.items()}


def _mistake_order(item: tuple[tuple[str, str], int]) -> tuple[bool, int, str, str]:
    (function, mistake), n = item
    return (mistake == NOT_DONE, -n, function, mistake)


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
    return {a: {f: full[a][f] / t[f] for f in function_order(a, t)} for a, t in total.items()}


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
    counts, _, bars = ax.hist(scores, bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.001],
                              color="#4c72b0", edgecolor="white")
    ax.bar_label(bars, labels=[f"{n:g}" if n else "" for n in counts], fontsize=9)
    ax.set_xticks(range(0, 101, 10))
    ax.set_xlabel("score (% of the assignment's points)")
    ax.set_ylabel("students")
    ax.set_ylim(0, max(counts, default=0) * 1.15 + 0.5)
    ax.set_title(f"{assignment}: grade distribution ({len(scores)} students)")
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _svg(fig)


def _pass_chart(rates: dict[str, float], totals: dict[str, int], assignment: str) -> str:
    from course_lib.display.widgets import new_figure

    names = list(rates)
    fig = new_figure((5.2, 0.9 + 0.42 * len(names)))
    ax = fig.subplots()
    bars = ax.barh(names, [100 * rates[n] for n in names], color="#55a868")
    ax.bar_label(bars, labels=[f"{round(rates[n] * totals[n])} of {totals[n]}" for n in names],
                 fontsize=9, padding=3)
    ax.set_xlim(0, 100)
    ax.spines[["right", "top"]].set_visible(False)  # the "k of n" labels may pass 100 %
    ax.invert_yaxis()
    ax.set_xlabel("students with full marks on the function (%)")
    ax.set_title(f"{assignment}: full marks per graded function")
    return _svg(fig)


def _table(header: list[str], rows: list[list[str]], cls: str = "") -> str:
    """An HTML table; cells are escaped, except :class:`Markup` cells."""
    head = "".join(f"<th>{_cell(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    attr = f' class="{cls}"' if cls else ""
    return f"<table{attr}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class Markup(str):
    """A table cell that is already HTML."""


def _cell(value) -> str:
    return value if isinstance(value, Markup) else html.escape(str(value))


def _breakable(name: str) -> Markup:
    """A long identifier that may wrap after its underscores on a narrow screen."""
    return Markup(html.escape(name).replace("_", "_<wbr>"))


def _grade_table(subs: list[Submission], assignment: str) -> str:
    """One row per student: the total and each function's points, short of full marks shaded."""
    functions = function_order(assignment, {f for s in subs for f in s.functions})
    rows = []
    for s in subs:
        cells = [Markup(_points(*s.functions[f])) if f in s.functions else "-"
                 for f in functions]
        flags = ", ".join(s.categories)
        rows.append([s.student, Markup(_points(s.score, s.max_score)), *cells, flags])
    header = ["student", "total", *[_breakable(short_name(f)) for f in functions], "flags"]
    legend = ", ".join(legend_items(functions))
    return _table(header, rows, "grades") + (f"<p class='legend'>{html.escape(legend)}</p>"
                                             if legend else "")


def _points(score: float, max_score: float) -> str:
    cls = "full" if max_score and score >= max_score else "lost"
    return f"<span class='{cls}'>{score:g}/{max_score:g}</span>"


def _assignment_section(assignment: str, subs: list[Submission], rates: dict[str, float],
                        mistakes: list[tuple[str, str, int]]) -> str:
    scores = sorted(s.score for s in subs)
    top = max((s.max_score for s in subs), default=0)
    totals = Counter(f for s in subs if s.graded for f in s.functions)
    parts = [f"<h2 id='{html.escape(assignment)}'>{html.escape(assignment)}</h2>",
             f"<p>{len(subs)} submissions out of {top:g} points: mean "
             f"{statistics.mean(scores):.1f}, median {statistics.median(scores):g} points.</p>",
             _grade_table(subs, assignment), '<div class="plots">', _histogram(subs, assignment),
             _pass_chart(rates, totals, assignment) if rates else "", "</div>",
             "<h3>Most common mistakes</h3>"]
    if mistakes:
        parts.append(_table(["function", "mistake (as the grader names it)", "students"],
                            [[f, m, str(n)] for f, m, n in mistakes], "mistakes"))
    else:
        parts.append("<p>No function lost points.</p>")
    return "\n".join(parts)


def _flags(subs: list[Submission]) -> str:
    rows = [[s.assignment, s.student, Markup(f"<b>{html.escape(flag_category(flag))}</b>"),
             flag.split(":", 1)[1].strip() if ":" in flag else ""]
            for s in subs for flag in s.flags]
    if not rows:
        return "<h2 id='flags'>Flags</h2><p>No submission was flagged.</p>"
    return ("<h2 id='flags'>Flags</h2><p>What the grader noticed and handled: read each before "
            "releasing grades.</p>"
            + _table(["assignment", "student", "flag", "details"], rows, "flags"))


def _zeros(subs: list[Submission]) -> str:
    """Every test that scored 0, one row per student and function; a function left undone is
    one row naming its tests."""
    rows = []
    for s in subs:
        by_function: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for gid, reason in sorted(s.zeros.items()):
            by_function[_function(gid)].append((gid, reason))
        for function, tests in by_function.items():
            score, max_score = s.functions.get(function, (0.0, 0.0))
            rows.append([_breakable(s.assignment), s.student, _breakable(function),
                         f"{max_score - score:g} of "
                         f"{max_score:g}", Markup(_reasons_cell(tests))])
    if not rows:
        return "<h2 id='zeros'>Points lost</h2><p>None: every test of every submission passed.</p>"
    return ("<h2 id='zeros'>Points lost</h2><p>Every hidden test that scored 0, with the "
            "grader's reason (hover a test for its grade id).</p>"
            + _table(["assignment", "student", "function", "points lost", "tests and reasons"],
                     rows, "zeros"))


def _reasons_cell(tests: list[tuple[str, str]]) -> str:
    """Each test by its name after the function's (the grade id in its tooltip), with its
    reason; a function left undone on one line."""
    names = [f"<code title='{html.escape(gid)}'>{html.escape(gid.rsplit('__', 1)[-1])}</code>"
             for gid, _ in tests]
    if all(not_done(reason) for _, reason in tests):
        return f"{html.escape(NOT_DONE)}: tests {', '.join(names)}"
    return "<br>".join(f"{name}: {html.escape(reason)}"
                       for name, (_, reason) in zip(names, tests, strict=True))


_STYLE = """body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;
color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;
padding:.3em .6em;text-align:left;vertical-align:top;font-size:.92em}th{background:#f2f2f2}
table.mistakes,table.zeros,table.flags{width:100%}table.mistakes td:nth-child(2),
table.zeros td:last-child,table.flags td:last-child{overflow-wrap:anywhere}
table.zeros td:nth-child(3){min-width:14em}
table.grades td{text-align:right;white-space:nowrap}table.grades td:first-child,
table.grades td:last-child{text-align:left}.lost{color:#b00020;font-weight:600}
.legend{font-size:.85em;color:#555;margin-top:-1em}code{font-size:1em}
.plots{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:1em;
align-items:start}.plots svg{max-width:100%;height:auto}"""


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
    students = len({s.student for s in subs})
    links = [(a, a) for a in by_assignment] + [("flags", "flags"), ("zeros", "points lost")]
    contents = " · ".join(f"<a href='#{html.escape(a)}'>{html.escape(label)}</a>"
                          for a, label in links)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
            f"</title><style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
            f"<p>{len(subs)} submissions from {students} students in {len(by_assignment)} "
            f"assignments. Scores are in points; each function's points are shared among its "
            f"hidden tests.</p><p>{contents}</p>"
            f"<h2>How student code was isolated</h2><ul>"
            f"{isolation or '<li>nothing recorded</li>'}</ul>"
            + "\n".join(sections) + _flags(subs) + _zeros(subs) + "</body></html>")


def write_html_report(subs: list[Submission], path: Path | str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(subs))
    return path


def main(argv: list[str] | None = None) -> int:
    found = graded_course(argv, "HTML report of a graded course folder.", "report.html")
    if found is None:
        return 1
    print(f"report: {write_html_report(*found)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
