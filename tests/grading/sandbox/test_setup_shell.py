"""The set-up script's interpreter: the same lines as ``sh`` runs them, failing closed on
anything else, and the same sandbox (mount table) as ``sh`` builds."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import sandbox_support

from course_lib.grading.sandbox import isolate, rootfs, setup_shell, tempdirs
from course_lib.grading.sandbox.setup_shell import SetupError, run_line, split


def test_quoted_operators_never_split_a_line():
    line = "echo '{\"message\": \"a && b || c\"}' || echo 'x'"
    assert split(line) == [("", ["echo", '{"message": "a && b || c"}']), ("||", ["echo", "x"])]


def test_files_links_and_modes(tmp_path):
    d = tmp_path / "a" / "b"
    run_line(f"mkdir -p {d} && touch {d}/f")
    run_line(f"ln -s {d}/f {tmp_path}/link")
    run_line(f"chmod 700 {d}")
    assert (d / "f").is_file() and (tmp_path / "link").resolve() == d / "f"
    assert d.stat().st_mode & 0o777 == 0o700
    run_line(f"rmdir {tmp_path}/a/b/../b/.. || true")  # not empty: caught by ||
    with pytest.raises(SetupError):
        run_line(f"mkdir {d}")  # exists: mkdir without -p fails


def test_best_effort_prints_the_event_and_goes_on(capsys):
    run_line(rootfs.best_effort("false", "the thing could not be made read-only"))
    events, _ = isolate.parse_events(capsys.readouterr().out.encode(), False)
    assert events == [{"ev": "degraded", "message": "the thing could not be made read-only"}]
    run_line(rootfs.best_effort("true", "x"))
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("line", [
    "false", "false && echo never", "rm -rf /", "mount --move /a /b", "ln /a /b",
    "umount /x", "mount -n -o remount,rw /", "echo a | sh", "true ; false",
])
def test_anything_unknown_or_failing_stops_the_set_up(line, capsys):
    with pytest.raises(SetupError):
        run_line(line)
    assert "never" not in capsys.readouterr().out


def test_a_failing_script_exits_1_naming_the_line(tmp_path):
    script = tmp_path / "setup.sh"
    script.write_text(f"set -eu\nmkdir {tmp_path}/x\nmkdir {tmp_path}/x\necho after\n")
    proc = subprocess.run([sys.executable, "-I", "-S", setup_shell.__file__, str(script)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "line 3" in proc.stderr and "after" not in proc.stdout


def test_every_line_the_set_up_writes_is_understood():
    for uid in (None, 3_000_001):
        script = rootfs.setup_script(Path("/tmp/base"), Path("/tmp/lib"), [Path("/srv/c")],
                                     uid, 64, 8, ["python", "runner.py"], {"HOME": "/tmp"})
        for line in script.splitlines():
            for _op, words in split(line):
                assert words[0] in setup_shell.COMMANDS, line


def _mount_table(mode: str, use_sh: bool) -> list[str]:
    """The sandbox's mount table (mount point, options, type, source), as sh or the
    interpreter builds it, read by ``cat`` in place of the runner."""
    out = _in_sandbox(mode, use_sh, ["/bin/cat", "/proc/self/mountinfo"])
    return sorted(_normal(line) for line in out.splitlines())


def _in_sandbox(mode: str, use_sh: bool, command: list[str]) -> str:
    """What ``command`` prints, run in place of the runner by sh or the interpreter."""
    lib = isolate.library_copy()
    base = tempdirs.make("course-sandbox-")
    try:
        (base / "job").mkdir()
        places = isolate._places(base, mode, lib)
        cmd, env, cwd = isolate._command(base, mode, lib, places, isolate.Limits(), [])
        assert cmd[-5:-2] == [sys.executable, "-I", "-S"], cmd  # the interpreter by default
        uid = 3_000_002 if mode == "root" else None
        (base / "setup.sh").write_text(rootfs.setup_script(
            base, lib, [Path(__file__).parents[3]], uid, 64, 8,
            command, {"LANG": "C"}))
        shell = ["/bin/sh"] if use_sh else cmd[-5:-1]
        out = subprocess.run(cmd[:-5] + shell + [str(base / "setup.sh")], env=env, cwd=cwd,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return out.stdout
    finally:
        subprocess.run(["rm", "-rf", str(base)], check=False)


def _normal(line: str) -> str:
    """A mountinfo line without its ids and device numbers."""
    fields = line.split()
    sep = fields.index("-")
    return " ".join([fields[4], fields[5], *fields[sep + 1: sep + 3],
                     re.sub(r"(size|nr_inodes)=\d+k?", r"\1", fields[sep + 3])])


@pytest.mark.slow
@pytest.mark.parametrize("mode", sandbox_support.isolating_modes())
def test_the_interpreter_builds_the_same_sandbox_as_sh(mode):
    mode = sandbox_support.require(mode)
    by_sh, by_python = _mount_table(mode, True), _mount_table(mode, False)
    assert len(by_sh) >= 20
    assert by_python == by_sh
    read_only = [line for line in by_python if "ro" in line.split()[1].split(",")]
    assert len(read_only) >= 10, by_python


@pytest.mark.slow
def test_the_runner_is_a_child_of_the_namespace_init():
    """As with sh, the set-up process stays pid 1 (which no process inside can signal) and the
    runner is its child, an ordinary process (the hostile case that kills the kernel's parent
    expects the runner to die)."""
    mode = sandbox_support.require()
    out = _in_sandbox(mode, False, ["/bin/sh", "-c", "echo $$ $PPID"])
    pid, ppid = out.split()
    assert ppid == "1" and pid != "1"


def test_without_ctypes_sh_runs_the_script(monkeypatch, tmp_path):
    ran = []
    monkeypatch.setattr(setup_shell, "_libc", None)
    monkeypatch.setattr(setup_shell.os, "execv", lambda path, args: ran.append(args))
    (tmp_path / "setup.sh").write_text("")
    setup_shell.main(["setup_shell.py", str(tmp_path / "setup.sh")])
    assert ran == [["/bin/sh", str(tmp_path / "setup.sh")]]
