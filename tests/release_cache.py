"""One ``nbgrader generate_assignment`` per assignment and config for the whole test session.

Many tests grade in a fresh course copy (the pipeline courses, the hostile batches, the Dask
tests). Each used to generate its release: about 2 s of nbgrader plus 1.4 s for the ``alembic
heads`` process nbgrader starts to create a gradebook. :func:`generate_release` generates once
per (assignment, config, source) in the session, on whichever xdist worker asks first (a file
lock makes the others wait), and gives every later course a copy of that release and gradebook.
The generation itself starts from a copy of an empty gradebook made once per session
(nbgrader's tables and schema version, no course), so nbgrader creates no gradebook and starts
no ``alembic``: the release is the same bytes, the gradebook the same schema and rows as
nbgrader alone would have written (``tests/test_release_cache.py``). Tests of
``generate_assignment`` itself run it directly (``tests/grading/tools/test_release.py``, the
PostgreSQL test).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
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


_MAKE_GRADEBOOK = """
import sys
from nbgrader.api import Gradebook
with Gradebook("sqlite:///" + sys.argv[1]):
    pass
"""


def empty_gradebook(shared: Path) -> Path:
    """The session's empty gradebook: what nbgrader creates (its tables and, from ``alembic
    heads``, the schema version) without the course row it adds for its own ``course_id``."""
    def make() -> str:
        path = shared / "empty-gradebook.db"
        path.unlink(missing_ok=True)
        bin_dir = str(Path(sys.executable).parent)  # alembic, as nbgrader_config.py sets it
        env = dict(os.environ, PATH=os.pathsep.join([bin_dir, os.environ.get("PATH", "")]))
        subprocess.run([sys.executable, "-c", _MAKE_GRADEBOOK, str(path)], env=env, check=True)
        with sqlite3.connect(path) as conn:
            conn.execute("DELETE FROM course")
        return str(path)

    return Path(session_cache.once("empty-gradebook", make))


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
            shutil.copy2(empty_gradebook(shared), root / "gradebook.db")
            course.generate_release(root, [assignment])
            shutil.rmtree(entry, ignore_errors=True)
            _copy(root, entry, assignment)
            (entry / "done").write_text("generated\n")
            return
    _copy(entry, root, assignment)
