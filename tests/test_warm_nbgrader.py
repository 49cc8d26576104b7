"""A command forked by ``warm_nbgrader`` finishes as the same command started alone would:
same status, output, folder and environment; anything it cannot take goes to a subprocess."""

from __future__ import annotations

import os
import sys

import pytest
import warm_nbgrader

from course_lib.grading.tools import course

NBGRADER = [sys.executable, "-m", "nbgrader"]


@pytest.fixture
def warm():
    calls = []

    def fallback(cmd, cwd, env):
        calls.append(cmd)
        return course._run(cmd, cwd, env)

    helper = warm_nbgrader.WarmNbgrader(fallback)
    helper.fallback_calls = calls
    yield helper
    helper.close()


def _both(warm, cmd, cwd, env):
    forked = warm.run(cmd, cwd, env)
    assert warm.fallback_calls == [], "the helper took the command"
    return forked, course._run(cmd, cwd, env)


def test_same_status_and_output_as_a_subprocess(warm, tmp_path):
    env = course._env()
    for args in (["--version"], ["list", "--log-level=WARN"],
                 ["generate_assignment", "no_such_assignment"]):
        forked, alone = _both(warm, NBGRADER + args, tmp_path, env)
        assert (forked.returncode, forked.stdout) == (alone.returncode, alone.stdout), args
        assert forked.stderr.splitlines()[-1:] == alone.stderr.splitlines()[-1:], args
    assert forked.returncode != 0, "generating a missing assignment fails"


def test_each_command_gets_its_folder_environment_and_a_fresh_process(warm, tmp_path):
    (tmp_path / "nbgrader_config.py").write_text(
        "import atexit, os, sys\nprint('cwd', os.getcwd(), 'pid', os.getpid(), "
        "'marker', os.environ.get('WARM_MARKER'), 'argv', sys.argv[1:])\n"
        "atexit.register(print, 'at exit', flush=True)\n")
    env = dict(course._env(), WARM_MARKER="one")
    first = warm.run(NBGRADER + ["list"], tmp_path, env)
    second = warm.run(NBGRADER + ["list"], tmp_path, dict(env, WARM_MARKER="two"))
    assert warm.fallback_calls == []
    assert f"cwd {tmp_path.resolve()}" in first.stdout
    assert "marker one" in first.stdout and "marker two" in second.stdout
    assert "argv ['list']" in first.stdout
    assert first.stdout.rstrip().endswith("at exit"), "the command's atexit handlers ran"
    pids = {line.split("pid ")[1].split()[0] for line in (first.stdout, second.stdout)}
    assert len(pids) == 2 and str(os.getpid()) not in pids
    assert "WARM_MARKER" not in os.environ


def test_what_the_helper_cannot_take_goes_to_a_subprocess(warm, tmp_path):
    env = course._env()
    warm.run([sys.executable, "-c", "pass"], tmp_path, env)
    warm.run(NBGRADER + ["--version"], tmp_path, dict(env, PYTHONPATH=str(tmp_path)))
    warm.run(NBGRADER + ["--version"], tmp_path, dict(env, DASK_CONFIG=str(tmp_path)))
    assert len(warm.fallback_calls) == 3, "another program; another interpreter or Dask set-up"
    warm._proc.kill()
    warm._proc.wait()
    assert warm.run(NBGRADER + ["--version"], tmp_path, env).returncode == 0
    assert len(warm.fallback_calls) == 4, "a helper that is gone"


def test_the_suite_uses_the_helper():
    assert getattr(course.launcher, "__self__", None).__class__ is warm_nbgrader.WarmNbgrader
