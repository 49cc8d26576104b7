"""The Dask client of the grading process: the course's scheduler, or a local cluster.

Where the scheduler is (first found wins): ``c.ParallelExecute.dask_scheduler`` (or
``c.TrustedExecute.dask_scheduler``) in ``nbgrader_config.py``, the environment variable
:data:`SCHEDULER_ENV`; otherwise a local cluster of one single-threaded worker process per core
(:data:`WORKERS_ENV` changes the count), started on 127.0.0.1 with the batch and stopped when
the process ends.
"""

from __future__ import annotations

import atexit
import os

__all__ = ["SCHEDULER_ENV", "WORKERS_ENV", "client_for", "local_workers"]

SCHEDULER_ENV = "COURSE_DASK_SCHEDULER"
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

        if address:
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
