"""The lecture notebooks teach with course_lib and self-checks (running them headless, with
outputs cleared, is checked for every notebook in test_source_notebooks.py and test_release.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def test_there_are_lecture_notebooks():
    assert len(NOTEBOOKS) >= 5


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_uses_course_lib_and_selfcheck(path):
    text = "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"])
    assert "from course_lib." in text
    assert "selfcheck.answer(" in text
    # Training goes through nn.train (directly or via experiments.fit): no hand-written loop
    # calling update_parameters.
    assert "update_parameters" not in text
