"""nbgrader configuration of the course: run every nbgrader command from this folder."""

import os

c = get_config()  # noqa: F821 (provided by nbgrader)

ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = ROOT
c.CourseDirectory.course_id = "practical-deep-learning"
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(ROOT, "gradebook.db")

# Files of an assignment folder that are never copied (kernel sockets included).
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback",
                            "kernel-ipc*", "*.sock"]

# What students see in place of a solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Autograding: per-cell time limit of the in-notebook run; the notebook keeps going after an
# error so that every test cell gets its own score.
c.ExecutePreprocessor.timeout = 60
c.Execute.interrupt_on_timeout = True

# Autograde runs the graded path only: the lesson's experiment cells (tagged "lesson") are
# kept in the notebook but not executed.
from nbconvert.preprocessors import ClearMetadataPreprocessor  # noqa: E402
from nbgrader.preprocessors import (  # noqa: E402
    AssignLatePenalties,
    CheckCellMetadata,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

from course_lib.grading.preprocessors import LessonAwareExecute  # noqa: E402

c.Autograde.autograde_preprocessors = [
    LessonAwareExecute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
