"""One assignment's batch: every pending submission planned, sent to Dask, taken back in order.

At the first notebook of an assignment, :meth:`Batch.prefetch` finds the submissions nbgrader is
about to grade (:func:`pending`: the rules of ``nbgrader autograde``: not yet autograded, or
``--force``, or submitted again since; ``--student`` and ``student_id_exclude`` respected), runs
on each the sanitize steps of the course's config (records kept in a scratch folder: nbgrader
writes the real ones when it grades the notebook) and :meth:`GradingRun.plan` with a fresh
secret seed, and submits the job. When nbgrader reaches that notebook, :meth:`Batch.take` gives
the seed and the run: the notebook is planned again with that seed, and the run is used only if
both plans are identical (:func:`digest`); on any difference it runs serially: always correct.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from traitlets import import_item

from course_lib.grading.parallel import worker
from course_lib.grading.plugins import trusted
from course_lib.grading.plugins.gradingrun import GradingRun
from course_lib.grading.plugins.repair import Unreadable, read_submission

__all__ = ["Batch", "Prefetched", "digest", "pending", "KILLED"]

#: The message of a submission whose job ended every Dask worker that ran it.
KILLED = ("its job ended every Dask worker that ran it (distributed.scheduler.allowed-failures"
          " reached); graded as a failure")


def digest(job: dict, limits, mode: str, hidden: list[str], allow) -> str:
    """What a run depends on, hashed: the job (seed-drawn inputs included), limits, mode, hidden
    folders."""
    text = json.dumps({"job": job, "limits": asdict(limits), "mode": mode,
                       "hidden": list(hidden), "allow": allow}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Prefetched:
    """A submission's job on Dask: its seed, the digest of its plan, the future run."""

    seed: int
    digest: str
    future: object
    used: bool = field(default=False)

    def executor(self, fallback, log):
        """An executor that returns the prefetched run for the same plan, else runs
        ``fallback`` (the serial executor)."""

        def run(job, limits, mode="auto", hidden=(), allow_unisolated=None):
            if not self.used and digest(job, limits, mode, hidden,
                                        allow_unisolated) == self.digest:
                self.used = True
                try:
                    return self.result()
                except RuntimeError as exc:
                    if str(exc) == KILLED:
                        raise
                    log.warning("parallel grading: the cluster failed this job (%s); running "
                                "this notebook serially", exc)
                except Exception as exc:  # the cluster's failure, not the submission's
                    log.warning("parallel grading: the cluster failed this job (%s: %s); "
                                "running this notebook serially", type(exc).__name__, exc)
                return fallback(job, limits, mode=mode, hidden=hidden,
                                allow_unisolated=allow_unisolated)
            if not self.used:
                log.warning("parallel grading: the plan differs from the prefetched one; "
                            "running this notebook serially")
            return fallback(job, limits, mode=mode, hidden=hidden,
                            allow_unisolated=allow_unisolated)

        return run

    def result(self):
        from distributed import KilledWorker

        try:
            return worker.to_run(self.future.result())
        except KilledWorker:
            raise RuntimeError(KILLED) from None


def pending(coursedir, assignment: str, force: bool) -> list[tuple[str, Path]]:
    """``(student, notebook path)`` of every submission of ``assignment`` that ``nbgrader
    autograde`` will grade, in its order."""
    import glob

    found = []
    excluded = set(filter(None, (coursedir.student_id_exclude or "").split(",")))
    pattern = coursedir.format_path(coursedir.submitted_directory, coursedir.student_id,
                                    assignment)
    for folder in sorted(glob.glob(pattern)):
        student = Path(folder).parent.name
        if student in excluded:
            continue
        dest = coursedir.format_path(coursedir.autograded_directory, student, assignment)
        if os.path.exists(dest) and not force:
            new = coursedir.get_existing_timestamp(folder)
            old = coursedir.get_existing_timestamp(dest)
            if new is None or old is None or new <= old:
                continue
        pattern_nb = os.path.join(folder, coursedir.notebook_id + ".ipynb")
        found += [(student, Path(p)) for p in sorted(glob.glob(pattern_nb))]
    return found


class Sanitizer:
    """The sanitize step of ``nbgrader autograde`` as configured, records in a scratch
    folder."""

    def __init__(self, config):
        from nbconvert.exporters import NotebookExporter
        from nbgrader.converters import Autograde

        self.scratch = tempfile.mkdtemp(prefix="course-batch-")
        config = copy.deepcopy(config)
        config.CourseDirectory.root = self.scratch
        auto = config.get("Autograde", {})
        exporter = auto.get("exporter_class") or NotebookExporter
        exporter = import_item(exporter) if isinstance(exporter, str) else exporter
        self.exporter = exporter(config=config)
        for pp in auto.get("sanitize_preprocessors") or \
                Autograde.sanitize_preprocessors.default_value:
            self.exporter.register_preprocessor(pp, enabled=True)

    def notebook(self, path: Path, resources: dict):
        """The notebook nbgrader's autograde step will read, or None if unreadable."""
        text, out = self.exporter.from_filename(str(path), resources=resources)
        if out.get("course_grading", {}).get("unreadable"):
            return None
        try:
            return read_submission(text)[0]
        except Unreadable:
            return None

    def close(self):
        shutil.rmtree(self.scratch, ignore_errors=True)


class Batch:
    """The prefetched runs of one assignment, and the batch's progress in the log."""

    def __init__(self, assignment: str, log):
        self.assignment, self.log = assignment, log
        self.entries: dict[tuple[str, str], Prefetched] = {}
        self.total = self.done = self.failed = 0
        self.started = time.monotonic()
        self._last_log = 0.0
        self._lock = threading.Lock()

    def prefetch(self, client, execute, subs: list[tuple[str, Path]], db_url: str,
                 hidden: list[str]) -> None:
        """Plan and submit every submission of ``subs`` (see the module docstring)."""
        sanitizer = Sanitizer(execute.config)
        registry, limits = trusted.registry(execute.log), execute.limits()
        allow = execute.allow_unisolated or None
        try:
            for i, (student, path) in enumerate(subs):
                resources = {"unique_key": path.stem, "output_files_dir": f"{path.stem}_files",
                             "nbgrader": {"student": student, "assignment": self.assignment,
                                          "notebook": path.stem, "db_url": db_url}}
                try:
                    nb = sanitizer.notebook(path, resources)
                except Exception as exc:  # nbgrader will meet (and report) it again
                    self.log.warning("parallel grading: %s not prefetched (%s)", student, exc)
                    continue
                if nb is None:
                    continue
                run = GradingRun(nb, registry, limits, None, mode=execute.sandbox,
                                 hidden=hidden, allow_unisolated=allow)
                job = run.plan()
                future = client.submit(worker.run_job, job, asdict(limits), execute.sandbox,
                                       hidden, allow, pure=False, priority=-i,
                                       key=f"grade-{self.assignment}-{i}-{os.urandom(4).hex()}")
                self.entries[(student, path.stem)] = Prefetched(
                    run.seed, digest(job, limits, execute.sandbox, hidden, allow), future)
                self.total += 1
                future.add_done_callback(self._finished)
        finally:
            sanitizer.close()
        self.log.info("parallel grading %s: %d notebooks sent to Dask", self.assignment,
                      self.total)

    def take(self, student: str, notebook: str) -> Prefetched | None:
        return self.entries.pop((student, notebook), None)

    def _finished(self, future) -> None:
        with self._lock:
            self.done += 1
            if future.status != "finished":
                self.failed += 1
            now = time.monotonic()
            if now - self._last_log < 5 and self.done < self.total and \
                    future.status == "finished":
                return
            self._last_log = now
        self.log.info(self.progress())

    def progress(self) -> str:
        """``"parallel grading a: 37/200 run, 1.9 notebooks/s, about 1m26s left, 0 failed"``."""
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else float("nan")
        eta = f"{int(left // 60)}m{int(left % 60):02d}s" if left == left else "?"
        return (f"parallel grading {self.assignment}: {self.done}/{self.total} run, "
                f"{rate:.2f} notebooks/s, about {eta} left, {self.failed} failed")
