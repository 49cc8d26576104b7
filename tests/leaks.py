"""What must never reach students: solution text and hidden-test text of the source notebooks."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
_REGION = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)\n(.*?)### END \1", re.S)
MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS",
           "### END HIDDEN TESTS", "run_hidden_check", "course_lib.instructor.reference",
           "course_lib.grading")


def source_notebooks() -> list[Path]:
    return sorted(ROOT.glob("source/*/*.ipynb"))


def secret_lines(min_length: int = 25) -> set[str]:
    """Distinctive lines inside solution and hidden-test regions of every source notebook
    (short lines such as ``return parameters`` are too common to be evidence)."""
    lines = set()
    for path in source_notebooks():
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for _, body in _REGION.findall(cell.source + "\n"):
                for line in body.splitlines():
                    line = line.strip()
                    if len(line) >= min_length and not line.startswith("#"):
                        lines.add(line)
    return lines


def leaks_in_text(text: str, secrets: set[str]) -> list[str]:
    found = [m for m in MARKERS if m in text]
    found += [s for s in secrets if s in text]
    return found
