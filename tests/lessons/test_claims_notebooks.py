"""The notebooks whose claims test_claims_{initialization,normalization,gradient_checking} check
run top to bottom with the solutions, and every figure they show is readable: each is checked
by ``plotting.figure_problems`` (dpi, column width, labelled axes, no overlapping or cut-off
text, no legend over data) as the inline backend renders it, each slider's first frame too."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ["initialization", "normalization", "gradient_checking"]
MARK = "FIGURE-PROBLEMS "

# Run before the notebook: check every figure the inline backend prints, and every slider's
# figure when it is shown.
AUDIT = """\
from matplotlib.backend_bases import FigureCanvasBase as _Canvas
from course_lib.display import plotting as _plotting
from course_lib.display import widgets as _widgets
_FIGURE_PROBLEMS = []
_print_figure, _show = _Canvas.print_figure, _widgets.SliderFigure.show

def _audited_print(self, *args, **kwargs):
    _FIGURE_PROBLEMS.extend(f"cell {get_ipython().execution_count}: {p}"
                            for p in _plotting.figure_problems(self.figure))
    return _print_figure(self, *args, **kwargs)

def _audited_show(self, *args, **kwargs):
    self.frame()
    _FIGURE_PROBLEMS.extend(f"cell {get_ipython().execution_count} (slider): {p}"
                            for p in _plotting.figure_problems(self.fig, tight=False))
    return _show(self, *args, **kwargs)

_Canvas.print_figure, _widgets.SliderFigure.show = _audited_print, _audited_show
"""
REPORT = f"import json as _json\nprint({MARK!r} + _json.dumps(_FIGURE_PROBLEMS))"


def run_audited(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(AUDIT))
    nb.cells.append(nbformat.v4.new_code_cell(REPORT))
    with tempfile.TemporaryDirectory(prefix="course-kernel-") as sockets:
        km = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                ip=os.path.join(sockets, "kernel"))
        client = NotebookClient(nb, km=km, timeout=300, kernel_name="python3",
                                allow_errors=True,
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        finally:  # the client does not own a kernel manager it was given: stop it here
            run_sync(km.shutdown_kernel)(now=True)
    return nb


def problems_of(nb: nbformat.NotebookNode) -> list[str]:
    """Errors and stderr of the notebook's own cells (numbered from 0), then figure problems."""
    problems, figures = [], ["the audit printed nothing"]
    for n, cell in enumerate(nb.cells[1:-1]):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                problems.append(f"cell {n}: {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr":
                problems.append(f"cell {n} wrote to stderr: {out.text[:300]}")
    for out in nb.cells[-1].outputs:
        if out.output_type == "stream" and out.text.startswith(MARK):
            figures = json.loads(out.text[len(MARK):])
    return problems + figures


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_runs_clean_with_readable_figures(name):
    nb = run_audited(ROOT / "source" / name / f"{name}.ipynb")
    problems = problems_of(nb)
    assert not problems, "\n".join(problems)
