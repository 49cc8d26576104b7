"""What a student meets in a release notebook, in a real kernel.

- A blank release run cell by cell never shows a traceback: each error is one short message
  that names a graded function of the notebook (and every check and graded test cell names its
  own function); the sliders print what to finish.
- The release with every solution filled in runs without an error, and every graded test cell
  reports its visible check passed.
- ``nbgrader validate`` (what the Validate button runs) fails on a blank release naming every
  graded function, passes on a correct notebook, and fails on one wrong function naming it.

Each notebook is executed once per module (``executed``) and shared by the tests that read it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

from course_lib.grading.tools.submissions import build_submission, parse_case

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ASSIGNMENTS = ("initialization", "regularization", "dropout", "gradient_checking",
               "normalization")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_BY_ASSIGNMENT = [pytest.param(a, marks=pytest.mark.xdist_group(f"release-{a}"))
                  for a in ASSIGNMENTS]


def graded_functions(assignment: str) -> list[str]:
    nb = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"]


def notebook(assignment: str, case: str | None):
    """The blank release (``case`` None) or the release as a submission case makes it."""
    release = nbformat.read(ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    if case is None:
        return release
    source = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    return build_submission(parse_case(ROOT / "tests" / "submissions" / assignment
                                       / f"{case}.py"), source, release)


def execute(nb, folder: Path):
    """Run every cell (errors allowed, as Run All with "continue on error")."""
    with tempfile.TemporaryDirectory(prefix="course-kernel-") as sockets:
        km = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                ip=os.path.join(sockets, "kernel"))
        client = NotebookClient(nb, km=km, timeout=300, kernel_name="python3",
                                allow_errors=True, resources={"metadata": {"path": str(folder)}})
        try:
            client.execute()
        finally:
            run_sync(km.shutdown_kernel)(now=True)
    return nb


_executed: dict = {}


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    def get(assignment: str, case: str | None):
        key = (assignment, case)
        if key not in _executed:
            folder = tmp_path_factory.mktemp(f"{assignment}-{case or 'blank'}")
            _executed[key] = execute(notebook(assignment, case), folder)
        return _executed[key]
    return get


def _grade_id(cell) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") or ""


def _own_function(cell, functions) -> str | None:
    """The graded function a check or graded test cell is about."""
    if _grade_id(cell).startswith(("check_", "test_")):
        return next((f for f in sorted(functions, key=len, reverse=True)
                     if f"({f})" in cell.source), None)
    return None


@pytest.mark.parametrize("assignment", _BY_ASSIGNMENT)
def test_a_blank_release_guides_instead_of_breaking(assignment, executed):
    nb = executed(assignment, None)
    functions = graded_functions(assignment)
    problems, named = [], set()
    for n, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        label = _grade_id(cell) or cell.get("id") or f"#{n}"
        errors = [o for o in cell.outputs if o.output_type == "error"]
        text = "\n".join(_ANSI.sub("", "\n".join(o.traceback)) for o in errors)
        for o in errors:
            if o.ename != "NotDoneYet" or len(o.traceback) != 1:
                problems.append(f"{label}: {o.ename} with a traceback of {len(o.traceback)} "
                                f"lines: {text[-300:]}")
        said = [f for f in functions if f"`{f}`" in text]
        own = _own_function(cell, functions)
        if own is not None and own not in said:
            problems.append(f"{label}: does not say that `{own}` is not done yet: {text!r}")
        if errors and not said:
            problems.append(f"{label}: names no graded function: {text[:300]}")
        named.update(said)
        for o in cell.outputs:
            if o.output_type == "stream" and "could not train" in o.text:
                if not any(f in o.text for f in functions):
                    problems.append(f"{label}: the slider names no graded function: {o.text}")
    assert not problems, "\n".join(problems)
    assert named == set(functions)


@pytest.mark.parametrize("assignment", _BY_ASSIGNMENT)
def test_a_solved_release_runs_clean(assignment, executed):
    nb = executed(assignment, "ok_solutions")
    functions = graded_functions(assignment)
    problems = []
    for n, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        label = _grade_id(cell) or cell.get("id") or f"#{n}"
        for o in cell.outputs:
            if o.output_type == "error":
                problems.append(f"{label}: {o.ename}: {o.evalue[:300]}")
        if _grade_id(cell).startswith("test_"):
            out = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
            if "All visible checks passed." not in out:
                problems.append(f"{label}: the visible check did not report ({out[:200]!r})")
            if _own_function(cell, functions) is None:
                problems.append(f"{label}: does not call the visible check of its function")
    assert not problems, "\n".join(problems)


# --- nbgrader validate -----------------------------------------------------------------------

VALIDATED = "normalization"  # the quickest notebook to run


def validate(assignment: str, case: str | None, folder: Path) -> tuple[str, dict[str, str]]:
    """``nbgrader validate`` on the notebook: its output and ``{cell source: error}`` for each
    failed cell (the error's lines joined: it cuts lines longer than 87 characters, so our
    messages are wrapped)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    nbformat.write(notebook(assignment, case), path)
    nbgrader = Path(sys.executable).with_name("nbgrader")
    proc = subprocess.run([str(nbgrader), "validate", str(path)], cwd=ROOT, text=True,
                          capture_output=True, timeout=600)
    out = _ANSI.sub("", proc.stdout)
    failed = {source: " ".join(error.split()) for source, error in re.findall(
        r"The following cell failed:\n\n(.*?)\n\nThe error was:\n\n(.*?)(?=\n\n=+|\Z)", out,
        re.S)}
    return out + proc.stderr[-2000:], failed


@pytest.mark.xdist_group("release-validate")
def test_validate_fails_on_a_blank_release_naming_every_function(tmp_path):
    out, failed = validate(VALIDATED, None, tmp_path)
    assert "VALIDATION FAILED" in out, out[-3000:]
    errors = "\n".join(failed.values())
    for function in graded_functions(VALIDATED):
        assert f"`{function}` is not done yet" in errors, (function, out[-3000:])
    assert "Traceback" not in errors and "..." not in errors


@pytest.mark.xdist_group("release-validate")
def test_validate_passes_on_a_correct_notebook(tmp_path):
    out, failed = validate(VALIDATED, "ok_solutions", tmp_path)
    assert "Success! Your notebook passes all the tests." in out, out[-3000:]
    assert not failed


@pytest.mark.xdist_group("release-validate")
def test_validate_fails_on_one_wrong_function_naming_it(tmp_path):
    out, failed = validate(VALIDATED, "lose_normalize_variance", tmp_path)
    assert "VALIDATION FAILED" in out and failed, out[-3000:]
    for source, error in failed.items():
        assert "normalize_inputs(normalize_inputs)" in source, source
        assert "`normalize_inputs`" in error or "normalize_inputs(X" in error, error
        assert "divides by the variance" in error, error
