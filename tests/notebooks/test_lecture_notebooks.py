"""The lecture notebooks run headless top to bottom, quickly, with readable figures.

Each notebook runs once (a kernel per notebook) with two cells added around it: the first wraps
matplotlib's ``print_figure`` (what the inline backend calls for every figure it shows) and
``SliderFigure.show`` so that each figure is checked by ``plotting.figure_problems`` before it
is shown; the last prints what was found. The tests then read the outputs: no error, nothing on
stderr, no figure problem, every PNG within the notebook column, every slider with its static
first frame, and a run-all time within budget.
"""

from __future__ import annotations

import base64
import io
import json
import os
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from PIL import Image

from course_lib.display import plotting

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
WIDGET = "application/vnd.jupyter.widget-view+json"
#: Run-all budget per notebook, seconds (about 5-8 s on an idle machine; slack for a busy CI).
BUDGET_S = 30.0
MARK = "FIGURE-PROBLEMS "

AUDIT = """\
from matplotlib.backend_bases import FigureCanvasBase as _Canvas
from course_lib.display import plotting as _plotting
from course_lib.display import widgets as _widgets
_FIGURE_PROBLEMS = []
_print_figure, _show = _Canvas.print_figure, _widgets.SliderFigure.show

def _audited_print(self, *args, **kwargs):
    cell = get_ipython().execution_count
    _FIGURE_PROBLEMS.extend(f"cell {cell}: {p}" for p in _plotting.figure_problems(self.figure))
    return _print_figure(self, *args, **kwargs)

def _audited_show(self, *args, **kwargs):
    cell = get_ipython().execution_count
    self.frame()
    _FIGURE_PROBLEMS.extend(f"cell {cell} (slider): {p}"
                            for p in _plotting.figure_problems(self.fig, tight=False))
    return _show(self, *args, **kwargs)

_Canvas.print_figure, _widgets.SliderFigure.show = _audited_print, _audited_show
"""
REPORT = f"import json as _json\nprint({MARK!r} + _json.dumps(_FIGURE_PROBLEMS))"


def run_audited(path: Path) -> tuple[nbformat.NotebookNode, float]:
    """Run ``path`` with the audit cells; returns the executed notebook (audit cells removed,
    so cell numbers are the notebook's own) and the run-all time in seconds."""
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
            with client.setup_kernel():
                started = time.perf_counter()
                for index, cell in enumerate(nb.cells):
                    client.execute_cell(cell, index)
                elapsed = time.perf_counter() - started
        finally:  # the client does not own a kernel manager it was given: stop it here
            run_sync(km.shutdown_kernel)(now=True)
    return nb, elapsed


_runs: dict[Path, tuple] = {}


def executed(path: Path):
    if path not in _runs:
        _runs[path] = run_audited(path)
    return _runs[path]


def _problems(nb) -> tuple[list[str], list[str]]:
    """(problems of the notebook's own cells, figure problems found by the audit)."""
    problems, figures = [], []
    for n, cell in enumerate(nb.cells[1:-1]):
        if cell.cell_type != "code":
            continue
        kinds = set()
        for out in cell.outputs:
            if out.output_type == "error":
                problems.append(f"cell {n}: {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr":
                problems.append(f"cell {n} wrote to stderr: {out.text[:300]}")
            data = out.get("data", {})
            kinds.update(data)
            if "image/png" in data:
                width, _ = Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).size
                if width > plotting.COLUMN_PX:
                    problems.append(f"cell {n}: a {width} px wide figure")
        if WIDGET in kinds and "image/png" not in kinds:
            problems.append(f"cell {n}: a widget without a static figure")
    for out in nb.cells[-1].outputs:
        if out.output_type == "stream" and out.text.startswith(MARK):
            figures += json.loads(out.text[len(MARK):])
    return problems, figures


def test_there_are_lecture_notebooks():
    assert len(NOTEBOOKS) >= 5


@pytest.mark.xdist_group("lecture-notebooks")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_clean_and_fast(path):
    nb, elapsed = executed(path)
    problems, _ = _problems(nb)
    assert not problems, "\n".join(problems)
    assert elapsed < BUDGET_S, f"run-all took {elapsed:.1f} s"


@pytest.mark.xdist_group("lecture-notebooks")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_figures_are_readable(path):
    nb, _ = executed(path)
    _, figures = _problems(nb)
    assert not figures, "\n".join(figures)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_uses_course_lib_and_selfcheck(path):
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    assert "from course_lib" in text
    assert "selfcheck.answer(" in text
    assert "plotting.use_course_style()" in text
    # Training goes through nn.train (directly or via course_lib.lessons): no hand-written loop
    # calling update_parameters, and sliders go through SliderFigure, never ipywidgets by hand.
    assert "update_parameters" not in text
    assert "ipywidgets" not in text
