"""The lecture notebooks run headless top to bottom, quickly, with readable figures.

Each notebook runs once (a kernel per notebook) with two cells added around it: the first wraps
matplotlib's ``print_figure`` (what the inline backend calls for every figure it shows) and
``SliderFigure.show`` so that each figure is checked by ``plotting.figure_problems`` before it
is shown; the last prints what was found. The tests then read the outputs: no error, nothing on
stderr, no figure problem, every PNG within the notebook column, every slider with its static
first frame, and a run-all cost (kernel CPU seconds) within budget. Without running them, each
reads as a lesson: goals, a predict-then-run question, a summary, links that resolve, and a link
to the next lecture.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from notebook_run import AUDIT, REPORT, audit_report, output_problems, run_notebook

from course_lib.display import plotting

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: Budget per notebook: the kernel's CPU seconds for all cells (2-6 s today), so that a busy
#: machine does not fail the test; the wall clock only has to stay below a generous bound.
CPU_BUDGET_S = 10.0
WALL_BUDGET_S = 120.0

def test_there_are_lecture_notebooks():
    assert len(NOTEBOOKS) >= 5


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_clean_fast_and_readable(path):
    nb, elapsed = run_notebook(path, first=AUDIT, last=REPORT)
    problems = output_problems(nb.cells[1:-1], max_px=plotting.COLUMN_PX)
    figures, cpu = audit_report(nb)
    problems += figures
    if cpu > CPU_BUDGET_S:
        problems.append(f"run-all costs {cpu:.1f} s of kernel CPU, more than {CPU_BUDGET_S:g} s")
    if elapsed > WALL_BUDGET_S:
        problems.append(f"run-all took {elapsed:.1f} s, more than {WALL_BUDGET_S:g} s")
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


LINK = re.compile(r"\]\(([^)#\s]+\.ipynb)\)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_reads_as_a_lesson(path):
    """What every lecture has: a list of what the student will learn, a predict-then-run
    question, a summary, and links (to the next lecture, or back to its assignment) that
    resolve; no path into tests/, which students do not get."""
    cells = nbformat.read(path, as_version=4).cells
    markdown = "\n".join(c.source for c in cells if c.cell_type == "markdown")
    assert "you will" in cells[0].source or "looks at" in cells[0].source, "no list of goals"
    assert "**Predict, then run.**" in markdown
    assert "## Summary" in markdown
    links = LINK.findall(markdown)
    assert links, "no link to the next notebook or back to the assignment"
    for link in links:
        assert (path.parent / link).resolve().is_file(), f"broken link {link}"
    assert "tests/" not in markdown


def test_each_lecture_links_to_the_next():
    for this, following in zip(NOTEBOOKS, NOTEBOOKS[1:], strict=False):
        last = nbformat.read(this, as_version=4).cells[-1].source
        assert f"Next: [{following.stem}]({following.name})" in last, this.name
