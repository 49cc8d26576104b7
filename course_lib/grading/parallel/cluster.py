"""The Dask client of the grading process: the course's scheduler, or a local cluster.

Where the scheduler is (first found wins): ``c.ParallelExecute.dask_scheduler`` (or
``c.TrustedExecute.dask_scheduler``) in ``nbgrader_config.py``, the environment variable
:data:`SCHEDULER_ENV` (``tcp://host:8786``, or ``gateway:<cluster name>`` for a dask-gateway
cluster); otherwise a local cluster of one single-threaded worker process per core
(:data:`WORKERS_ENV` changes the count), started on 127.0.0.1 with the batch and stopped when
the process ends.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

__all__ = ["SCHEDULER_ENV", "GATEWAY", "WORKERS_ENV", "client_for", "local_workers", "spawn",
           "stop"]

SCHEDULER_ENV = "COURSE_DASK_SCHEDULER"
#: ``gateway:<cluster name>``: a running dask-gateway cluster (JupyterHub), TLS included.
GATEWAY = "gateway:"
WORKERS_ENV = "COURSE_DASK_WORKERS"

_CLIENTS: dict[str, object] = {}


def local_workers(configured: int = 0) -> int:
    """Workers of a local cluster: ``configured``, else :data:`WORKERS_ENV`, else the cores
    this process may use."""
    if configured > 0:
        return configured
    env = os.environ.get(WORKERS_ENV, "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, len(os.sched_getaffinity(0)))


def client_for(address: str = "", workers: int = 0):
    """A ``distributed.Client`` to ``address`` (or :data:`SCHEDULER_ENV`), else to a local
    cluster of :func:`local_workers` workers; one per process, reused."""
    address = address or os.environ.get(SCHEDULER_ENV, "")
    key = address or f"local:{local_workers(workers)}"
    if key not in _CLIENTS:
        from distributed import Client, LocalCluster

        if address.startswith(GATEWAY):  # a dask-gateway cluster, with its credentials
            from dask_gateway import Gateway

            client = Gateway().connect(address[len(GATEWAY):]).get_client()
        elif address:
            client = Client(address, timeout="30s")
        else:
            cluster = LocalCluster(n_workers=local_workers(workers), threads_per_worker=1,
                                   processes=True, host="127.0.0.1", dashboard_address=None,
                                   memory_limit=0, silence_logs=40)
            client = Client(cluster)
            atexit.register(cluster.close)
        atexit.register(client.close)
        _CLIENTS[key] = client
    return _CLIENTS[key]


def spawn(n_workers: int, folder: Path) -> tuple[str, list[subprocess.Popen]]:
    """A ``dask scheduler`` and ``n_workers`` single-threaded ``dask worker`` processes on
    127.0.0.1 (each worker in its own folder under ``folder``, each process in its own process
    group), as an instructor would start them; returns ``(address, [scheduler, workers...])``
    once every worker is connected. Stop them with :func:`stop`."""
    dask = Path(sys.executable).parent / "dask"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    folder.mkdir(parents=True, exist_ok=True)
    procs = [_start([str(dask), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                     "--no-dashboard"], folder, "scheduler")]
    for i in range(n_workers):
        home = folder / f"worker{i}"
        home.mkdir(parents=True, exist_ok=True)
        procs.append(_start([str(dask), "worker", address, "--nthreads", "1", "--name",
                             f"w{i}", "--no-dashboard", "--local-directory", str(home)],
                            home, "worker"))
    try:
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(n_workers, timeout=120)
    except Exception:
        for proc in reversed(procs):
            stop(proc)
        raise
    return address, procs


def _start(cmd: list[str], cwd: Path, name: str) -> subprocess.Popen:
    log = open(Path(cwd) / f"{name}.log", "wb")
    try:
        return subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    finally:
        log.close()


def stop(proc: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    """End ``proc``'s process group (``sig``, then SIGKILL after 20 s)."""
    if proc.poll() is None:
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
