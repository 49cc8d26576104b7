"""The lecture notebooks run headless top to bottom, quickly, with readable figures.

Each notebook runs once (a kernel per notebook) with two cells added around it: the first wraps
matplotlib's ``print_figure`` (what the inline backend calls for every figure it shows) and
``SliderFigure.show`` so that each figure is checked by ``plotting.figure_problems`` before it
is shown; the last prints what was found. The tests then read the outputs: no error, nothing on
stderr, no figure problem, every PNG within the notebook column, every slider with its static
first frame, and a run-all time within budget.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from notebook_run import output_problems, run_notebook

from course_lib.display import plotting

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
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


_runs: dict[Path, tuple] = {}


def executed(path: Path):
    """``path`` run once with the audit cells: ``(notebook, run-all seconds)``."""
    if path not in _runs:
        _runs[path] = run_notebook(path, first=AUDIT, last=REPORT)
    return _runs[path]


def _figure_problems(nb) -> list[str]:
    for out in nb.cells[-1].outputs:
        if out.output_type == "stream" and out.text.startswith(MARK):
            return json.loads(out.text[len(MARK):])
    return ["the audit printed nothing"]


def test_there_are_lecture_notebooks():
    assert len(NOTEBOOKS) >= 5


@pytest.mark.xdist_group("lecture-notebooks")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_clean_fast_and_readable(path):
    nb, elapsed = executed(path)
    problems = output_problems(nb.cells[1:-1], max_px=plotting.COLUMN_PX)
    problems += _figure_problems(nb)
    if elapsed > BUDGET_S:
        problems.append(f"run-all took {elapsed:.1f} s, more than {BUDGET_S:g} s")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_uses_course_lib_and_selfcheck(path):
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    assert "from course_lib" in text
    assert "selfcheck.answer(" in text
    # Training goes through nn.train (directly or via course_lib.lessons): no hand-written loop
    # calling update_parameters, and sliders go through SliderFigure, never ipywidgets by hand.
    assert "update_parameters" not in text
    assert "ipywidgets" not in text
