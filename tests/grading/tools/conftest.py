"""``demo_class``: the example class as `make demo` graded it (``data/demo_class.json``, written
from ``report.collect("demo")``): real reasons, flags and notes, for fast report tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course_lib.grading.tools.report import Submission

DATA = Path(__file__).parent / "data" / "demo_class.json"


@pytest.fixture
def demo_class() -> list[Submission]:
    """One :class:`Submission` per graded (student, assignment) of the example class."""
    subs = []
    for row in json.loads(DATA.read_text()):
        functions = row.pop("functions")
        sub = Submission(**row)
        for function, pair in functions.items():
            sub.functions[function] = list(pair)
        subs.append(sub)
    return subs
