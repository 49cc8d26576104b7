"""Every source notebook runs headless top to bottom: no error, nothing on stderr,
and a widget never stands alone (a static figure comes with it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from notebook_run import output_problems, run_notebook

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
# The lecture notebooks run in test_lecture_notebooks.py (with their figures checked too).
NOTEBOOKS = sorted(ROOT.glob("source/*/*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_runs_clean(path):
    nb, _ = run_notebook(path)
    problems = output_problems(nb.cells)
    assert not problems, "\n".join(problems)
