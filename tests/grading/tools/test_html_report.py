"""The HTML report: distributions, pass rates, common mistakes named by the judges, every flag
and zero, in one self-contained file."""

from __future__ import annotations

import re

from course_lib.grading.tools import html_report
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
    for needle in ("grade distribution", "pass rate per graded function", "fan-out",
                   "<td>2</td>", "tampering suspected", "0 points: test_initialize_parameters_he",
                   "sandbox mode root"):
        assert needle in text, needle
