"""Work done once per test session and shared by the xdist workers: a folder they all see (set
by the ``_session_folder`` fixture of ``conftest.py``) and :func:`once`, which computes a
picklable value on whichever worker asks first while a file lock makes the others wait."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pickle
from pathlib import Path

#: The folder shared by the session's workers.
FOLDER_ENV = "COURSE_TEST_SESSION_FOLDER"


def folder() -> Path | None:
    found = os.environ.get(FOLDER_ENV)
    return Path(found) if found else None


@contextlib.contextmanager
def locked(path: Path):
    """Hold an exclusive lock on ``path`` (created if needed) for the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def once(key: str, compute):
    """``compute()``, or the value an earlier call with ``key`` computed in this session (on
    any worker); without a session folder, ``compute()``."""
    base = folder()
    if base is None:
        return compute()
    path = base / "once" / f"{key}.pickle"
    with locked(path.with_suffix(".lock")):
        if path.exists():
            return pickle.loads(path.read_bytes())  # noqa: S301 (written by this session)
        value = compute()
        path.write_bytes(pickle.dumps(value))
        return value
