"""One ``nbgrader generate_assignment`` per assignment and config for the whole test session.

Many tests grade in a fresh course copy (the pipeline courses, the hostile batches, the Dask
tests). Each used to generate its release: about 2 s of nbgrader plus 1.5 s for the ``alembic``
process nbgrader starts to create a gradebook. :func:`generate_release` generates once per
(assignment, config, source) in the session, on whichever xdist worker asks first (a file lock
makes the others wait), and gives every later course a copy of that release and gradebook: the
same bytes nbgrader would have written. Tests of ``generate_assignment`` itself run it
directly (``tests/grading/tools/test_release.py``, the PostgreSQL test).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import session_cache

from course_lib.grading.tools import course


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
    shared = session_cache.folder()
    fresh = not (root / "gradebook.db").exists() and not (root / "release").exists()
    if shared is None or not fresh:
        course.generate_release(root, [assignment])
        return
    entry = shared / "releases" / _key(root, assignment)
    with session_cache.locked(entry.with_suffix(".lock")):
        if not (entry / "done").exists():
            course.generate_release(root, [assignment])
            shutil.rmtree(entry, ignore_errors=True)
            _copy(root, entry, assignment)
            (entry / "done").write_text("generated\n")
            return
    _copy(entry, root, assignment)
