"""Warm start: one process per grader imports the kernel's public libraries once (numpy,
matplotlib, IPython, ipykernel, jupyter_client) and forks, for each run, a child that builds
the same sandbox as a cold start, in the same order, with the same system calls:

    python zygote.py <control socket fd> <mode>

Per run (a request on the control socket: the set-up script's path, with the run's stdout
socket and stderr file passed as file descriptors), the child

1. keeps only those two descriptors (never the control socket), asks to be killed with its
   parent, unshares fresh user (``userns`` mode), mount, pid and network namespaces and makes
   every mount private (what ``unshare --user --map-root-user --net --mount --pid --fork
   --kill-child --mount-proc`` does);
2. forks the namespace's init (pid 1), which mounts the namespace's ``/proc`` and runs the
   set-up script with :mod:`setup_shell`, exactly as a cold start does;
3. at the script's last line (``setpriv ... -- env -i ... python -I runner.py job``) forks
   the runner, which drops its privileges with :mod:`privileges` (checked: no capability
   left) and runs ``runner.main`` from the sandbox's read-only library copy; the runner forks
   its first kernel from itself, with the libraries already imported (later kernels are
   started as in a cold start).

This process never imports ``course_lib`` (it loads the two standalone modules above by path)
and never reads a job: what a forked child holds of it is public code and the paths of its own
run. It runs one request at a time; the grader keeps a pool (see
:mod:`course_lib.grading.sandbox.isolate`) and kills the whole process group to stop a run at
its hard time limit. A standard-library-only script apart from the libraries it preloads.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import signal
import socket
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = (0x20000, 0x10000000, 0x20000000,
                                                          0x40000000)
PR_SET_PDEATHSIG = 1
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 16384, 1 << 18
#: What a kernel and a graded notebook's first cell import: loaded once, here.
PRELOAD = ("numpy", "numpy.random", "matplotlib", "matplotlib.pyplot",
           "matplotlib_inline.backend_inline", "IPython", "ipykernel.kernelapp",
           "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger",
           "jupyter_client", "jupyter_client.blocking", "jupyter_client.manager",
           "jupyter_client.connect")
SETUP_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"


def _load(name: str, path: str):
    """A standalone script as module ``name``, by path (``course_lib`` is never imported)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


setup_shell = _load("_course_sandbox_setup_shell", os.path.join(HERE, "setup_shell.py"))
privileges = _load("_course_sandbox_privileges", os.path.join(HERE, "privileges.py"))
_libc = setup_shell._libc


#: Environment variables the preloaded libraries set on import (a launched kernel has them
#: because it imports the same libraries): given back to each run's runner.
ADDED_ENV: dict[str, str] = {}


def preload() -> str | None:
    """Import :data:`PRELOAD`; None, or why this process cannot fork runs (threads)."""
    before = dict(os.environ)
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # an optional library: the kernel imports it itself, if it can
            continue
    ADDED_ENV.update({k: v for k, v in os.environ.items() if before.get(k) != v})
    tasks = len(os.listdir("/proc/self/task"))
    if threading.active_count() != 1 or tasks != 1:
        return f"the preloaded libraries started threads ({tasks} tasks)"
    return None


# --------------------------------------------------------------------------- one run


def _keep_only(out: int, err: int) -> None:
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(out, 1)
    os.dup2(err, 2)
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))


def _die_with_parent() -> None:
    setup_shell._check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0),
                       "prctl(PR_SET_PDEATHSIG)")


def _unshare(mode: str) -> None:
    uid, gid = os.getuid(), os.getgid()
    flags = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | (CLONE_NEWUSER if mode == "userns"
                                                         else 0)
    setup_shell._check(_libc.unshare(flags), "unshare")
    if mode == "userns":  # --map-root-user
        for name, text in (("uid_map", f"0 {uid} 1"), ("setgroups", "deny"),
                           ("gid_map", f"0 {gid} 1")):
            with open(f"/proc/self/{name}", "w") as f:
                f.write(text)
    setup_shell._mount("none", "/", None, MS_REC | MS_PRIVATE)


def run(request: dict, fds: list[int]) -> int:
    """The forked child's whole life (step 1): the exit status of the namespace's init."""
    _keep_only(*fds)
    try:
        _die_with_parent()
        os.environ.clear()
        os.environ.update(PATH=SETUP_PATH, LANG="C.UTF-8")
        _unshare(str(request["mode"]))
        init = os.fork()
        if init == 0:
            os._exit(_init(str(request["script"])))
        return setup_shell.wait_for(init)
    except BaseException as exc:  # fail closed: nothing ran
        sys.stderr.write(f"sandbox warm start: {type(exc).__name__}: {exc}\n")
        sys.stderr.flush()
        return 1


def _init(script: str) -> int:
    """Pid 1 of the run (step 2): the namespace's /proc, then the set-up script."""
    n = 0
    try:
        _die_with_parent()
        setup_shell._mount("none", "/proc", None, MS_PRIVATE | MS_REC)
        setup_shell._mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        with open(script) as f:
            lines = [ln for ln in f.read().splitlines() if ln.strip() and not ln.startswith("#")]
        last, line = lines.pop(), None
        for line in lines:
            n += 1  # for the message, if this line fails
            setup_shell.run_line(line)
        n += 1
        del lines, line  # the runner and its kernel are forked from here: keep no script
        setup_shell.COMMANDS["setpriv"] = _setpriv
        setup_shell.run_line(last)
        raise setup_shell.SetupError("the script did not end with the runner")
    except setup_shell.SetupError as exc:
        sys.stderr.write(f"sandbox set-up, line {n}: {exc}\n")
        sys.stderr.flush()
        return 1
    except BaseException as exc:
        sys.stderr.write(f"sandbox warm start: {type(exc).__name__}: {exc}\n")
        sys.stderr.flush()
        return 1


def _setpriv(args: list[str]) -> None:
    """The script's last line (step 3), in a child of pid 1 that stays the namespace's init."""
    uid, env, command = privileges.parse(args)
    if len(command) != 4 or command[1] != "-I" or not command[2].endswith("runner.py"):
        raise setup_shell.SetupError(f"setpriv: {' '.join(command)} is not the runner")
    sys.stdout.flush()
    child = os.fork()
    if child == 0:
        try:
            privileges.drop(uid)
            os.environ.clear()
            os.environ.update(env, **ADDED_ENV)
            runner = _load("course_sandbox_runner", command[2])  # the sandbox's copy
            code = runner.main([command[2], command[3]], warm=True)
        except BaseException as exc:
            sys.stderr.write(f"sandbox warm start: {type(exc).__name__}: {exc}\n")
            sys.stderr.flush()
            code = 127
        os._exit(code)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os._exit(setup_shell.wait_for(child))


# --------------------------------------------------------------------------- serving


def serve(control: socket.socket) -> None:
    """Answer requests until the grader closes the control socket."""
    while True:
        try:
            message, fds, _flags, _addr = socket.recv_fds(control, 1 << 16, 2)
        except OSError:
            return
        if not message:
            return
        request = json.loads(message) if len(fds) == 2 else None
        del message
        child = os.fork()
        if child == 0:
            os._exit(run(request, fds) if request else 1)
        for fd in fds:
            os.close(fd)
        _pid, status = os.waitpid(child, 0)
        control.send(json.dumps({"status": os.waitstatus_to_exitcode(status)}).encode())


def main(argv: list[str]) -> int:
    if sys.path and os.path.abspath(sys.path[0]) == HERE:  # started as a script: not a library
        del sys.path[0]
    control = socket.socket(fileno=int(argv[1]))
    try:  # no PR_SET_PDEATHSIG here: it follows the grader's thread that started this, not
        # the grader; the control socket's end (recv returns nothing) ends this process
        why = preload()
    except Exception as exc:
        why = f"{type(exc).__name__}: {exc}"
    control.send(json.dumps({"ready": why is None, "why": why}).encode())
    if why is None:
        serve(control)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
