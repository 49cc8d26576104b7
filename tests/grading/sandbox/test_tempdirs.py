"""Folders left by a killed grader are removed by the next one; nothing else is touched."""

from __future__ import annotations

import os
import subprocess
import sys

from course_lib.grading.sandbox import tempdirs


def _made_by_a_killed_process(prefix: str):
    """A folder made by :func:`tempdirs.make` in a process that was then SIGKILLed."""
    code = ("import sys; from course_lib.grading.sandbox import tempdirs; "
            f"print(tempdirs.make({prefix!r}), flush=True); sys.stdin.read()")
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    folder = proc.stdout.readline().strip()
    proc.kill()
    proc.wait()
    return folder


def test_a_killed_graders_folder_is_reaped_by_the_next(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempdirs.tempfile, "tempdir", None)
    prefix = "course-test-"
    dead = _made_by_a_killed_process(prefix)
    assert os.path.isdir(dead)
    mine = tempdirs.make(prefix)
    assert not os.path.exists(dead), "the dead process's folder is still there"
    assert mine.is_dir() and (mine / tempdirs.OWNER).read_text().split()[1] == str(os.getpid())


def test_live_foreign_and_unmarked_folders_stay(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempdirs.tempfile, "tempdir", None)
    prefix = "course-test-"
    mine = tempdirs.make(prefix)                         # this process: alive
    unmarked = tmp_path / f"{prefix}unmarked"            # no pid file: never ours to remove
    unmarked.mkdir()
    other_ns = tmp_path / f"{prefix}container"           # a dead pid of another pid namespace
    other_ns.mkdir()
    (other_ns / tempdirs.OWNER).write_text("pid:[1] 999999999")
    garbage = tmp_path / f"{prefix}garbage"
    garbage.mkdir()
    (garbage / tempdirs.OWNER).write_text("not a pid")
    assert tempdirs.reap(prefix) == 0
    for folder in (mine, unmarked, other_ns, garbage):
        assert folder.is_dir(), folder
