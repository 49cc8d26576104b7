"""Reading a submission never fails, and keeps every cell that can be kept (no nbgrader here: the
pipeline of a truncated upload is in the hostile corpus, ``structure_truncated``)."""

from __future__ import annotations

import nbformat
import pytest
from leaks import ROOT

from course_lib.grading.plugins.repair import (
    Unreadable,
    cells_before_break,
    read_submission,
)

RELEASE = ROOT / "release" / "normalization" / "normalization.ipynb"


def _ids(nb) -> list[str]:
    return [c.id for c in nb.cells]


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.8, 0.99])
def test_a_truncated_upload_keeps_every_whole_cell_before_the_break(fraction):
    text = RELEASE.read_text()
    whole = nbformat.reads(text, as_version=4)
    cut = text[: int(len(text) * fraction)]
    nb, repairs = read_submission(cut)
    kept = len(nb.cells)
    assert 0 < kept < len(whole.cells)
    assert _ids(nb) == _ids(whole)[:kept]
    assert [c.source for c in nb.cells] == [c.source for c in whole.cells[:kept]]
    # no whole cell is lost: the first cell left out does not end before the cut
    if kept + 1 < len(whole.cells):
        assert text.index(f'"id": "{whole.cells[kept + 1].id}"') > len(cut)
    assert "breaks off" in repairs[0] and f"the {kept} complete cells" in repairs[0]
    nbformat.validate(nb)


def test_whole_cells_parse_up_to_a_hand_edit_that_breaks_the_json():
    text = RELEASE.read_text()
    whole = nbformat.reads(text, as_version=4)
    key = f'"id": "{whole.cells[3].id}"'
    assert key in text
    broken = text.replace(key, key + " oops", 1)   # a slip inside cell 3
    nb, repairs = read_submission(broken)
    assert _ids(nb) == _ids(whole)[:3]
    assert "graded from the 3 complete cells" in repairs[0]


@pytest.mark.parametrize("text", ["", "   \n", "PK\x03\x04 a zip file", '{"cells": [',
                                  '{"metadata": {}, "cells": [{"cell_type": "code"',
                                  "[1, 2, 3]"])
def test_files_without_a_whole_cell_are_unreadable(text):
    with pytest.raises(Unreadable):
        read_submission(text)


def test_cells_before_break_reads_only_the_top_level_list():
    assert cells_before_break('{"cells": [{"a": 1}, {"b": [2, 3]}, {"c": "unfinished') == [
        {"a": 1}, {"b": [2, 3]}]
    assert cells_before_break('{"cells": [{"a": 1}], "metadata": {') == [{"a": 1}]
    assert cells_before_break('{"metadata": {"cells": [{"a": 1}]}') == []


def test_an_untouched_test_cell_gets_its_hidden_tests_back_and_an_edited_one_does_not():
    """nbgrader's OverwriteCells then warns about a changed checksum only for a cell the
    student edited (the release strips hidden tests after the gradebook's checksum)."""
    from course_lib.grading.plugins.repair import _unhide_tests, strip_hidden_tests

    source = '"""check"""\n### BEGIN HIDDEN TESTS\nrun_hidden_check("f", "a", globals())\n' \
             "### END HIDDEN TESTS"
    want = {"source": source, "meta": {"locked": True}}
    released = nbformat.v4.new_code_cell(strip_hidden_tests(source))
    _unhide_tests(released, want)
    assert released.source == source
    edited = nbformat.v4.new_code_cell('"""check"""\nprint("Passed")')
    _unhide_tests(edited, want)
    assert edited.source == '"""check"""\nprint("Passed")'
    unlocked = nbformat.v4.new_code_cell(strip_hidden_tests(source))
    _unhide_tests(unlocked, {"source": source, "meta": {"locked": False}})
    assert unlocked.source == strip_hidden_tests(source)


def test_feedback_shows_a_test_cells_error_as_the_verdict_in_short_lines():
    """HideTestCode: no hidden test text and no traceback frames, only ``ename: evalue`` in
    lines a feedback page shows whole."""
    from course_lib.grading.plugins import evidence
    from course_lib.grading.plugins.repair import HideTestCode

    cell = nbformat.v4.new_code_cell(
        "check(f)\n### BEGIN HIDDEN TESTS\nsecret_check(f)\n### END HIDDEN TESTS",
        metadata={"nbgrader": {"grade": True, "solution": False, "grade_id": "t",
                               "points": 1}})
    message = "W1 has std 0.282 but randn * sqrt(2 / layers_dims[l-1]) " * 3
    cell.outputs = [nbformat.v4.new_output("error", ename="CheckFailed", evalue=message,
                                           traceback=["frame 1 secret_check(f)", "frame 2"])]
    out, _ = HideTestCode().preprocess_cell(cell, {}, 0)
    assert "secret_check" not in out.source
    lines = out.outputs[0]["traceback"]
    assert lines[0].startswith("CheckFailed: W1 has std") and len(lines) > 1
    assert all(len(line) <= evidence.WRAP and "secret" not in line for line in lines)
