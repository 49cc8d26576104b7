"""One ``nbgrader generate_assignment`` per assignment and config for the whole test session.

Many tests grade in a fresh course copy (the pipeline courses, the hostile batches, the Dask
tests). Each used to generate its release: about 2 s of nbgrader plus 1.5 s for the ``alembic``
process nbgrader starts to create a gradebook. :func:`generate_release` generates once per
(assignment, config, source) in the session, on whichever xdist worker asks first (a file lock
makes the others wait), and gives every later course a copy of that release and gradebook: the
same bytes nbgrader would have written. Tests of ``generate_assignment`` itself call it
directly (``tests/grading/tools/test_release.py``, ``tests/checks``, the PostgreSQL test).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from pathlib import Path

from course_lib.grading.tools import course

#: The folder shared by the session's workers (set by the ``_release_cache`` fixture).
CACHE_ENV = "COURSE_TEST_RELEASE_CACHE"


def _key(root: Path, assignment: str) -> str:
    """What the generated release depends on: the config and the assignment's source files."""
    digest = hashlib.sha256((root / "nbgrader_config.py").read_bytes())
    source = root / "source" / assignment
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(source)).encode() + b"\0" + path.read_bytes())
    return f"{assignment}-{digest.hexdigest()[:16]}"


def _copy(src: Path, dst: Path, assignment: str) -> None:
    shutil.copytree(src / "release" / assignment, dst / "release" / assignment)
    shutil.copy2(src / "gradebook.db", dst / "gradebook.db")


def generate_release(root: Path, assignment: str) -> None:
    """``course.generate_release(root, [assignment])``, or a copy of the session's earlier one.
    A course that already has a gradebook or a release is generated for real."""
    cache = os.environ.get(CACHE_ENV)
    fresh = not (root / "gradebook.db").exists() and not (root / "release").exists()
    if not cache or not fresh:
        course.generate_release(root, [assignment])
        return
    entry = Path(cache) / _key(root, assignment)
    entry.parent.mkdir(parents=True, exist_ok=True)
    with open(entry.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (entry / "done").exists():
            course.generate_release(root, [assignment])
            shutil.rmtree(entry, ignore_errors=True)
            _copy(root, entry, assignment)
            (entry / "done").write_text("generated\n")
            return
    _copy(entry, root, assignment)
