from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("MPLBACKEND", "Agg")
# Courses graded here go through Dask as a class would (ParallelExecute's local cluster), with
# one worker process: the suite already runs a pytest worker per core plus one, and each extra
# Dask worker is a process start (imports, its zygote) per autograde. The Dask tests start
# their own clusters of several workers (tests/grading/parallel).
os.environ.setdefault("COURSE_DASK_WORKERS", "1")

import sandbox_support  # noqa: E402
import session_cache  # noqa: E402
import warm_nbgrader  # noqa: E402
from pipeline import grade_cases  # noqa: E402
from sandbox_support import require_sandbox  # noqa: E402, F401 (the fixture of needs_sandbox)

from course_lib.grading.tools import course  # noqa: E402

_graded: dict = {}


def pytest_sessionfinish(session):
    """On the controller (or a run without xdist), after every worker is done: remove what
    tests planted in the machine's site-packages (tests/grading/sandbox/test_allowlist.py)."""
    if not hasattr(session.config, "workerinput"):
        sandbox_support.remove_planted_course_libs()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Tests that use the same graded course (the ``graded`` fixture, one per assignment) run
    on one xdist worker, so each assignment is graded once per test session. First among the
    hooks: xdist's loadgroup reads the ``xdist_group`` marks in its own hook of this name."""
    for item in items:
        if "graded" in getattr(item, "fixturenames", ()):
            assignment = getattr(item, "callspec", None) and item.callspec.params.get("assignment")
            item.add_marker(pytest.mark.xdist_group(f"graded-{assignment}"))


_lost_groups: list[str] = []


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    """On an xdist worker with ``--dist loadgroup``, every test with an ``xdist_group`` mark
    must carry its group in its node id (how xdist sends a group to one worker); otherwise
    grouping is silently lost (pytest-xdist#1386) and every worker would redo the shared work."""
    if os.environ.get("PYTEST_XDIST_WORKER") and session.config.getvalue("loadgroup"):
        _lost_groups.extend(item.nodeid for item in session.items
                            if item.get_closest_marker("xdist_group") and "@" not in item.nodeid)


@pytest.fixture(autouse=True, scope="session")
def _grouping_holds():
    """Every test fails, saying why, when the worker lost the xdist groups."""
    if _lost_groups:
        pytest.fail(f"--dist loadgroup lost the xdist_group of {len(_lost_groups)} tests "
                    f"(first: {_lost_groups[0]}): this pytest and pytest-xdist do not group "
                    "(pytest-xdist#1386); run `.venv/bin/pip install -r requirements.txt`",
                    pytrace=False)


@pytest.fixture(autouse=True, scope="session")
def _session_folder(tmp_path_factory):
    """The folder of ``session_cache`` (generated releases, the honest students graded
    alone), shared by the xdist workers: their temporary folders' parent."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    os.environ[session_cache.FOLDER_ENV] = str(shared / "session")
    yield
    os.environ.pop(session_cache.FOLDER_ENV, None)


@pytest.fixture(autouse=True, scope="session")
def _warm_nbgrader():
    """``course.nbgrader`` forks its commands from a helper that imported nbgrader once."""
    warm = warm_nbgrader.WarmNbgrader(course.launcher)
    course.launcher = warm.run
    yield
    course.launcher = warm.fallback
    warm.close()


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """``graded(assignment)``: the assignment's cases autograded once per test session."""
    def get(assignment: str):
        if assignment not in _graded:
            _graded[assignment] = grade_cases(assignment, tmp_path_factory.mktemp(assignment))
        return _graded[assignment]
    return get
