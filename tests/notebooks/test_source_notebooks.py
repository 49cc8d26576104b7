"""Every source and lecture notebook runs headless top to bottom: no error, nothing on stderr,
and a widget never stands alone (a static figure comes with it)."""

from __future__ import annotations

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
NOTEBOOKS = sorted(ROOT.glob("source/*/*.ipynb")) + sorted(ROOT.glob("notebooks/*.ipynb"))
WIDGET = "application/vnd.jupyter.widget-view+json"


def run_notebook(path: Path):
    nb = nbformat.read(path, as_version=4)
    # IPC transport: no TCP port, and no "running over TCP without encryption" warning.
    with tempfile.TemporaryDirectory(prefix="course-kernel-") as sockets:
        km = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                ip=os.path.join(sockets, "kernel"))
        client = NotebookClient(nb, km=km, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        try:
            client.execute()
        finally:  # the client does not own a kernel manager it was given: stop it here
            run_sync(km.shutdown_kernel)(now=True)
    return nb


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_runs_clean(path):
    nb = run_notebook(path)
    problems = []
    for n, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        kinds = set()
        for out in cell.outputs:
            if out.output_type == "error":
                problems.append(f"cell {n}: {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr":
                problems.append(f"cell {n} wrote to stderr: {out.text[:300]}")
            kinds.update(out.get("data", {}))
        if WIDGET in kinds and "image/png" not in kinds:
            problems.append(f"cell {n}: a widget without a static figure")
    assert not problems, "\n".join(problems)
