"""What a Dask worker runs: one submission's job in the sandbox, plain data in and out.

Imports nothing of the course but the sandbox: the worker needs the course package installed,
no course folder, no gradebook, no reference, no other submission.
"""

from __future__ import annotations

import os
from dataclasses import asdict

from course_lib.grading.sandbox.isolate import Limits, SandboxRun, run_notebook

__all__ = ["run_job", "to_run"]


def run_job(job: dict, limits: dict, mode: str, hidden: list[str],
            allow_unisolated: bool | None) -> dict:
    """Run ``job`` (see :func:`run_notebook`) and return the :class:`SandboxRun` as a dict;
    the worker's own folder is hidden from student code too."""
    run = run_notebook(job, Limits(**limits), mode=mode, hidden=[*hidden, os.getcwd()],
                       allow_unisolated=allow_unisolated)
    return asdict(run)


def to_run(data: dict) -> SandboxRun:
    """The :class:`SandboxRun` back from :func:`run_job`'s dict."""
    return SandboxRun(**data)
