"""nbgrader preprocessors and exporter of the course, wired in by ``nbgrader_config.py``.

- sanitize: :class:`RepairNotebook` (after nbgrader's ``ClearOutput``), reading through
  :class:`SafeNotebookExporter`;
- autograde: :class:`TrustedExecute` in place of nbgrader's ``Execute``;
- feedback: :class:`HideTestCode`.

:class:`LessonAwareExecute` is nbgrader's plain ``Execute`` skipping the lesson's cells, kept for
comparisons with stock grading (see ``docs/trusted-grading.md``).
"""

from __future__ import annotations

from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute

from course_lib.grading.plugins.repair import (
    HideTestCode,
    RepairNotebook,
    SafeNotebookExporter,
)
from course_lib.grading.plugins.trusted import LESSON_TAG, TrustedExecute, is_lesson_cell

__all__ = ["LESSON_TAG", "is_lesson_cell", "LessonAwareExecute", "TrustedExecute",
           "RepairNotebook", "SafeNotebookExporter", "HideTestCode"]


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
