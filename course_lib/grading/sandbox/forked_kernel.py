"""The first kernel of a warm run (:mod:`course_lib.grading.sandbox.zygote`): forked from the
runner, which has ipykernel, numpy and matplotlib imported already, instead of a fresh
``python -m ipykernel_launcher``. :class:`ForkedKernel` is the part of jupyter_client's
``KernelManager`` the runner uses.

The forked kernel starts as a launched one would: its own session, only descriptors 0-2
(``/dev/null``; never the runner's event stream), dumpable again (as after ``exec``), the
working folder and ``sys.path`` a launched kernel has, fresh random seeds, no module of the
sandbox's own machinery, then ``IPKernelApp`` on the connection file. Standard library and
jupyter_client only; loaded by path by the runner.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
import time
import types

PR_SET_DUMPABLE = 4
#: Modules of the runner's own machinery the kernel does not keep.
_OURS = ("course_lib", "course_sandbox_", "_course_sandbox_")


class Process:
    """The forked kernel, as much of ``subprocess.Popen`` as the runner uses."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.returncode = -signal.SIGKILL
            else:
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError(f"kernel {self.pid} did not end within {timeout} s")
            time.sleep(0.005)
        return self.returncode

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class ForkedKernel:
    """A kernel forked from this process on ``connection_file`` (IPC sockets at ``ip``)."""

    def __init__(self, connection_file: str, ip: str, cwd: str, arguments: list[str]):
        from jupyter_client.connect import write_connection_file

        write_connection_file(connection_file, transport="ipc", ip=ip)
        self.connection_file, self.ip = connection_file, ip
        pid = os.fork()
        if pid == 0:
            _kernel(connection_file, cwd, arguments)
        self.provisioner = types.SimpleNamespace(process=Process(pid))

    def is_alive(self) -> bool:
        return self.provisioner.process.poll() is None

    def interrupt_kernel(self) -> None:
        os.killpg(self.provisioner.process.pid, signal.SIGINT)

    def blocking_client(self):
        from jupyter_client.blocking import BlockingKernelClient

        kc = BlockingKernelClient(connection_file=self.connection_file)
        kc.load_connection_file()
        return kc

    def shutdown_kernel(self, now: bool = True) -> None:
        self.provisioner.process.kill()
        self.provisioner.process.wait(timeout=5)
        self.cleanup_resources()

    def cleanup_resources(self) -> None:
        """Remove the connection file and the IPC socket files."""
        try:
            with open(self.connection_file) as f:
                info = json.load(f)
        except (OSError, ValueError):
            info = {}
        paths = [f"{self.ip}-{info[k]}" for k in info if k.endswith("_port")]
        for path in [self.connection_file, *paths]:
            try:
                os.remove(path)
            except OSError:
                pass


def _kernel(connection_file: str, cwd: str, arguments: list[str]) -> None:
    """The forked child: become a kernel as a launched one starts (see the module)."""
    code = 1
    try:
        os.setsid()
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))
        ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)
        for name in [m for m in sys.modules if m.startswith(_OURS)]:
            del sys.modules[name]
        os.chdir(cwd)
        extra = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
        sys.path[:] = [*extra, *[p for p in sys.path if p not in extra]]  # as the launcher
        import ipykernel
        from ipykernel.kernelapp import IPKernelApp

        sys.argv = [os.path.join(os.path.dirname(os.path.dirname(ipykernel.__file__)),
                                 "ipykernel_launcher.py"), "-f", connection_file, *arguments]
        _reseed()
        os.environ["JPY_PARENT_PID"] = str(os.getppid())  # as jupyter_client's launcher sets
        app = IPKernelApp.instance(parent_handle=os.getppid())
        app.initialize(sys.argv[1:])
        app.start()
        code = 0
    finally:
        os._exit(code)


def _reseed() -> None:
    """Fresh seeds for the unseeded generators (each launched kernel has its own)."""
    import random

    random.seed()
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()
