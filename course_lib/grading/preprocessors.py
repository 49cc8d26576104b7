"""nbgrader preprocessors of the course, wired in by ``nbgrader_config.py``."""

from __future__ import annotations

from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute

__all__ = ["LESSON_TAG", "is_lesson_cell", "LessonAwareExecute"]

#: Cells tagged so are experiments of the lesson (training runs, plots): the graded functions
#: never depend on them, so the autograder does not run them.
LESSON_TAG = "lesson"


def is_lesson_cell(cell) -> bool:
    """A code cell tagged ``lesson`` that is neither a solution nor a test cell."""
    meta = cell.get("metadata", {})
    nbg = meta.get("nbgrader", {})
    return (cell.get("cell_type") == "code" and LESSON_TAG in meta.get("tags", [])
            and not nbg.get("solution") and not nbg.get("grade"))


class LessonAwareExecute(Execute):
    """nbgrader's ``Execute``, skipping the lesson's experiment cells.

    Skipped cells stay in the autograded notebook (without outputs), so feedback shows the whole
    notebook; a student who tags a cell of their own only skips their own code.
    """

    def preprocess(self, nb: NotebookNode, resources):
        all_cells = nb.cells
        nb.cells = [c for c in all_cells if not is_lesson_cell(c)]
        try:
            nb, resources = super().preprocess(nb, resources)
        finally:
            ran = {id(c) for c in nb.cells}
            for cell in all_cells:
                if id(cell) not in ran and cell.get("cell_type") == "code":
                    cell.outputs = []
                    cell.execution_count = None
            nb.cells = all_cells
        return nb, resources
