"""Run a notebook headless and read what went wrong in its outputs (used by the notebook tests).

``run_notebook`` starts a kernel over IPC (no TCP port), runs every cell (errors are kept in
the outputs rather than raised), stops the kernel and returns the executed notebook with the
run-all time; ``first``/``last`` add cells before and after the notebook's own.
``output_problems`` lists errors, anything on stderr, widgets shown without a static figure
and, if asked, figures wider than a number of pixels.

To check every figure a notebook shows, run it with ``first=AUDIT, last=REPORT``: ``AUDIT``
wraps matplotlib's ``print_figure`` (what the inline backend calls for each figure) and
``SliderFigure.show`` so that each figure goes through ``plotting.figure_problems`` before it
is shown, ``REPORT`` prints what was found and the kernel's CPU seconds for the notebook's
cells, and ``audit_report`` reads both back.
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
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync
from nbclient import NotebookClient

WIDGET = "application/vnd.jupyter.widget-view+json"
MARK = "FIGURE-PROBLEMS "

AUDIT = """\
import time as _time
from matplotlib.backend_bases import FigureCanvasBase as _Canvas
from course_lib.display import plotting as _plotting
from course_lib.display import widgets as _widgets
_FIGURE_PROBLEMS = []
_print_figure, _show = _Canvas.print_figure, _widgets.SliderFigure.show

def _audited_print(self, *args, **kwargs):
    _FIGURE_PROBLEMS.extend(f"execution {get_ipython().execution_count}: {p}"
                            for p in _plotting.figure_problems(self.figure))
    return _print_figure(self, *args, **kwargs)

def _audited_show(self, *args, **kwargs):
    self.frame()
    _FIGURE_PROBLEMS.extend(f"execution {get_ipython().execution_count} (slider): {p}"
                            for p in _plotting.figure_problems(self.fig, tight=False))
    return _show(self, *args, **kwargs)

_Canvas.print_figure, _widgets.SliderFigure.show = _audited_print, _audited_show
_CPU = _time.process_time()
"""
REPORT = (f"import json as _json\nprint({MARK!r} + _json.dumps("
          "{'problems': _FIGURE_PROBLEMS, 'cpu': _time.process_time() - _CPU}))")


def audit_report(nb) -> tuple[list[str], float]:
    """``(figure problems, kernel CPU seconds)`` that ``REPORT`` printed in the last cell of
    ``nb`` (the CPU time of the notebook's own cells: what the notebook costs, whatever else
    the machine is doing)."""
    for out in nb.cells[-1].outputs:
        if out.output_type == "stream" and out.text.startswith(MARK):
            report = json.loads(out.text[len(MARK):])
            return report["problems"], report["cpu"]
    return ["the figure audit printed nothing (was the notebook run with AUDIT and REPORT?)"], 0.0


def run_notebook(path: Path, *, first: str | None = None, last: str | None = None
                 ) -> tuple[nbformat.NotebookNode, float]:
    """Execute ``path``; returns ``(notebook, run-all seconds)`` (kernel start not counted)."""
    nb = nbformat.read(path, as_version=4)
    if first is not None:
        nb.cells.insert(0, nbformat.v4.new_code_cell(first))
    if last is not None:
        nb.cells.append(nbformat.v4.new_code_cell(last))
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


def _png_width(data: dict) -> int:
    from PIL import Image

    return Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).size[0]


def output_problems(cells, max_px: int | None = None) -> list[str]:
    """One sentence per problem found in the outputs of ``cells`` (numbered from 0)."""
    problems = []
    for n, cell in enumerate(cells):
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
            if max_px and "image/png" in data and _png_width(data) > max_px:
                problems.append(f"cell {n}: a {_png_width(data)} px wide figure")
        if WIDGET in kinds and "image/png" not in kinds:
            problems.append(f"cell {n}: a widget without a static figure")
    return problems
