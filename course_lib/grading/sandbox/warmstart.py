"""The grader's side of warm starts: a pool of :mod:`course_lib.grading.sandbox.zygote`
processes (one per run in flight, started on first use, reused afterwards) and the handle of
one run, which :mod:`course_lib.grading.sandbox.isolate` reads like the process of a cold
start.

A zygote that cannot start (a library that starts threads on import, a Python without
``socket.send_fds``) makes every later run of this process start cold: the same sandbox, only
slower. Stopping a run at its hard time limit kills its zygote's whole process group (the run's
namespaces die with their init); the pool then starts a new zygote.
"""

from __future__ import annotations

import atexit
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

__all__ = ["start", "unavailable"]

_LOCK = threading.Lock()
_IDLE: dict[tuple[str, str], list[Zygote]] = {}
_UNAVAILABLE: dict[tuple[str, str], str] = {}


class ZygoteUnavailable(RuntimeError):
    """The zygote did not start, or said it cannot fork runs."""


def _env(lib: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
            "HOME": "/nonexistent", "MPLBACKEND": "agg", "MPLCONFIGDIR": str(lib / "mplcache"),
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            # as in a launched kernel's environment, so that ``sys.flags`` are the same
            "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1"}


class Zygote:
    """One zygote process and the grader's end of its control socket."""

    def __init__(self, lib: Path, mode: str):
        if not hasattr(socket, "send_fds"):
            raise ZygoteUnavailable("this Python cannot pass file descriptors")
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        script = lib / "course_lib" / "grading" / "sandbox" / "zygote.py"
        self.key = (str(lib), mode)
        self.proc = subprocess.Popen(
            [sys.executable, str(script), str(theirs.fileno()), mode],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, cwd="/", env=_env(lib), start_new_session=True)
        theirs.close()
        self.sock = ours
        ours.settimeout(120)
        try:
            reply = json.loads(ours.recv(1 << 16) or b"{}")
        except (OSError, ValueError) as exc:
            reply = {"why": f"{type(exc).__name__}: {exc}"}
        if not reply.get("ready"):
            self.close()
            raise ZygoteUnavailable(reply.get("why") or "the zygote ended before it was ready")
        self.alive = True

    def close(self) -> None:
        self.alive = False
        self.sock.close()
        try:
            os.killpg(self.proc.pid, 9)
        except OSError:
            pass
        self.proc.wait()


class Run:
    """One run forked by a zygote, read like a ``subprocess.Popen``: ``pid`` (the zygote's:
    its process group is the run's), ``poll``, ``wait``, ``returncode``."""

    def __init__(self, zygote: Zygote, script: Path, mode: str, out: int, err: int):
        self.zygote, self.pid, self.returncode = zygote, zygote.proc.pid, None
        message = json.dumps({"script": str(script), "mode": mode}).encode()
        socket.send_fds(zygote.sock, [message], [out, err])

    def _read(self, timeout: float | None) -> int | None:
        self.zygote.sock.settimeout(timeout)
        try:
            data = self.zygote.sock.recv(1 << 16)
        except (TimeoutError, BlockingIOError):
            return None
        except OSError:
            data = b""
        if data:
            self.returncode = int(json.loads(data)["status"])
            _release(self.zygote)
        else:  # the zygote is gone (killed at the hard limit): so is the run
            self.returncode = -9
            self.zygote.close()
        return self.returncode

    def poll(self) -> int | None:
        return self.returncode if self.returncode is not None else self._read(0)

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None and self._read(timeout) is None:
            raise subprocess.TimeoutExpired("zygote run", timeout)
        return self.returncode


def _acquire(lib: Path, mode: str) -> Zygote | None:
    key = (str(lib), mode)
    with _LOCK:
        if key in _UNAVAILABLE:
            return None
        idle = _IDLE.get(key, [])
        while idle:
            zygote = idle.pop()
            if zygote.proc.poll() is None:
                return zygote
            zygote.close()  # ended while idle (e.g. with the thread that started it)
    try:
        return Zygote(lib, mode)
    except (ZygoteUnavailable, OSError) as exc:
        with _LOCK:
            _UNAVAILABLE[key] = str(exc)
        return None


def _release(zygote: Zygote) -> None:
    if zygote.alive and zygote.proc.poll() is None:
        with _LOCK:
            _IDLE.setdefault(zygote.key, []).append(zygote)
    else:
        zygote.close()


def start(lib: Path, mode: str, script: Path, out: int, err: int) -> Run | None:
    """Fork a run of the set-up ``script`` in ``mode`` (``root`` or ``userns``) from a zygote
    of the library copy ``lib``, its stdout and stderr on ``out`` and ``err``; None if warm
    starts are unavailable here (see :func:`unavailable`)."""
    zygote = _acquire(lib, mode)
    if zygote is None:
        return None
    try:
        return Run(zygote, script, mode, out, err)
    except OSError:
        zygote.close()
        return None


def unavailable(lib: Path, mode: str) -> str | None:
    """Why warm starts of ``lib`` in ``mode`` are unavailable in this process, or None."""
    return _UNAVAILABLE.get((str(lib), mode))


@atexit.register
def _close_all() -> None:
    with _LOCK:
        idle = [z for zygotes in _IDLE.values() for z in zygotes]
        _IDLE.clear()
    for zygote in idle:
        zygote.close()
