"""The initialization and normalization notebooks, run headless with one wrong function: every
lesson cell that uses it prints the one-line note once (and still runs), no other cell prints
one; with the solutions no cell prints one."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
from notebook_run import run_notebook

from course_lib.grading.tools.submissions import Case, build_submission, parse_case
from course_lib.lessons.initialization import INITIALIZERS
from course_lib.lessons.normalization import NORMALIZED_BY

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOTE = "Note: "

#: The test set normalized with its own statistics (dev with the training set's).
TEST_OWN = '''def normalize_splits(X_train, X_dev, X_test):
    mu, sigma = compute_normalization_parameters(X_train)
    X_test_n = normalize_inputs(X_test, *compute_normalization_parameters(X_test))
    return (normalize_inputs(X_train, mu, sigma), normalize_inputs(X_dev, mu, sigma), X_test_n,
            mu, sigma)
'''

#: (assignment, wrong function or None, the case that makes it wrong).
RUNS = [
    ("initialization", None, None),
    ("initialization", "initialize_parameters_he",
     parse_case(ROOT / "tests/submissions/initialization/lose_he_fan_out.py")),
    ("initialization", "initialize_parameters_zeros",
     parse_case(ROOT / "tests/submissions/initialization/lose_zeros_ones_bias.py")),
    ("normalization", None, None),
    ("normalization", "normalize_inputs",
     parse_case(ROOT / "tests/submissions/normalization/lose_normalize_variance.py")),
    ("normalization", "normalize_splits",
     Case("test_own", "test set with its own statistics", replace={"normalize_splits": TEST_OWN})),
]


def _run(assignment: str, case: Case | None, folder: Path) -> nbformat.NotebookNode:
    source = ROOT / "source" / assignment / f"{assignment}.ipynb"
    nb = nbformat.read(source, as_version=4)
    if case is not None:
        nb = build_submission(case, nb, nb)
    path = folder / f"{assignment}.ipynb"
    nbformat.write(nb, path)
    return run_notebook(path)[0]


def _notes(cell) -> list[str]:
    return [line for out in cell.outputs if out.output_type == "stream"
            for line in out.text.splitlines() if line.startswith(NOTE)]


def _is_lesson(cell) -> bool:
    return "lesson" in cell.metadata.get("tags", [])


#: The lesson helpers that note functions found by name, and those functions.
BY_NAME = {"note_failing_initializers": INITIALIZERS,
           "note_failing_normalization": NORMALIZED_BY}


def _noted(source: str) -> set[str]:
    """The functions a cell's ``<lesson>.note_if_failing(...)`` or by-name note covers."""
    noted = set()
    for node in ast.walk(ast.parse(source)):
        helper = getattr(getattr(node, "func", None), "attr", None)
        if isinstance(node, ast.Call) and helper == "note_if_failing":
            noted.update(arg.id for arg in node.args if isinstance(arg, ast.Name))
        elif isinstance(node, ast.Call) and helper in BY_NAME:
            noted.update(BY_NAME[helper])
    return noted


@pytest.mark.parametrize(("assignment", "wrong", "case"), RUNS,
                         ids=[f"{a}-{w or 'solutions'}" for a, w, _ in RUNS])
def test_lesson_cells_note_a_failing_function_once(assignment, wrong, case, tmp_path):
    nb = _run(assignment, case, tmp_path)
    problems, noted = [], 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        label, notes = cell.get("id"), _notes(cell)
        expected = int(_is_lesson(cell) and wrong in _noted(cell.source))
        if len(notes) != expected:
            problems.append(f"{label}: {len(notes)} notes, expected {expected}: {notes}")
        if notes and f"`{wrong}` fails its check above" not in notes[0]:
            problems.append(f"{label}: the note names another function: {notes[0]}")
        if _is_lesson(cell):
            problems += [f"{label}: {o.ename}: {o.evalue[:200]}" for o in cell.outputs
                         if o.output_type == "error"]
        noted += bool(notes)
    assert not problems, "\n".join(problems)
    assert (noted >= 1) if wrong else (noted == 0)
