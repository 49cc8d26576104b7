"""Temporary folders of the grader that outlive a killed process are removed by the next one.

The library copy (one per grading process, Dask workers included) and each run's sandbox
folder live in the system's temporary folder. A process that ends normally removes its own; one
killed outright (a Dask worker stopped by its nanny, a grader hit by SIGKILL) cannot. Each folder
made here records the pid of the process that made it, and :func:`make` first removes this
user's folders of the same prefix whose process is gone, so a grading server does not fill up
over a term.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

__all__ = ["make", "reap"]

OWNER = ".owner-pid"
#: (temporary folder, prefix) already reaped by this process: once per process, so that a
#: sandbox run does not pay a scan (folders left while it runs are the next process's).
_REAPED: set[tuple[str, str]] = set()


def _pid_namespace() -> str:
    """This process's pid namespace: a pid means something only there (a container sharing
    this folder may run its own pid 123)."""
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return "?"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        pass
    return True


def _stale(folder: Path) -> bool:
    """Whether ``folder`` is this user's and the process that made it is gone (a folder
    without a readable pid file is never touched)."""
    try:
        if folder.is_symlink() or folder.stat().st_uid != os.getuid():
            return False
        ns, pid = (folder / OWNER).read_text().split()
        pid = int(pid)
    except (OSError, ValueError):
        return False
    return ns == _pid_namespace() != "?" and pid != os.getpid() and not _alive(pid)


def reap(prefix: str) -> int:
    """Remove this user's stale folders named ``<prefix>*`` in the temporary folder; how many."""
    removed = 0
    for folder in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
        if _stale(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed += not folder.exists()
    return removed


def make(prefix: str) -> Path:
    """A fresh private folder ``<tmp>/<prefix><random>`` that records this process's pid,
    after :func:`reap` of the same prefix (the first time in this process)."""
    key = (tempfile.gettempdir(), prefix)
    if key not in _REAPED:
        _REAPED.add(key)
        reap(prefix)
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    (folder / OWNER).write_text(f"{_pid_namespace()} {os.getpid()}")
    return folder
