"""nbgrader configuration of the course: run every nbgrader command from this folder."""

import os
import sys

c = get_config()  # noqa: F821 (provided by nbgrader)

ROOT = os.path.dirname(os.path.abspath(__file__))

# nbgrader runs tools of its own environment by name (alembic, to create the gradebook): put
# that environment first on PATH, so `.venv/bin/nbgrader ...` works without activating it.
_BIN = os.path.dirname(sys.executable)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")

c.CourseDirectory.root = ROOT
c.CourseDirectory.course_id = "practical-deep-learning"
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(ROOT, "gradebook.db")

# Files of an assignment folder that are never copied (kernel sockets included).
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback",
                            "kernel-ipc*", "*.sock"]

# What students see in place of a solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Autograding is trusted (docs/trusted-grading.md): student code runs only in a sandbox (no
# network, no access to this folder, limits on time, memory, processes, files and output), and
# every hidden test is judged outside the kernel on fresh inputs. Submissions are read and
# repaired first, so one broken or hostile notebook never stops the batch. What the grader saw
# per submission is kept in grading_records/ for `course_lib.grading.tools.report`.
from nbconvert.preprocessors import (  # noqa: E402
    ClearMetadataPreprocessor,
    CSSHTMLHeaderPreprocessor,
)
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    ClearOutput,
    DeduplicateIds,
    GetGrades,
    LimitOutput,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from course_lib.grading.parallel.execute import ParallelExecute  # noqa: E402
from course_lib.grading.plugins.feedback import FeedbackExporter  # noqa: E402
from course_lib.grading.plugins.gradebook import share_engines  # noqa: E402
from course_lib.grading.plugins.preprocessors import (  # noqa: E402
    CheckCellMetadata,
    HideTestCode,
    RepairNotebook,
    SafeNotebookExporter,
)

# nbgrader opens a new gradebook connection for each step of each notebook; one SQLAlchemy
# engine per gradebook keeps its compiled queries for the whole command (a quarter less CPU time
# in `nbgrader autograde` itself; course_lib/grading/plugins/gradebook.py).
share_engines()

c.Autograde.exporter_class = SafeNotebookExporter
# CheckCellMetadata is nbgrader's check with its JSON schema compiled once, not once per cell.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    RepairNotebook,
    DeduplicateIds,
    OverwriteKernelspec,
    OverwriteCells,
    CheckCellMetadata,
]
# ParallelExecute is TrustedExecute with the sandbox runs of a batch on Dask (a local cluster
# sized to the machine, or c.ParallelExecute.dask_scheduler = "tcp://..."; see
# course_lib/grading/parallel); grades are the same as serial grading.
c.Autograde.autograde_preprocessors = [
    ParallelExecute,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
# Limits of the sandbox: each field of course_lib.grading.sandbox.isolate.Limits is a trait,
# c.TrustedExecute.<field>, whose default is the field's (the only place defaults are written).
# Set here only what this course changes: a whole notebook may take 10 minutes of wall time
# and 15 of CPU time (the lesson's experiment cells, tagged "lesson", are not run).
c.TrustedExecute.notebook_timeout = 600
c.TrustedExecute.cpu_seconds = 900

# Feedback shows the trusted verdicts, never hidden test code. Its page is nbconvert's HTML with
# the last pass (alt text for images) done without parsing the whole page: half the CPU time.
c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor, HideTestCode]
c.GenerateFeedback.exporter_class = FeedbackExporter
