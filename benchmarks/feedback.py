"""The feedback page of one graded notebook: nbconvert's HTML exporter and the course's
(course_lib/grading/plugins/feedback.py), side by side in one run.

    python benchmarks/feedback.py [repeats]

Renders the solved dropout source notebook (its lesson's plots included, as a student's
executed notebook has them) with nbgrader's feedback template base (classic), ``repeats``
times each way, alternating; prints the median CPU time per page.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from nbconvert.exporters import HTMLExporter
from traitlets.config import Config

from course_lib.grading.plugins.feedback import FeedbackExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "source" / "dropout" / "dropout.ipynb"
sys.path.insert(0, str(ROOT / "tests"))

from notebook_run import run_notebook  # noqa: E402


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    nb, _ = run_notebook(NOTEBOOK)  # executed headless, so that its figures are in it
    config = Config()
    config.HTMLExporter.template_name = "classic"
    exporters = {"nbconvert's HTMLExporter": HTMLExporter(config=config),
                 "the course's FeedbackExporter": FeedbackExporter(config=config)}
    times: dict[str, list[float]] = {label: [] for label in exporters}
    for _ in range(repeats):
        for label, exporter in exporters.items():
            started = time.process_time()
            exporter.from_notebook_node(nb)
            times[label].append(time.process_time() - started)
    images = sum(1 for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get(
        "data", {}))
    print(f"{NOTEBOOK.relative_to(ROOT)} ({images} figures), median of {repeats}:")
    for label, values in times.items():
        print(f"  {label:<32} {1000 * statistics.median(values):7.1f} ms CPU per page")


if __name__ == "__main__":
    main()
