"""The runner inside the grading sandbox: runs one notebook's cells and the hidden checks' probes
in a Jupyter kernel, and reports JSON lines on the file descriptor it was started with as stdout.

It is started as a script (``python -I runner.py job.json``) by
:mod:`course_lib.grading.sandbox.isolate`, imports only the standard library and
``jupyter_client`` (never ``course_lib``), and talks to its kernel over IPC sockets (no TCP, so
it works in a namespace without network). The kernel's own stdout and stderr go to /dev/null, so
they never mix with the report.

Per cell it enforces the cell's wall time (interrupt, then kill and restart the kernel if the
interrupt does not stop it), the notebook's wall time, and a cap on kept outputs. A kernel that
dies or cannot be interrupted is restarted and the cells that had run are replayed silently, so
the cells after a crash still run. Before each hidden test cell it runs the check's probe (the
student's function on the grader's inputs, see :mod:`course_lib.grading.sandbox.kernel`);
probes that could not run there are retried once the notebook has run, and, if the kernel was
lost or tampered with, in a fresh kernel that replays the notebook's code cells.

Nothing here is trusted: the trusted grader reads the report with size caps and judges the
probes' plain data itself.
"""

from __future__ import annotations

import json
import os
import queue
import resource
import shutil
import signal
import sys
import time

PR_SET_DUMPABLE = 4
KERNEL_ARGS = ["--HistoryManager.enabled=False"]
PROBE = 'import importlib as _i\n_i.import_module("course_lib.grading.sandbox.kernel").{call}'


class Report:
    def __init__(self, fd: int):
        self.fd = fd
        self.t0 = time.monotonic()

    def emit(self, **event) -> None:
        event["t"] = round(time.monotonic() - self.t0, 3)
        data = (json.dumps(event) + "\n").encode()
        view = memoryview(data)
        try:
            while view:
                n = os.write(self.fd, view)
                view = view[n:]
        except OSError:
            pass


class Outputs:
    """nbformat outputs of one execution, with a size cap."""

    def __init__(self, cap: int):
        self.items: list[dict] = []
        self.cap = cap
        self.size = 0
        self.truncated = False
        self.clear_pending = False
        self.execution_count = None

    def add(self, msg: dict) -> None:
        kind, content = msg["msg_type"], msg.get("content", {})
        if kind == "execute_input":
            self.execution_count = content.get("execution_count")
            return
        if kind == "clear_output":
            if content.get("wait"):
                self.clear_pending = True
            else:
                self.items, self.size = [], 0
            return
        if kind == "stream":
            out = {"output_type": "stream", "name": content.get("name", "stdout"),
                   "text": str(content.get("text", ""))}
        elif kind in ("display_data", "execute_result"):
            out = {"output_type": kind, "data": content.get("data", {}),
                   "metadata": content.get("metadata", {})}
            if kind == "execute_result":
                out["execution_count"] = content.get("execution_count")
        elif kind == "error":
            out = {"output_type": "error", "ename": str(content.get("ename", "")),
                   "evalue": str(content.get("evalue", "")),
                   "traceback": [str(t) for t in content.get("traceback", [])][:200]}
        else:
            return
        if self.clear_pending:
            self.items, self.size, self.clear_pending = [], 0, False
        n = len(json.dumps(out))
        if self.truncated:
            return
        if self.size + n > self.cap:
            self.truncated = True
            if out["output_type"] == "stream" and self.size < self.cap:
                out["text"] = out["text"][: self.cap - self.size]
                self._append(out)
            self._append({"output_type": "stream", "name": "stdout",
                          "text": f"\n... output truncated by the grader (over "
                                  f"{self.cap // 1024} KB) ...\n"})
            return
        self.size += n
        self._append(out)

    def _append(self, out: dict) -> None:
        last = self.items[-1] if self.items else None
        if (out["output_type"] == "stream" and last and last["output_type"] == "stream"
                and last["name"] == out["name"]):
            last["text"] += out["text"]
        else:
            self.items.append(out)


def _processes_of(uid: int) -> int:
    """Processes and threads of ``uid`` (what RLIMIT_NPROC counts)."""
    count = 0
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/status") as f:
                status = f.read()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(fields.get("Uid", "-1").split()[0]) == uid:
            count += int(fields.get("Threads", "1").strip() or 1)
    return count


def _iopub_connected(kc, seconds: float) -> bool:
    """Whether a message arrives on iopub within ``seconds`` (the kernel publishes its status
    for every request; once one arrives, iopub is connected and nothing later is lost). Older
    messages left there are harmless: every reader matches its request's id."""
    try:
        kc.get_iopub_msg(timeout=seconds)
    except queue.Empty:
        return False
    return True


def _info_reply(kc, pending: set, seconds: float) -> str | None:
    """The request id of a ``kernel_info_reply`` to one of ``pending`` read from shell within
    ``seconds``, or None."""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        try:
            msg = kc.get_shell_msg(timeout=left)
        except queue.Empty:
            return None
        parent = msg.get("parent_header", {}).get("msg_id")
        if msg["msg_type"] == "kernel_info_reply" and parent in pending:
            return parent
    return None


def _reap(km) -> None:
    """Kill the kernel, wait for it and remove its connection files: ``shutdown_kernel(now=
    True)`` without its polling of the process every 0.1 s."""
    try:
        process = km.provisioner.process
        process.kill()
        process.wait(timeout=5)
    except Exception:  # no process, or it would not end: the manager's own way
        try:
            km.shutdown_kernel(now=True)
        except Exception:
            pass
        return
    try:
        km.cleanup_resources()
    except Exception:
        pass


def wait_for_ready(kc, km, timeout: float) -> None:
    """Wait until the kernel answers ``kernel_info`` on shell and a message arrives on iopub
    (so iopub is connected). The same test as ``KernelClient.wait_for_ready`` without its
    fixed 0.2 s of flushing iopub at the end."""
    deadline = time.monotonic() + timeout
    pending: set[str] = set()
    while True:
        pending.add(kc.kernel_info())
        if _info_reply(kc, pending, 1.0) and _iopub_connected(kc, 0.2):
            return
        if not km.is_alive():
            raise RuntimeError("the kernel died before replying to kernel_info")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the kernel did not reply within {timeout:g} s")


class Runner:
    def __init__(self, job: dict, report: Report, warm: bool = False):
        self.job = job
        self.warm = warm
        self.limits = job["limits"]
        self.work = job["work"]
        self.emit = report.emit
        self.pidns = job.get("mode") in ("root", "userns")
        self.km = None
        self.kc = None
        self.kernels = 0
        self.restarts = 0
        self.dead = False              # no more kernels: the rest is not run
        self.ran: list[tuple[int, str]] = []  # (index, code) of cells that ran, for replays
        self.probe_status: dict[str, str] = {}
        self.deadline = time.monotonic() + float(self.limits["notebook_timeout"])
        self.output_left = int(self.limits["notebook_output_kb"]) * 1024
        self.probe_n = 0

    # ------------------------------------------------------------------ kernel

    def _launch(self):
        """A kernel manager with its kernel started: forked from this process for the first
        kernel of a warm run (see :mod:`forked_kernel`), else launched by jupyter_client."""
        runtime = os.path.join(self.work, ".runtime")
        os.makedirs(runtime, exist_ok=True)
        ip = os.path.join(runtime, f"k{self.kernels}")
        connection_file = os.path.join(runtime, f"k{self.kernels}.json")
        if self.warm and self.kernels == 1:
            return _forked_kernel().ForkedKernel(connection_file, ip, self.work, KERNEL_ARGS)
        from jupyter_client.manager import KernelManager

        km = KernelManager(kernel_name="python3", transport="ipc", ip=ip,
                           connection_file=connection_file)
        km.start_kernel(extra_arguments=KERNEL_ARGS, cwd=self.work)
        return km

    def start_kernel(self) -> bool:
        self.kernels += 1
        try:
            km = self._launch()
        except Exception as exc:
            self.emit(ev="kernel", status="failed", message=f"{type(exc).__name__}: {exc}")
            return False
        self.km = km
        self._limit(self.kernel_pid())
        kc = km.blocking_client()
        kc.start_channels()
        try:
            wait_for_ready(kc, km, min(60.0, 4 * float(self.limits["cell_timeout"]) + 20))
        except Exception as exc:
            self.emit(ev="kernel", status="failed", message=f"{type(exc).__name__}: {exc}")
            self.kc = kc
            self.kill_kernel()
            if self.warm and self.kernels == 1:  # a forked kernel failed: launch one
                self.warm = False
                return self.start_kernel()
            return False
        self.kc = kc
        status, _ = self.execute(PROBE.format(call="snapshot()"), self.limits["cell_timeout"],
                                 silent=True)
        return status in ("ok", "error")

    def kernel_pid(self) -> int | None:
        try:
            return self.km.provisioner.process.pid
        except AttributeError:
            return None

    def _limit(self, pid: int | None) -> None:
        if pid is None:
            return
        L = self.limits
        mb = 1024 * 1024
        wanted = {
            resource.RLIMIT_AS: int(L["memory_mb"]) * mb,
            resource.RLIMIT_CPU: int(L["cpu_seconds"]),
            resource.RLIMIT_FSIZE: int(L["file_mb"]) * mb,
            resource.RLIMIT_NOFILE: int(L["open_files"]),
            resource.RLIMIT_CORE: 0,
        }
        # A fresh uid (mode root) has no other process; otherwise the limit counts the
        # grader's own processes too, so it goes on top of what already runs.
        mine = 0 if self.job.get("mode") == "root" else _processes_of(os.getuid())
        wanted[resource.RLIMIT_NPROC] = int(L["nproc"]) + mine
        for what, value in wanted.items():
            try:
                resource.prlimit(pid, what, (value, value))
            except (OSError, ValueError) as exc:
                self.emit(ev="degraded", message=f"could not set limit {what}: {exc}")

    def kill_kernel(self) -> None:
        pid = self.kernel_pid()
        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:
                pass
        if pid:
            try:
                os.killpg(os.getpgid(pid), signal.SIGKILL)
            except OSError:
                pass
        if self.km is not None:
            _reap(self.km)
        self.kill_strays(report=False)
        self.km = self.kc = None

    def kill_strays(self, report: bool = True) -> None:
        """Stop processes the notebook left running (only inside a pid namespace)."""
        if not self.pidns:
            return
        keep = {1, os.getpid(), self.kernel_pid() if self.km else None}
        strays = []
        for name in os.listdir("/proc"):
            if name.isdigit() and int(name) not in keep:
                strays.append(int(name))
        if not strays:
            return
        if self.km is None:
            for _ in range(3):
                try:
                    os.kill(-1, signal.SIGKILL)
                except OSError:
                    break
        else:
            for pid in strays:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        if report:
            self.emit(ev="limit", what="processes",
                      message=f"{len(strays)} process(es) left running by the notebook were "
                              "stopped")

    def restart(self, reason: str) -> bool:
        self.kill_kernel()
        if self.restarts >= int(self.limits["max_restarts"]):
            self.emit(ev="restart", status="refused", reason=reason)
            self.dead = True
            return False
        self.restarts += 1
        self.emit(ev="restart", status="ok", reason=reason, n=self.restarts)
        return self.fresh_kernel(replay=True)

    def fresh_kernel(self, replay: bool) -> bool:
        """A new kernel, with the cells that had run replayed silently (``replay``). A cell that
        ends the kernel during the replay (it died in it, or, if the kernel was gone before the
        next cell began, the cell before) is dropped from the replay, which starts over."""
        for _ in range(len(self.ran) + 1):
            if not self.start_kernel():
                self.dead = True
                return False
            culprit = self._replay() if replay else None
            if culprit is None:
                return True
            self.kill_kernel()
            index, _code = self.ran.pop(culprit)
            self.emit(ev="restart", status="replayed without a cell", index=index,
                      reason=f"cell {index} ended the kernel again when replayed")
        self.emit(ev="restart", status="replay failed", reason="no replay kept the kernel")
        self.dead = True
        return False

    def _replay(self) -> int | None:
        """Replay the cells that ran; the position in ``self.ran`` of the cell that ended the
        kernel, or None."""
        for k, (_index, code) in enumerate(self.ran):
            status, _ = self.execute(code, self.limits["cell_timeout"], silent=True)
            if status in ("died", "hung"):
                return k
            if status == "gone":
                return max(k - 1, 0)
        return None

    # ------------------------------------------------------------------ execution

    def execute(self, code: str, timeout: float, silent: bool = False
                ) -> tuple[str, Outputs]:
        """Run ``code``: ``ok``, ``error``, ``timeout`` (interrupted), ``hung`` (the interrupt
        did not stop it: the kernel was killed), ``died``, or ``gone`` (the kernel had ended
        before the code began: an earlier cell ended it)."""
        cap = int(self.limits["cell_output_kb"]) * 1024
        outputs = Outputs(min(cap, max(self.output_left, 1024)) if not silent else 64 * 1024)
        if not self.km.is_alive():
            self.kill_kernel()
            return "gone", outputs
        msg_id = self.kc.execute(code, silent=False, store_history=not silent,
                                 allow_stdin=False, stop_on_error=False)
        status = self._wait(msg_id, float(timeout), outputs)
        if status in ("hung", "died"):
            return status, outputs
        self._drain_shell()
        if not silent:
            self.output_left -= outputs.size
        if status == "timeout":
            outputs.add({"msg_type": "error", "content": {
                "ename": "CellTimeoutError", "evalue":
                f"the cell ran longer than {timeout:g} s and was interrupted",
                "traceback": [f"CellTimeoutError: the cell ran longer than {timeout:g} s"]}})
            return "timeout", outputs
        failed = any(o["output_type"] == "error" for o in outputs.items)
        return ("error" if failed else "ok"), outputs

    def _wait(self, msg_id: str, timeout: float, outputs: Outputs) -> str:
        """Collect the outputs of request ``msg_id`` until the kernel is idle: ``ok``,
        ``timeout`` (interrupted in time), ``hung`` or ``died`` (the kernel was killed)."""
        kc, km = self.kc, self.km
        deadline = time.monotonic() + timeout
        interrupted = False
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                if interrupted:
                    self.kill_kernel()
                    return "hung"
                interrupted = True
                try:
                    km.interrupt_kernel()
                except Exception:
                    self.kill_kernel()
                    return "hung"
                deadline = time.monotonic() + 3.0
                continue
            try:
                msg = kc.get_iopub_msg(timeout=min(left, 0.5))
            except queue.Empty:
                if not km.is_alive():
                    self.kill_kernel()
                    return "died"
                continue
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status":
                if msg["content"].get("execution_state") == "idle":
                    return "timeout" if interrupted else "ok"
                continue
            outputs.add(msg)

    def _drain_shell(self) -> None:
        while True:
            try:
                self.kc.get_shell_msg(timeout=0)
            except queue.Empty:
                return
            except Exception:
                return

    def ensure_kernel(self) -> bool:
        if self.dead:
            return False
        if self.km is None:
            return self.restart("the kernel had stopped")
        return True

    def _not_run(self, index: int, left: float) -> str | None:
        """Why cell ``index`` is not run, or None."""
        if left <= 0:
            return "not run: the notebook's time limit was reached"
        if not self.ensure_kernel():
            return "not run: the kernel could not be restarted"
        if index in self.job.get("skip_cells", []):
            return "not run: in a first run this cell stopped the grader's sandbox"
        return None

    def execute_again(self, code: str, timeout: float, label: str, silent: bool = False
                      ) -> tuple[str, Outputs]:
        """:meth:`execute`; if the kernel was gone before the code began (an earlier cell ended
        it after it finished, e.g. with ``exit()``), once more in a restarted kernel."""
        status, outputs = self.execute(code, timeout, silent=silent)
        if status == "gone" and self.restart(f"{label}: an earlier cell ended the kernel"):
            status, outputs = self.execute(code, timeout, silent=silent)
        return ("died" if status == "gone" else status), outputs

    def run_cell(self, cell: dict) -> None:
        index = cell["index"]
        left = self.deadline - time.monotonic()
        why = self._not_run(index, left)
        if why:
            self.emit(ev="cell", index=index, status="skipped", note=why)
            return
        timeout = min(float(self.limits["cell_timeout"]), max(left, 1.0))
        started = time.monotonic()
        self.emit(ev="begin", index=index)
        status, outputs = self.execute_again(cell["source"], timeout, f"cell {index}")
        if outputs.truncated:
            self.emit(ev="limit", what="output", index=index,
                      message=f"output of cell {index} truncated")
        memory = status == "error" and any(
            o["output_type"] == "error" and o["ename"] == "MemoryError" for o in outputs.items)
        if status in ("ok", "error") and not memory and cell.get("kind") != "test":
            self.ran.append((index, cell["source"]))
        self.emit(ev="cell", index=index, status=status, outputs=outputs.items,
                  execution_count=outputs.execution_count,
                  note=self._cell_note(status, memory, timeout),
                  seconds=round(time.monotonic() - started, 3))
        if status in ("died", "hung") or memory:
            self.restart(f"cell {index}: {'memory' if memory else status}")
        else:
            self.kill_strays()

    def _cell_note(self, status: str, memory: bool, timeout: float) -> str | None:
        if memory:
            # The kernel may hold all the memory it could get: go on in a fresh kernel,
            # without this cell.
            return ("the cell ran out of memory: the kernel was restarted without it "
                    f"(limit {self.limits['memory_mb']} MB)")
        if status == "died":
            return "the kernel died while running this cell (crash, exit or memory limit)"
        if status == "hung":
            return (f"the cell ran longer than {timeout:g} s and could not be interrupted: the "
                    "kernel was stopped")
        return None

    # ------------------------------------------------------------------ probes

    def probe(self, check: str, when: str) -> str:
        """Run one check's probe in the current kernel; returns its status."""
        if check in self.job.get("skip_probes", []):
            self.probe_status[check] = "stopped"
            self.emit(ev="probe", check=check, when=when, status="stopped")
            return "stopped"
        if not self.ensure_kernel():
            self.probe_status[check] = "unavailable"
            return "unavailable"
        self.emit(ev="begin", check=check)
        self.probe_n += 1
        out = os.path.join(self.job.get("probe_dir") or os.path.join(self.work, ".probe"),
                           f"{self.probe_n}.json")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        try:
            os.unlink(out)
        except OSError:
            pass
        inputs = os.path.join(self.job["job"], "inputs", f"{check}.json")
        code = PROBE.format(call=f"run({check!r}, {inputs!r}, {out!r}, globals())")
        started = time.monotonic()
        status, outputs = self.execute_again(code, self.limits["cell_timeout"],
                                             f"probe {check}", silent=True)
        seconds = round(time.monotonic() - started, 3)
        self.deadline += seconds  # the grader's probes do not count against the notebook
        text, defined = None, None
        if status in ("ok", "error"):
            text, status = self._read_probe(out)
            if status == "ok":
                defined = self._defined(text)
                if defined is None:
                    status = "error"
        errors = [f"{o['ename']}: {o['evalue']}" for o in outputs.items
                  if o["output_type"] == "error"]
        self.probe_status[check] = "undefined" if (status == "ok" and defined is False) else status
        self.emit(ev="probe", check=check, when=when, status=status, text=text,
                  defined=defined, error=(errors[0][:500] if errors else None), seconds=seconds)
        if status in ("died", "hung"):
            self.restart(f"probe {check}: {status}")
        else:
            self.kill_strays()
        return self.probe_status[check]

    def _read_probe(self, path: str) -> tuple[str | None, str]:
        cap = int(self.limits["probe_output_mb"]) * 1024 * 1024
        try:
            with open(path, "rb") as f:
                data = f.read(cap + 1)
        except OSError:
            return None, "missing"
        if len(data) > cap:
            return None, "too big"
        return data.decode("utf-8", "replace"), "ok"

    @staticmethod
    def _defined(text: str) -> bool | None:
        try:
            obj = json.loads(text)
        except ValueError:
            return None
        if isinstance(obj, dict) and isinstance(obj.get("__dict__"), dict):
            flag = obj["__dict__"].get("defined")
            if isinstance(flag, bool):
                return flag
        return None

    def integrity(self) -> None:
        if self.dead or self.km is None:
            return
        out = os.path.join(self.job.get("probe_dir") or os.path.join(self.work, ".probe"),
                           "integrity.json")
        status, _ = self.execute_again(PROBE.format(call=f"integrity({out!r})"),
                                       self.limits["cell_timeout"], "integrity", silent=True)
        text, st = self._read_probe(out) if status in ("ok", "error") else (None, status)
        changed = None
        if st == "ok":
            try:
                changed = json.loads(text)
            except ValueError:
                changed = None
        if isinstance(changed, list):
            self.emit(ev="integrity", changed=[str(c)[:200] for c in changed[:50]])
        else:
            self.emit(ev="integrity", changed=None, status=st)

    # ------------------------------------------------------------------ main

    def run(self) -> None:
        started = time.monotonic()
        os.makedirs(os.path.join(self.work, ".matplotlib"), exist_ok=True)
        mpl = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
            os.path.abspath(__file__)))), "mplcache")
        if os.path.isdir(mpl):
            for name in os.listdir(mpl):
                try:
                    shutil.copy(os.path.join(mpl, name), os.path.join(self.work, ".matplotlib"))
                except OSError:
                    pass
        self.emit(ev="start", uid=os.getuid(), mode=self.job.get("mode"), warm=self.warm)
        if not self.fresh_kernel(replay=False):
            self.emit(ev="fatal", message="the kernel could not be started")
            return
        for cell in self.job["cells"]:
            check = cell.get("check")
            if check and check not in self.probe_status:
                self.probe(check, "cell")
                status = self.probe_status.get(check)
                if status in ("died", "hung", "stopped", "timeout"):
                    why = ("ran longer than the time limit" if status == "timeout"
                           else "crashed the kernel")
                    self.emit(ev="cell", index=cell["index"], status="skipped",
                              note=f"not run: calling the function on the grader's inputs {why}")
                    continue
            self.run_cell(cell)
        # Checks whose function was not defined at their test cell, or that never ran there.
        for check in self.job.get("probes", []):
            if self.probe_status.get(check) in (None, "undefined"):
                self.probe(check, "end")
        self.integrity()
        # A fresh kernel for probes lost to a dead kernel or to a tampered one.
        retry = [c for c in self.job.get("probes", [])
                 if self.probe_status.get(c) in ("missing", "error", "unavailable", "too big")]
        if retry:
            self.kill_kernel()
            self.dead = False
            self.restarts = 0
            self.emit(ev="retry", checks=retry)
            if self.fresh_kernel(replay=True):
                for check in retry:
                    self.probe(check, "retry")
        self.kill_kernel()
        self.emit(ev="done", seconds=round(time.monotonic() - started, 3),
                  restarts=self.restarts, kernels=self.kernels)


def undumpable(prctl=None) -> str | None:
    """Make this process non-dumpable, so that a process of the same user (the kernel) can
    neither open its file descriptors through /proc nor trace it; None, or why it failed."""
    try:
        import ctypes

        if prctl is None:
            prctl = ctypes.CDLL(None, use_errno=True).prctl
        if prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
            return f"prctl(PR_SET_DUMPABLE, 0) failed (errno {ctypes.get_errno()})"
    except Exception as exc:  # no ctypes, no libc: reported as a degraded sandbox
        return f"prctl(PR_SET_DUMPABLE, 0) failed ({type(exc).__name__}: {exc})"
    return None


def _forked_kernel():
    """:mod:`forked_kernel`, loaded by path (this script never imports ``course_lib``)."""
    import importlib.util

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "forked_kernel.py")
    spec = importlib.util.spec_from_file_location("course_sandbox_forked_kernel", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str], warm: bool = False) -> int:
    """Run the job ``argv[1]``; ``warm``: this process was forked with the kernel's libraries
    imported (:mod:`zygote`), so the first kernel is forked from it."""
    with open(argv[1]) as f:
        job = json.load(f)
    failed = undumpable()
    out = os.dup(1)
    os.set_inheritable(out, False)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    report = Report(out)
    if failed:
        report.emit(ev="degraded", message=f"the event stream may be forged by the kernel: "
                                           f"{failed}")
    try:
        Runner(job, report, warm).run()
    except BaseException as exc:  # report, never hang
        report.emit(ev="fatal", message=f"runner: {type(exc).__name__}: {exc}"[:1000])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
