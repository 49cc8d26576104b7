"""``ParallelExecute``: ``TrustedExecute`` whose runs are prefetched on Dask, batch by batch.

Configuration (``c.ParallelExecute.<name>``, or ``c.TrustedExecute.<name>``, in
``nbgrader_config.py``): ``parallel`` (on by default; the environment variable
:data:`PARALLEL_ENV` set to ``0`` turns it off), ``dask_scheduler`` (a scheduler address; empty:
:data:`~.cluster.SCHEDULER_ENV`, else a local cluster), ``dask_workers`` (workers of the local
cluster; 0: one per core) and ``min_batch`` (smaller batches run serially, without a cluster).
A course that configures its own ``executor`` is graded serially.
"""

from __future__ import annotations

import os

from nbgrader.coursedir import CourseDirectory
from traitlets import Bool, Integer, Unicode

from course_lib.grading.parallel import cluster
from course_lib.grading.parallel.batch import Batch, pending
from course_lib.grading.plugins.gradingrun import GradingRun
from course_lib.grading.plugins.trusted import DEFAULT_EXECUTOR, TrustedExecute

__all__ = ["ParallelExecute", "PARALLEL_ENV"]

PARALLEL_ENV = "COURSE_GRADING_PARALLEL"

#: (course root, assignment) -> its batch, or None when it is graded serially (one per process:
#: nbgrader makes a new preprocessor for every notebook).
_BATCHES: dict[tuple[str, str], Batch | None] = {}


class ParallelExecute(TrustedExecute):
    """Grade like :class:`TrustedExecute`, with the sandbox runs of a batch done on Dask."""

    parallel = Bool(True, help="Run the batch's sandboxes on Dask").tag(config=True)
    dask_scheduler = Unicode("", help="Address of a Dask scheduler (tcp://host:8786); empty: "
                             f"${cluster.SCHEDULER_ENV}, else a local cluster").tag(config=True)
    dask_workers = Integer(0, help="Workers of the local cluster (0: one per core)").tag(
        config=True)
    min_batch = Integer(4, help="Batches of fewer notebooks are graded serially").tag(
        config=True)

    def enabled(self) -> bool:
        return (self.parallel and os.environ.get(PARALLEL_ENV, "1") != "0"
                and self.executor == DEFAULT_EXECUTOR)

    def forced(self) -> bool:
        """Whether this run regrades everything (``--force``): the converter's ``force`` (nbgrader
        moves the flag's ``BaseConverter.force`` to ``Autograde.force``), else the config's."""
        parent = self.parent
        while parent is not None:
            if hasattr(parent, "convert_notebooks") and parent.has_trait("force"):
                return bool(parent.force)
            parent = getattr(parent, "parent", None)
        return any(self.config.get(section, {}).get("force", False)
                   for section in ("Autograde", "BaseConverter"))

    def grading_run(self, nb, resources) -> GradingRun:
        run = super().grading_run(nb, resources)
        info = resources["nbgrader"]
        batch = self._batch(resources, run.hidden)
        entry = batch.take(info["student"], info["notebook"]) if batch else None
        if entry is not None:
            run.seed = entry.seed
            run.executor = entry.executor(run.executor, self.log)
        return run

    def _batch(self, resources, hidden: list[str]) -> Batch | None:
        info = resources["nbgrader"]
        coursedir = CourseDirectory(config=self.config)
        key = (str(coursedir.root), info["assignment"])
        if key not in _BATCHES:
            _BATCHES[key] = self._start(coursedir, info, hidden) if self.enabled() else None
        return _BATCHES[key]

    def _start(self, coursedir, info, hidden) -> Batch | None:
        subs = pending(coursedir, info["assignment"], self.forced())
        here = (info["student"], info["notebook"])
        if here not in {(s, p.stem) for s, p in subs}:
            subs.insert(0, (info["student"], _submitted(coursedir, info)))
        if len(subs) < self.min_batch:
            return None
        try:
            client = cluster.client_for(self.dask_scheduler, self.dask_workers)
        except Exception as exc:
            self.log.error("parallel grading: no Dask cluster (%s); grading serially", exc)
            return None
        batch = Batch(info["assignment"], self.log)
        batch.prefetch(client, self, subs, info["db_url"], hidden)
        return batch


def _submitted(coursedir, info):
    from pathlib import Path

    return Path(coursedir.format_path(coursedir.submitted_directory, info["student"],
                                      info["assignment"])) / f"{info['notebook']}.ipynb"
