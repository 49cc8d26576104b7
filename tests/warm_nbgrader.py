"""nbgrader commands forked from an interpreter that has imported nbgrader already.

Every ``nbgrader`` command first spends about 1.1 CPU-s importing nbgrader (its server
extension pulls in jupyter_server and tornado, ``nbgrader.utils`` setuptools), and the suite
runs dozens of them per worker. :class:`WarmNbgrader` keeps one helper process per pytest
worker that imports nbgrader (and Dask's ``distributed``) once and forks a child for each
command: the child takes the command's folder, environment, arguments and output files and
runs ``python -m nbgrader`` as the command line would (``runpy``), so nbgrader reads the
course's ``nbgrader_config.py``, starts its kernels and ends as the command would (exit
status, traceback, atexit handlers). ``course.launcher`` is this object's :meth:`run` for the
whole session (``tests/conftest.py``).

A command falls back to a plain subprocess when it is not ``python -m nbgrader`` with this
interpreter, when its environment sets the interpreter or Dask up differently (``PYTHON*`` and
``DASK_*`` variables, read at start-up), when another thread is using the helper, or when the
helper is gone.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

_HELPER = r"""
import atexit, json, os, runpy, socket, sys, threading
import nbgrader.apps.nbgraderapp  # noqa: F401  (the import each command would pay)
import distributed  # noqa: F401  (what autograde's parallel grading imports)

def run(req):
    for fd, name in ((0, os.devnull), (1, req["out"]), (2, req["err"])):
        os.dup2(os.open(name, os.O_RDONLY if fd == 0 else os.O_WRONLY), fd)
    os.chdir(req["cwd"])
    os.environ.clear()
    os.environ.update(req["env"])
    sys.argv = [sys.executable, *req["args"]]  # runpy puts nbgrader's __main__.py first
    sys.path[0] = req["cwd"]
    runpy.run_module("nbgrader", run_name="__main__", alter_sys=True)

def exit_status(exc):
    # What the interpreter makes of how the script ended: exit status, message, traceback.
    if exc is None or isinstance(exc, SystemExit) and exc.code is None:
        return 0
    if isinstance(exc, SystemExit) and isinstance(exc.code, int):
        return exc.code
    if isinstance(exc, SystemExit):
        print(exc.code, file=sys.stderr)
    else:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    return 1

def child(req):
    # Ends as `python -m nbgrader` ends (threads joined, atexit handlers run, output flushed),
    # without tearing down the modules: that would write to every page shared with the helper.
    try:
        run(req)
        exc = None
    except BaseException as e:
        exc = e
    code = exit_status(exc)
    threading._shutdown()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

sock = socket.socket(fileno=int(sys.argv[1]))
stream = sock.makefile("rw")
for line in stream:
    req = json.loads(line)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        stream.close()
        sock.close()
        child(req)
    waited = os.waitpid(pid, 0)[1]
    stream.write(json.dumps({"rc": os.waitstatus_to_exitcode(waited)}) + "\n")
    stream.flush()
"""


def _interpreter_env(env: dict) -> dict:
    """The variables read when the helper starts: the interpreter's and Dask's config."""
    return {k: v for k, v in env.items() if k.startswith(("PYTHON", "DASK_"))}


class WarmNbgrader:
    """One helper process; :meth:`run` has the signature of ``course.launcher``."""

    def __init__(self, fallback):
        self.fallback = fallback
        self._lock = threading.Lock()
        self._env = dict(os.environ)
        ours, theirs = socket.socketpair()
        self._proc = subprocess.Popen([sys.executable, "-c", _HELPER, str(theirs.fileno())],
                                      pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                                      env=self._env)
        theirs.close()
        self._sock = ours
        self._stream = ours.makefile("rw")

    def _takes(self, cmd: list[str], env: dict) -> bool:
        return (cmd[:3] == [sys.executable, "-m", "nbgrader"] and self._proc.poll() is None
                and _interpreter_env(env) == _interpreter_env(self._env))

    def run(self, cmd: list[str], cwd, env: dict) -> subprocess.CompletedProcess:
        if not self._takes(cmd, env) or not self._lock.acquire(blocking=False):
            return self.fallback(cmd, cwd, env)
        try:
            return self._forked(cmd, cwd, env)
        finally:
            self._lock.release()

    def _forked(self, cmd, cwd, env) -> subprocess.CompletedProcess:
        with tempfile.TemporaryDirectory(prefix="nbgrader-out-") as tmp:
            out, err = Path(tmp, "out"), Path(tmp, "err")
            out.touch()
            err.touch()
            request = {"args": cmd[3:], "cwd": str(Path(cwd).resolve()), "env": dict(env),
                       "out": str(out), "err": str(err)}
            self._stream.write(json.dumps(request) + "\n")
            self._stream.flush()
            reply = self._stream.readline()
            if not reply:
                raise RuntimeError(f"the warm nbgrader helper died running {cmd[3:]}")
            rc = json.loads(reply)["rc"]
            return subprocess.CompletedProcess(
                cmd, rc, out.read_text(errors="replace"), err.read_text(errors="replace"))

    def close(self) -> None:
        self._stream.close()
        self._sock.close()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
