"""Every source notebook runs headless top to bottom with the solutions: no error, nothing on
stderr, a widget never stands alone (a static figure comes with it), and every figure it shows
is readable (``plotting.figure_problems``: dpi, column width, labelled axes, no overlapping or
cut-off text, no legend over data), each slider's first frame too."""

from __future__ import annotations

from pathlib import Path

import pytest
from notebook_run import AUDIT, REPORT, audit_report, output_problems, run_notebook

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# The lecture notebooks run in test_lecture_notebooks.py (with their figures checked too).
NOTEBOOKS = sorted(ROOT.glob("source/*/*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_runs_clean_with_readable_figures(path):
    nb, _ = run_notebook(path, first=AUDIT, last=REPORT)
    problems = output_problems(nb.cells[1:-1], max_px=900)
    figures, _cpu = audit_report(nb)
    assert not problems + figures, "\n".join(problems + figures)
