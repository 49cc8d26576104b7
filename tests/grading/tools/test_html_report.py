"""The HTML report: distributions, pass rates, common mistakes named by the judges, every flag
and zero, in one self-contained file."""

from __future__ import annotations

import re

from course_lib.grading.tools import html_report, report
from course_lib.grading.tools.report import Submission


def _sub(student, score, functions, zeros=None, flags=None, sandbox="root"):
    sub = Submission(student, "initialization", score=score, max_score=11, sandbox=sandbox)
    for f, pair in functions.items():
        sub.functions[f] = list(pair)
    sub.zeros.update(zeros or {})
    sub.flags += flags or []
    return sub


FAN_OUT = ("W1 has std {:.2f} but He for fan-in {} gives {:.2f}: did you use layers_dims[l] "
           "(fan-out) instead of layers_dims[l-1]?")


def _class():
    full = {"initialize_parameters_he": (3, 3), "initialize_parameters_zeros": (2, 2)}
    return [
        _sub("ann", 5, full),
        _sub("ben", 2, {"initialize_parameters_he": (0, 3), "initialize_parameters_zeros": (2, 2)},
             zeros={"test_initialize_parameters_he__scale": FAN_OUT.format(0.11, 40, 0.22)}),
        _sub("cat", 2, {"initialize_parameters_he": (0, 3), "initialize_parameters_zeros": (2, 2)},
             zeros={"test_initialize_parameters_he__scale": FAN_OUT.format(0.3, 7, 0.53)},
             flags=["tampering suspected: cell 3 patched numpy"]),
    ]


def test_mistake_key_drops_the_numbers_of_one_case():
    a = html_report.mistake_key(FAN_OUT.format(0.11, 40, 0.22))
    b = html_report.mistake_key(FAN_OUT.format(0.3, 7, 0.53))
    assert a == b == "did you use layers_dims[l] (fan-out) instead of layers_dims[l-1]?"
    plain = html_report.mistake_key("returned an array of shape (3, 4), expected (4, 3)")
    assert plain == html_report.mistake_key("returned an array of shape (5, 2), expected (2, 5)")


def test_common_mistakes_and_pass_rates():
    subs = _class()
    mistakes = html_report.common_mistakes(subs)["initialization"]
    assert mistakes[0][0] == "initialize_parameters_he" and mistakes[0][2] == 2
    assert "fan-out" in mistakes[0][1]
    rates = html_report.pass_rates(subs)["initialization"]
    assert rates == {"initialize_parameters_he": 1 / 3, "initialize_parameters_zeros": 1.0}


def test_render_is_one_self_contained_page(tmp_path):
    path = html_report.write_html_report(_class(), tmp_path / "r.html")
    text = path.read_text()
    assert text.startswith("<!DOCTYPE html>") and text.count("<svg") == 2
    assert not re.search(r"""(src|href)=["'](?!#|data:)""", text), "refers to another file"
    for needle in ("grade distribution", "full marks per graded function", "fan-out",
                   "<td>2</td>", "tampering suspected", "test_initialize_parameters_he__scale",
                   "sandbox mode root"):
        assert needle in text, needle


# --- the example class, as `make demo` graded it (fixture in conftest.py) ----------------------


def test_mistake_keys_keep_the_rule_and_drop_the_case(demo_class):
    """The judges' constants survive (int64, l-1, 1/2, 1 / keep_prob, sigma^2), the measured
    numbers go, nothing is cut mid-word, and an unfinished function is not a mistake."""
    keys = {html_report.mistake_key(r) for s in demo_class for r in s.zeros.values()}
    assert keys == {
        report.NOT_DONE,
        "did you use layers_dims[l] (fan-out) instead of layers_dims[l-1]?",
        "randn * 0.01 is a different initialization",
        "W1 has dtype int64; parameters must be floats (np.zeros(shape) is float, "
        "np.zeros(shape, dtype=int) is not)",
        "the penalty is twice too big: it is lambd / (2 * m) times the sum of squares, not "
        "lambd / m",
        "the L1 penalty is lambd / m * sum |W|, without the 1/2 of L2",
        "A1 is masked but not divided by keep_prob (inverted dropout scales the kept units by "
        "1 / keep_prob)",
        "it matches the one-sided difference (J(theta + epsilon) - J(theta)) / epsilon; use the "
        "two-sided (J(theta + epsilon) - J(theta - epsilon)) / (2 * epsilon)",
        "that divides by the variance sigma^2 (as the chapter's notes write); divide by the "
        "standard deviation sigma, its square root",
    }
    assert html_report.mistake_key("the cost (m = 3, lambd = 2.267) is 5.6704, expected 9.87") \
        == html_report.mistake_key("the cost (m = 8, lambd = 0.5) is 1.2345, expected 3.5")


def test_common_mistakes_count_a_student_once_per_function(demo_class):
    """carol left everything undone: one 'not done' row per function, after the real
    mistakes, never one row per test."""
    mistakes = html_report.common_mistakes(demo_class)
    init = mistakes["initialization"]
    assert [m for _, m, _ in init[:3]] and report.NOT_DONE not in [m for _, m, _ in init[:3]]
    undone = [f for f, m, _ in init if m == report.NOT_DONE]
    assert sorted(undone) == ["initialize_parameters_he", "initialize_parameters_random",
                              "initialize_parameters_xavier", "initialize_parameters_zeros"]
    for rows in mistakes.values():
        assert len(rows) == len({(f, m) for f, m, _ in rows})
        assert all(n == 1 for _, _, n in rows)  # four students, each mistake made once


def test_demo_page_names_everything_an_instructor_needs(demo_class):
    page = html_report.render(demo_class)
    text = re.sub(r"<[^>]+>", "", re.sub(r"<svg.*?</svg>", "", page, flags=re.DOTALL))
    for needle in (
        "17 submissions from 4 students in 5 assignments",
        "How student code was isolated", "each notebook ran as its own unprivileged user",
        "4 submissions out of 11 points: mean 6.8, median 8 points",
        "init_he = initialize_parameters_he",  # the grade table's legend
        "tampering suspected", "the notebook replaced IPython input transformers",
        "kernel crash", "Points lost", "2 of 3",
        f"{report.NOT_DONE}: tests fresh, keep_prob_one, keep_rate, masks, output, structure",
        "did you use layers_dims[l] (fan-out) instead of layers_dims[l-1]?",
    ):
        assert needle in text, needle
    for wrong in ("int6#", "[l-#]", "#/#", "Mistake:", "Submission(", "defaultdict"):
        assert wrong not in text, wrong
    assert not re.search(r"\bnan\b", text)
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.DOTALL)
    assert len(svgs) == 10  # a histogram and a pass-rate chart per assignment
    for svg in svgs:  # every plot has a title and both axis labels, in words
        assert "students" in svg and ("grade distribution" in svg or "full marks per" in svg)
    assert "1 of 4" in page and "(4 students)" in page  # bars say how many, not only %
    assert page.count("class='lost'") == sum(
        1 for s in demo_class for p in [(s.score, s.max_score), *s.functions.values()]
        if p[0] < p[1])


def test_demo_page_fits_a_narrow_window(demo_class):
    """Long identifiers may wrap (no table wider than the page on an 800-px window): every
    function name in a header or cell of the grade and zero tables has its break points."""
    page = html_report.render(demo_class)
    assert "initialize_<wbr>parameters_<wbr>random" in page
    assert "overflow-wrap:anywhere" in page and "max-width:100%" in page
