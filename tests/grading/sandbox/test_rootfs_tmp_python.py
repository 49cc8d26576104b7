"""A checkout in /tmp with its .venv there (as CI may place it): the sandbox's private /tmp is
mounted before the Python installation, which is then mounted inside it, not hidden under it
(this once failed every run with "mkdir: cannot create directory '.../root/tmp': File exists")."""

from __future__ import annotations

from pathlib import Path

from course_lib.grading.sandbox import rootfs


def test_python_under_tmp_is_mounted_inside_the_private_tmp(tmp_path, monkeypatch):
    venv = tmp_path / "checkout" / ".venv"
    (venv / "bin").mkdir(parents=True)
    venv.chmod(0o755)
    assert str(venv).startswith("/tmp/")
    monkeypatch.setattr(rootfs, "python_dirs", lambda: [venv])
    base = tmp_path / "sandbox"
    lines = rootfs.new_root_lines(base, tmp_path / "lib", [], None, 64, 8)
    root_tmp = f"{base}/root/tmp"
    private = next(i for i, l in enumerate(lines) if "course-tmp" in l and root_tmp in l)
    python = next(i for i, l in enumerate(lines) if l.startswith("mount -n --rbind")
                  and f"{base}/root{venv}" in l)
    assert private < python, "the venv would be hidden by the private /tmp mounted after it"
    assert not [l for l in lines[private + 1:] if l == f"mkdir '{root_tmp}'"
                or l == f"mkdir {root_tmp}"], "the private /tmp is made once"
    assert Path(root_tmp).parts[-1] == "tmp"
