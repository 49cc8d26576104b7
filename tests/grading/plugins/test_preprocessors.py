"""The course's ``CheckCellMetadata`` (nbgrader's check with its JSON schema compiled once)
accepts and rejects exactly what nbgrader's does, with the same messages."""

from __future__ import annotations

import copy
import time
from pathlib import Path

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.preprocessors import CheckCellMetadata as Stock

from course_lib.grading.plugins.preprocessors import CheckCellMetadata, _Validator

ROOT = Path(__file__).resolve().parents[3]
NOTEBOOKS = sorted((ROOT / "source").glob("*/*.ipynb"))


def _graded_cell(nb):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))


def _set(key, value):
    def change(nb):
        _graded_cell(nb).metadata.nbgrader[key] = value
    return change


def _drop(key):
    def change(nb):
        del _graded_cell(nb).metadata.nbgrader[key]
    return change


def _duplicate_id(nb):
    cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    cells[1].metadata.nbgrader["grade_id"] = cells[0].metadata.nbgrader["grade_id"]


CHANGES = {
    "unchanged": lambda nb: None,
    "points not a number": _set("points", "two"),
    "grade not a boolean": _set("grade", "yes"),
    "no points": _drop("points"),
    "no grade_id": _drop("grade_id"),
    "no locked": _drop("locked"),
    "schema too old": _set("schema_version", 1),
    "schema too new": _set("schema_version", 9),
    "extra key": _set("favourite", True),
    "empty metadata": lambda nb: _graded_cell(nb).metadata.__setitem__("nbgrader", {}),
    "duplicate grade id": _duplicate_id,
}


def _outcome(validator, nb) -> str:
    try:
        validator.validate_nb(nb)
    except (ValidationError, Exception) as exc:  # noqa: BLE001 (compared, not hidden)
        return f"{type(exc).__name__}: {exc}"
    return "valid"


@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_same_verdict_and_message_as_nbgrader(path, change):
    nb = nbformat.read(path, as_version=4)
    CHANGES[change](nb)
    stock = _outcome(MetadataValidator(), copy.deepcopy(nb))
    assert _outcome(_Validator(), copy.deepcopy(nb)) == stock
    assert (stock == "valid") == (change == "unchanged"), stock


@pytest.mark.parametrize("change", ["unchanged", "points not a number", "duplicate grade id"])
def test_preprocessor_raises_as_nbgrader(change):
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    CHANGES[change](nb)
    results = []
    for cls in (Stock, CheckCellMetadata):
        try:
            cls().preprocess(copy.deepcopy(nb), {})
            results.append("passed")
        except ValidationError as exc:
            results.append(str(exc))
    assert results[0] == results[1]
    assert (results[0] == "passed") == (change == "unchanged")


def test_faster_than_nbgrader():
    """Measured side by side: the point of the class (about 10x on a course notebook)."""
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    timings = []
    for validator in (MetadataValidator(), _Validator()):
        validator.validate_nb(nb)  # warm
        start = time.perf_counter()
        for _ in range(3):
            validator.validate_nb(nb)
        timings.append(time.perf_counter() - start)
    assert timings[1] < timings[0] / 2, timings
