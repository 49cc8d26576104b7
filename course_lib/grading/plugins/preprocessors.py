"""nbgrader preprocessors and exporter of the course, wired in by ``nbgrader_config.py``.

- sanitize: :class:`RepairNotebook` (after nbgrader's ``ClearOutput``), reading through
  :class:`SafeNotebookExporter`;
- autograde: :class:`TrustedExecute` in place of nbgrader's ``Execute``;
- feedback: :class:`HideTestCode`;
- both: :class:`CheckCellMetadata`, nbgrader's check with its JSON schema compiled once.

:class:`LessonAwareExecute` is nbgrader's plain ``Execute`` skipping the lesson's cells, kept for
comparisons with stock grading (see ``docs/trusted-grading.md``).
"""

from __future__ import annotations

import functools
import traceback

import jsonschema
from nbformat.notebooknode import NotebookNode
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import CheckCellMetadata as StockCheckCellMetadata
from nbgrader.preprocessors import Execute

from course_lib.grading.plugins.repair import (
    HideTestCode,
    RepairNotebook,
    SafeNotebookExporter,
)
from course_lib.grading.plugins.trusted import LESSON_TAG, TrustedExecute, is_lesson_cell

__all__ = ["LESSON_TAG", "is_lesson_cell", "LessonAwareExecute", "TrustedExecute",
           "RepairNotebook", "SafeNotebookExporter", "HideTestCode", "CheckCellMetadata"]


@functools.lru_cache(maxsize=1)
def _schema_validator():
    """The JSON-schema validator of nbgrader's cell metadata, its schema checked once
    (``jsonschema.validate`` checks the schema itself again for every cell: about a fifth of
    the grading process's CPU, measured on a 33-notebook course)."""
    schema = MetadataValidator().schema
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


class _CompiledSchema(BaseMetadataValidator):
    """nbgrader's base check of one cell (schema version, then the JSON schema) with
    :func:`_schema_validator`: the same errors and messages as ``jsonschema.validate``."""

    def validate_cell(self, cell: NotebookNode) -> None:
        meta = cell.metadata.get("nbgrader")
        if meta is None or meta.get("schema_version", 0) != self.schema_version:
            return super().validate_cell(cell)  # absent, or nbgrader's version errors
        error = jsonschema.exceptions.best_match(_schema_validator().iter_errors(meta))
        if error is not None:
            raise error


class _Validator(MetadataValidator, _CompiledSchema):
    """nbgrader's metadata validator (all its own checks) over :class:`_CompiledSchema`."""


class CheckCellMetadata(StockCheckCellMetadata):
    """nbgrader's ``CheckCellMetadata`` (same checks, log and error) with the schema compiled
    once per process."""

    def preprocess(self, nb: NotebookNode, resources):
        try:
            _Validator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg)  # noqa: B904 (as nbgrader's)
        return nb, resources


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
