"""Tests that need the grading sandbox: they skip on a machine without it, and FAIL in CI
(``CI=true``), saying why and what to set up, so that a CI run never passes without having
tested the sandbox.

Use ``pytestmark = [sandbox_support.needs_sandbox, ...]`` (the ``require_sandbox`` fixture is
re-exported by ``tests/conftest.py``), or call :func:`require` inside a test.
"""

from __future__ import annotations

import os
import shutil
import site
import sys
from pathlib import Path

import pytest

from course_lib.grading.sandbox import isolate

#: Mark a test (or a module, in ``pytestmark``) as needing the sandbox in its strongest mode.
needs_sandbox = pytest.mark.usefixtures("require_sandbox")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def require(mode: str = "auto") -> str:
    """The sandbox mode that works here for ``mode``; if none does: skip, or fail in CI."""
    found, why = isolate.detect_mode(mode)
    if found != "none":
        return found
    message = f"the grading sandbox is unavailable (sandbox = {mode!r}): {why}\n{isolate.FIXES}"
    if in_ci():
        pytest.fail("CI=true and " + message, pytrace=False)
    pytest.skip(message.splitlines()[0])
    return found  # not reached


def isolating_modes() -> list[str]:
    """The mode this machine grades with, and the unprivileged-user-namespace path forced even
    as root, where it works; never empty (``auto`` stands for "no mode works": the test then
    skips, or fails in CI, through :func:`require`)."""
    modes = [m for m in dict.fromkeys([isolate.detect_mode()[0], "userns"])
             if m != "none" and isolate.detect_mode(m)[0] == m]
    return modes or ["auto"]


@pytest.fixture
def require_sandbox() -> str:
    return require()


#: The file that marks a ``course_lib`` the tests planted in a machine's site-packages.
PLANT_MARK = ".planted-by-the-course-tests"


def machine_site_packages() -> list[Path]:
    """Site-packages folders the kernel's Python does not import from, but a Python of the
    machine does (a ``course_lib`` installed there, not editable, holds ``instructor/``)."""
    candidates = [Path(sys.base_prefix) / "lib" / f"python{sys.version_info.major}."
                  f"{sys.version_info.minor}" / "site-packages",
                  Path("/usr/lib/python3/dist-packages")]
    return [p for p in candidates if p.is_dir() and str(p) not in site.getsitepackages()]


def remove_planted_course_libs() -> None:
    """Remove the ``course_lib`` folders the tests planted (called once, at the end of the
    test session: every sandbox set up meanwhile, on any worker, masks them, and a mask over
    a folder removed under it fails to mount)."""
    for packages in machine_site_packages():
        if (packages / "course_lib" / PLANT_MARK).exists():
            shutil.rmtree(packages / "course_lib", ignore_errors=True)
