from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("MPLBACKEND", "Agg")

from pipeline import grade_cases  # noqa: E402

_graded: dict = {}


def pytest_collection_modifyitems(items):
    """Tests that use the same graded course (the ``graded`` fixture, one per assignment) run
    on one xdist worker, so each assignment is graded once per test session."""
    for item in items:
        if "graded" in getattr(item, "fixturenames", ()):
            assignment = getattr(item, "callspec", None) and item.callspec.params.get("assignment")
            item.add_marker(pytest.mark.xdist_group(f"graded-{assignment}"))


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """``graded(assignment)``: the assignment's cases autograded once per test session."""
    def get(assignment: str):
        if assignment not in _graded:
            _graded[assignment] = grade_cases(assignment, tmp_path_factory.mktemp(assignment))
        return _graded[assignment]
    return get
