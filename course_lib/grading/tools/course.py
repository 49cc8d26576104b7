"""Driving nbgrader for a course folder: release, submit, autograde, read the gradebook.

Every step calls the real ``nbgrader`` command in the course folder, exactly as an instructor
would; this module only adds the bookkeeping around it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from course_lib.instructor.hidden_checks import ASSIGNMENTS, parse_grade_id

__all__ = ["nbgrader", "assignments_with_source", "generate_release", "make_course_copy",
           "COPY_MARKER", "NotACourseCopy", "submit", "autograde", "Score", "read_scores",
           "function_of", "gradebook_url"]


def _env() -> dict:
    # nbgrader_config.py puts nbgrader's own environment first on PATH (alembic).
    env = dict(os.environ)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def _run(cmd: list[str], cwd: Path | str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)


#: How :func:`nbgrader` starts a command: ``launcher(cmd, cwd, env)`` returns the finished
#: process with its text output. The test suite, which runs dozens of commands, installs one
#: that forks them from an interpreter that has imported nbgrader already
#: (``tests/warm_nbgrader.py``); the command line and its environment are the same.
launcher = _run


def nbgrader(root: Path | str, *args: str, check: bool = True, quiet: bool = True
             ) -> subprocess.CompletedProcess:
    """Run ``nbgrader <args>`` in the course folder ``root``; raise with its log on failure."""
    cmd = [sys.executable, "-m", "nbgrader", *args]
    if quiet:
        cmd.append("--log-level=WARN")
    proc = launcher(cmd, root, _env())
    if check and proc.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed ({proc.returncode}):\n"
                           f"{proc.stdout}\n{proc.stderr}")
    return proc


def assignments_with_source(root: Path | str) -> list[str]:
    """Assignments of the course whose source notebook exists, in course order."""
    root = Path(root)
    return [a for a in ASSIGNMENTS if (root / "source" / a / f"{a}.ipynb").exists()]


def generate_release(root: Path | str, assignments: list[str] | None = None) -> list[str]:
    """``nbgrader generate_assignment`` for each assignment (default: all with a source)."""
    assignments = assignments_with_source(root) if assignments is None else assignments
    for a in assignments:
        nbgrader(root, "generate_assignment", a, "--force")
    return assignments


#: Left in every folder :func:`make_course_copy` makes: only such a folder is ever replaced.
COPY_MARKER = ".course-copy"


class NotACourseCopy(FileExistsError):
    """The target folder exists, holds files, and was not made by :func:`make_course_copy`."""


def _check_target(root: Path, target: Path) -> None:
    """Refuse any target whose replacement would delete what this module did not create."""
    if target == root or root.is_relative_to(target):
        raise NotACourseCopy(f"refusing to make a course copy at {target}: it holds the course "
                             f"{root} itself; choose a new folder (e.g. --course-dir demo)")
    if target.exists() and not target.is_dir():
        raise NotACourseCopy(f"refusing to make a course copy at {target}: it is a file")
    if target.is_dir() and any(target.iterdir()) and not (target / COPY_MARKER).is_file():
        raise NotACourseCopy(
            f"refusing to make a course copy at {target}: the folder exists, is not empty and "
            f"was not made by a course copy (no {COPY_MARKER} file), so it is never deleted; "
            "choose a new or empty folder, or delete this one yourself")


def make_course_copy(root: Path | str, target: Path | str) -> Path:
    """A fresh course folder at ``target`` with this course's config and sources (no
    gradebook, no submissions): what the demo and the pipeline tests grade in.

    ``target`` may be new, empty, or an earlier copy (it holds :data:`COPY_MARKER`), which is
    replaced; any other existing folder raises :class:`NotACourseCopy` and is left untouched."""
    root, target = Path(root).resolve(), Path(target).resolve()
    _check_target(root, target)
    if (target / COPY_MARKER).is_file():
        shutil.rmtree(target)
    target.mkdir(parents=True, exist_ok=True)
    (target / COPY_MARKER).write_text("A course copy made by course_lib.grading.tools.course; "
                                      "the next copy to this folder replaces it.\n")
    shutil.copy2(root / "nbgrader_config.py", target / "nbgrader_config.py")
    shutil.copytree(root / "source", target / "source", ignore=_not_course_files)
    return target


def _not_course_files(folder: str, names: list[str]) -> set[str]:
    """Checkpoints, caches and anything that is not a plain file or folder (kernel sockets)."""
    skip = {".ipynb_checkpoints", "__pycache__"}
    return {n for n in names if n in skip or not (os.path.isfile(os.path.join(folder, n))
                                                  or os.path.isdir(os.path.join(folder, n)))}


def submit(root: Path | str, student: str, assignment: str, nb) -> Path:
    """Place a notebook where nbgrader collects it: ``submitted/<student>/<a>/<a>.ipynb``."""
    folder = Path(root) / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{assignment}.ipynb"
    if isinstance(nb, (str, bytes)):
        path.write_text(nb if isinstance(nb, str) else nb.decode("utf-8", "replace"))
    else:
        nbformat.write(nb, path)
    return path


def autograde(root: Path | str, assignment: str) -> subprocess.CompletedProcess:
    """``nbgrader autograde <assignment> --force`` for every submitted student."""
    return nbgrader(root, "autograde", assignment, "--force", check=False)


@dataclass(frozen=True)
class Score:
    student: str
    assignment: str
    grade_id: str
    score: float
    max_score: float


def function_of(grade_id: str) -> str:
    """The graded function a test cell belongs to (``test_<f>__<aspect>`` -> ``f``)."""
    parsed = parse_grade_id(grade_id)
    if parsed:
        return parsed[0]
    return grade_id[len("test_"):] if grade_id.startswith("test_") else grade_id


def gradebook_url(root: Path | str) -> str | None:
    """The gradebook's database URL of the course at ``root``: ``CourseDirectory.db_url`` of its
    ``nbgrader_config.py`` (SQLite, PostgreSQL, ...), else nbgrader's default
    ``<root>/gradebook.db``; None when that default SQLite file does not exist (nothing graded)."""
    from traitlets.config.loader import PyFileConfigLoader

    root = Path(root).resolve()
    url = None
    if (root / "nbgrader_config.py").is_file():
        config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
        url = config.CourseDirectory.get("db_url") or None
    url = url or f"sqlite:///{root / 'gradebook.db'}"
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        return None
    return url


def read_scores(root: Path | str) -> list[Score]:
    """Every autograded test-cell score in the gradebook of the course at ``root``."""
    from nbgrader.api import Gradebook, MissingEntry

    url = gradebook_url(root)
    if url is None:
        return []
    scores = []
    with Gradebook(url) as gb:
        for assignment in gb.assignments:
            for student in gb.students:
                try:
                    submission = gb.find_submission(assignment.name, student.id)
                except MissingEntry:
                    continue
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        scores.append(Score(student.id, assignment.name, grade.name,
                                            float(grade.score or 0.0),
                                            float(grade.max_score)))
    return scores
