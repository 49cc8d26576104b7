"""Reading and repairing submitted notebooks before nbgrader grades them (trusted side).

- :class:`SafeNotebookExporter` (``Autograde.exporter_class``) reads a submission without ever
  failing: malformed cells are salvaged, a file whose JSON breaks off (an upload cut short) is
  graded from the complete cells before the break, and a file that is not a notebook at all
  (empty, not JSON, no cell before the break, too large) becomes an empty notebook flagged
  ``notebook unreadable``.
- :class:`RepairNotebook` (first sanitize preprocessor) puts nbgrader's cells back the way the
  gradebook knows them: metadata and points restored, duplicated grade ids resolved, retyped
  cells retyped back, deleted test and read-only cells restored, a foreign kernelspec replaced.
  Without it, nbgrader 0.9.6 aborts the whole ``autograde`` run on a duplicated cell (its
  ``DeduplicateIds`` leaves an empty ``nbgrader`` dict that ``CheckCellMetadata`` rejects).
- :class:`HideTestCode` (feedback) strips hidden test regions and replaces the tracebacks of test
  cells by their last line, so feedback carries no hidden test code.
"""

from __future__ import annotations

import copy
import json
import re
import uuid

import nbformat
from nbconvert.exporters import NotebookExporter
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbformat.v4.nbjson import JSONReader
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

from course_lib.grading import records
from course_lib.grading.plugins import evidence

__all__ = ["Unreadable", "read_submission", "cells_before_break", "SafeNotebookExporter",
           "RepairNotebook", "HideTestCode", "strip_hidden_tests"]

_ID = re.compile(r"^[a-zA-Z0-9-_]{1,64}$")
_KEEP_CELL_META = ("nbgrader", "tags")


class Unreadable(ValueError):
    """The file is not a notebook nbgrader can grade."""


def _text(source) -> str | None:
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        return "".join(source)
    return None


def _salvage(obj: dict) -> tuple[NotebookNode, list[str]]:
    """A valid v4 notebook from the cells of ``obj`` that make sense."""
    repairs = []
    cells = obj.get("cells")
    if not isinstance(cells, list):
        raise Unreadable("the file has no list of cells")
    new_cells, ids = [], set()
    for n, cell in enumerate(cells):
        kind = cell.get("cell_type") if isinstance(cell, dict) else None
        source = _text(cell.get("source", "")) if isinstance(cell, dict) else None
        if kind not in ("code", "markdown", "raw") or source is None:
            repairs.append(f"dropped malformed cell #{n}")
            continue
        meta = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
        meta = {k: meta[k] for k in _KEEP_CELL_META if k in meta}
        if "tags" in meta and not (isinstance(meta["tags"], list)
                                   and all(isinstance(t, str) for t in meta["tags"])):
            del meta["tags"]
        make = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
                "raw": nbformat.v4.new_raw_cell}[kind]
        new = make(source, metadata=meta)
        cid = cell.get("id")
        if isinstance(cid, str) and _ID.match(cid) and cid not in ids:
            new.id = cid
        ids.add(new.id)
        new_cells.append(new)
    meta = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    meta = {k: meta[k] for k in ("kernelspec", "language_info") if isinstance(meta.get(k), dict)}
    nb = nbformat.v4.new_notebook(cells=new_cells, metadata=meta)
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError:
        nb.metadata = {}
    return nb, repairs


def cells_before_break(text: str) -> list:
    """The complete cells of a notebook file whose JSON breaks off: every cell object of the
    top-level ``"cells"`` list that parses whole, up to the first that does not."""
    start = re.search(r'^\s*\{\s*"cells"\s*:\s*\[', text)
    if start is None:
        return []
    decoder, cells, pos = json.JSONDecoder(), [], start.end()
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        try:
            cell, pos = decoder.raw_decode(text, pos)
        except ValueError:
            return cells
        cells.append(cell)
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if not text.startswith(",", pos):
            return cells
        pos += 1


def read_submission(text: str, max_bytes: int = 50 * 1024 * 1024
                    ) -> tuple[NotebookNode, list[str]]:
    """``(notebook, repairs)``; raises :class:`Unreadable` if there is no notebook to grade."""
    if len(text) > max_bytes:
        raise Unreadable(f"the file is larger than {max_bytes // (1024 * 1024)} MB")
    if not text.strip():
        raise Unreadable("the file is empty")
    try:
        obj = json.loads(text)
    except ValueError as exc:
        msg = getattr(exc, "msg", str(exc))
        where = f", line {exc.lineno}" if hasattr(exc, "lineno") else ""
        cells = cells_before_break(text)
        if not cells:
            raise Unreadable(f"the file is not valid JSON ({msg}{where}; truncated or edited "
                             "by hand?)") from None
        nb, repairs = _salvage({"cells": cells})
        return nb, [f"the file's JSON breaks off ({msg}{where}; truncated or edited by "
                    f"hand?): graded from the {len(cells)} complete cells before the break",
                    *repairs]
    if not isinstance(obj, dict):
        raise Unreadable(f"the file holds a JSON {type(obj).__name__}, not a notebook")
    if obj.get("nbformat") != 4:
        try:
            nb = nbformat.convert(nbformat.reader.reads(text), 4)
            nbformat.validate(nb)
            return nb, [f"converted from nbformat {obj.get('nbformat')}"]
        except Exception as exc:
            raise Unreadable(f"unsupported notebook format {obj.get('nbformat')!r} "
                             f"({type(exc).__name__})") from None
    try:
        nb = JSONReader().to_notebook(copy.deepcopy(obj))
        nbformat.validate(nb)
    except Exception:
        return _salvage(obj)
    return nb, []


class SafeNotebookExporter(NotebookExporter):
    """A notebook exporter whose reading never fails (see the module docstring)."""

    max_bytes = Integer(50 * 1024 * 1024, help="Largest submission read, in bytes").tag(
        config=True)

    def from_filename(self, filename, resources=None, **kw):
        import datetime
        import os

        if resources is None:
            resources = ResourcesDict()
        if "metadata" not in resources or resources["metadata"] == "":
            resources["metadata"] = ResourcesDict()
        path, basename = os.path.split(filename)
        resources["metadata"]["name"] = os.path.splitext(basename)[0]
        resources["metadata"]["path"] = path
        modified = datetime.datetime.fromtimestamp(os.path.getmtime(filename),
                                                   tz=datetime.timezone.utc)
        resources["metadata"]["modified_date"] = modified.strftime("%B %-d, %Y")
        info = resources.setdefault("course_grading", {})
        try:
            with open(filename, "rb") as f:
                data = f.read(self.max_bytes + 1)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                raise Unreadable("the file is not UTF-8 text") from None
            nb, repairs = read_submission(text, self.max_bytes)
            if repairs:
                info["repairs"] = repairs
        except Unreadable as exc:
            nb = nbformat.v4.new_notebook()
            info["unreadable"] = str(exc)
        return self.from_notebook_node(nb, resources, **kw)


def _nbg(cell) -> dict | None:
    meta = cell.get("metadata", {})
    value = meta.get("nbgrader") if isinstance(meta, dict) else None
    return value if isinstance(value, dict) else None


def _unhide_tests(cell, want: dict) -> None:
    """A read-only cell exactly as released gets its hidden tests back from the gradebook.

    ``generate_assignment`` stores a test cell's checksum before it strips the hidden tests and
    the release's after, so nbgrader's ``OverwriteCells`` would log ``Attribute 'checksum' ...
    has changed!`` for every untouched test cell of every submission (nbgrader issue #1961).
    Putting the gradebook's source back first leaves that warning to cells a student did edit.
    """
    if want["meta"].get("locked") and cell.source != want["source"] and (
            cell.source == strip_hidden_tests(want["source"])):
        cell.source = want["source"]


class RepairNotebook(NbGraderPreprocessor):
    """Restore nbgrader's cells from the gradebook and start the submission's record."""

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook

        info = resources["nbgrader"]
        grading = resources.get("course_grading", {})
        path = records.record_path(records.records_dir(self.config), info["assignment"],
                                   info["student"], info["notebook"])
        flags, notes = [], []
        if grading.get("unreadable"):
            flags.append(f"notebook unreadable: {grading['unreadable']}")
        for what in grading.get("repairs", []):
            flags.append(f"notebook repaired: {what}")
        with Gradebook(info["db_url"]) as gb:
            source = gb.find_notebook(info["notebook"], info["assignment"])
            truth = self._truth(source)
            kernelspec = json.loads(source.kernelspec) if source.kernelspec else None
        quiet = bool(grading.get("unreadable"))
        self._kernelspec(nb, kernelspec, flags if not quiet else [])
        self._foreign(nb, truth, flags)
        self._duplicates(nb, flags)
        self._cells(nb, truth, flags)
        self._missing(nb, truth, flags if not quiet else [], notes if not quiet else [])
        records.start(path, student=info["student"], assignment=info["assignment"],
                      notebook=info["notebook"], flags=flags, notes=notes,
                      unreadable=grading.get("unreadable"))
        resources.setdefault("course_grading", {})["record"] = str(path)
        return nb, resources

    @staticmethod
    def _truth(source) -> dict[str, dict]:
        points = {g.name: float(g.max_score) for g in source.grade_cells}
        solutions = {s.name for s in source.solution_cells}
        tasks = {t.name for t in source.task_cells}
        truth = {}
        for order, cell in enumerate(source.source_cells):
            meta = {"grade": cell.name in points, "grade_id": cell.name,
                    "locked": bool(cell.locked), "schema_version": 3,
                    "solution": cell.name in solutions, "task": cell.name in tasks}
            if cell.name in points:
                meta["points"] = points[cell.name]
            truth[cell.name] = {"order": order, "cell_type": cell.cell_type,
                                "source": cell.source, "meta": meta}
        return truth

    @staticmethod
    def _kernelspec(nb, kernelspec, flags) -> None:
        theirs = nb.metadata.get("kernelspec")
        name = theirs.get("name") if isinstance(theirs, dict) else theirs
        if kernelspec and name != kernelspec.get("name"):
            flags.append(f"notebook repaired: kernelspec {name!r} replaced by "
                         f"{kernelspec.get('name')!r}")
            nb.metadata["kernelspec"] = kernelspec

    @staticmethod
    def _foreign(nb, truth, flags) -> None:
        """nbgrader metadata the gradebook does not know: the cell becomes the student's own."""
        for cell in nb.cells:
            meta = cell.get("metadata", {})
            if "nbgrader" not in meta:
                continue
            nbg = _nbg(cell)
            gid = nbg.get("grade_id") if nbg else None
            if gid not in truth:
                if nbg and (nbg.get("grade") or nbg.get("solution") or nbg.get("locked")):
                    flags.append(f"cell metadata edited: unknown grade id {gid!r} (graded as "
                                 "the student's own cell)")
                del meta["nbgrader"]

    @staticmethod
    def _duplicates(nb, flags) -> None:
        seen: dict[str, list[int]] = {}
        for i, cell in enumerate(nb.cells):
            nbg = _nbg(cell)
            if nbg:
                seen.setdefault(nbg["grade_id"], []).append(i)
        for gid, where in seen.items():
            if len(where) > 1:
                flags.append(f"cell duplicated: {gid} appears {len(where)} times (the last "
                             "copy is graded, the others run as the student's own cells)")
                for i in where[:-1]:
                    del nb.cells[i].metadata["nbgrader"]

    @staticmethod
    def _cells(nb, truth, flags) -> None:
        for i, cell in enumerate(nb.cells):
            nbg = _nbg(cell)
            if not nbg:
                continue
            gid = nbg["grade_id"]
            want = truth[gid]
            if cell.cell_type != want["cell_type"]:
                flags.append(f"cell retyped: {gid} was a {cell.cell_type} cell, restored to "
                             f"{want['cell_type']}")
                make = (nbformat.v4.new_code_cell if want["cell_type"] == "code"
                        else nbformat.v4.new_markdown_cell)
                new = make(cell.source, metadata=dict(cell.metadata))
                new.id = cell.get("id") or new.id
                nb.cells[i] = cell = new
            edits = [f"{k} was {nbg.get(k)!r}, is {v!r}" for k, v in want["meta"].items()
                     if k in ("grade", "solution", "locked", "points", "task")
                     and k in nbg and _differs(nbg.get(k), v)]
            if "points" in want["meta"] and "points" not in nbg:
                edits.append("points missing")
            if edits:
                flags.append(f"cell metadata edited: {gid} ({'; '.join(edits)}), restored")
            checksum = nbg.get("checksum")
            cell.metadata["nbgrader"] = dict(want["meta"])
            if isinstance(checksum, str):
                cell.metadata["nbgrader"]["checksum"] = checksum
            _unhide_tests(cell, want)

    @staticmethod
    def _missing(nb, truth, flags, notes) -> None:
        restored = []
        present = {(_nbg(c) or {}).get("grade_id"): i for i, c in enumerate(nb.cells)
                   if _nbg(c)}
        ordered = sorted(truth.items(), key=lambda kv: kv[1]["order"])
        for n, (gid, want) in enumerate(ordered):
            if gid in present:
                continue
            meta = want["meta"]
            if not (meta["grade"] or (meta["locked"] and want["cell_type"] == "code")):
                if meta["solution"]:
                    notes.append(f"solution cell {gid} is missing: the function is graded "
                                 "wherever the notebook defines it")
                continue
            make = (nbformat.v4.new_code_cell if want["cell_type"] == "code"
                    else nbformat.v4.new_markdown_cell)
            cell = make(want["source"], metadata={"nbgrader": dict(meta), "deletable": False,
                                                  "editable": False})
            cell.id = f"restored-{uuid.uuid4().hex[:12]}"
            before = [present[g] for g, _ in ordered[:n] if g in present]
            index = max(before) + 1 if before else 0
            nb.cells.insert(index, cell)
            present = {(_nbg(c) or {}).get("grade_id"): i for i, c in enumerate(nb.cells)
                       if _nbg(c)}
            restored.append(gid)
        if restored:
            flags.append(f"cell restored: {', '.join(restored)} "
                         f"{'was' if len(restored) == 1 else 'were'} missing (restored from the "
                         "gradebook)")


def _differs(a, b) -> bool:
    if isinstance(b, float):
        try:
            return float(a) != b
        except (TypeError, ValueError):
            return True
    return bool(a) != bool(b) if isinstance(b, bool) else a != b


def strip_hidden_tests(source: str, begin: str = "BEGIN HIDDEN TESTS",
                       end: str = "END HIDDEN TESTS") -> str:
    """``source`` without its hidden test regions (an unclosed region runs to the end)."""
    out, hidden = [], False
    for line in source.split("\n"):
        if begin in line:
            hidden = True
        elif end in line:
            hidden = False
        elif not hidden:
            out.append(line)
    return "\n".join(out)


class HideTestCode(NbGraderPreprocessor):
    """For feedback: test cells lose their hidden regions, and their errors show only
    ``ename: evalue`` (wrapped as the grader writes its verdicts)."""

    def preprocess_cell(self, cell, resources, index):
        nbg = _nbg(cell)
        if not nbg or not nbg.get("grade") or nbg.get("solution"):
            return cell, resources
        cell.source = strip_hidden_tests(cell.source)
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                out["traceback"] = evidence.error_output(
                    str(out.get("ename", "Error")), str(out.get("evalue", "")))["traceback"]
        return cell, resources
