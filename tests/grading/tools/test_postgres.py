"""The gradebook on PostgreSQL: a real server (the system's packages, ``make scale-deps``)
started for the test as an unprivileged user on a free 127.0.0.1 port; a small class graded
into it by plain ``nbgrader autograde``; the report reads its scores from the configured
``db_url`` and no SQLite gradebook is created."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from course_lib.grading.tools import course, report, submissions

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("postgres")]

ROOT = Path(__file__).resolve().parents[3]
CASES = ROOT / "tests" / "submissions"
ASSIGNMENT = "dropout"
STUDENTS = {"ok_solutions": 0, "lose_no_scaling_forward": 1, "zero_blank_release": 2}


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).resolve().parent if which else None


def _missing(what: str):
    message = f"{what}: run  make scale-deps  (apt-get install -y postgresql)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_user(user: str, cmd: list[str]) -> list[str]:
    """``cmd`` run as ``user`` when this process is root (initdb refuses root)."""
    if os.geteuid() != 0:
        return cmd
    return ["setpriv", f"--reuid={user}", f"--regid={pwd.getpwnam(user).pw_gid}",
            "--clear-groups", *cmd]


@pytest.fixture(scope="module")
def postgres():
    """``postgresql+psycopg2://grader@127.0.0.1:<port>/postgres`` of a fresh server (trust auth)."""
    bindir = _pg_bin()
    if bindir is None:
        _missing("PostgreSQL's initdb is missing")
    top = Path(tempfile.mkdtemp(prefix="course-pg-"))  # pytest's tmp is root-only
    data = top / "data"
    data.mkdir()
    user = "nobody"
    if os.geteuid() == 0:
        os.chmod(top, 0o755)
        shutil.chown(data, user)
    init = subprocess.run(_as_user(user, [str(bindir / "initdb"), "-D", str(data), "-U",
                                          "grader", "--auth=trust", "-E", "UTF8"]),
                          capture_output=True, text=True, cwd=top)
    assert init.returncode == 0, init.stdout + init.stderr
    port = _free_port()
    proc = subprocess.Popen(_as_user(user, [str(bindir / "postgres"), "-D", str(data), "-p",
                                            str(port), "-h", "127.0.0.1", "-k", str(data)]),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=top)
    url = f"postgresql+psycopg2://grader@127.0.0.1:{port}/postgres"
    try:
        _wait_ready(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(top, ignore_errors=True)


def _wait_ready(url: str, proc: subprocess.Popen) -> None:
    import sqlalchemy

    engine = sqlalchemy.create_engine(url)
    deadline = time.monotonic() + 60
    while True:
        try:
            with engine.connect():
                return
        except sqlalchemy.exc.OperationalError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL did not start (exit {proc.poll()})") from None
            time.sleep(0.3)
        finally:
            engine.dispose()


def test_class_graded_into_postgres(postgres, tmp_path):
    root = course.make_course_copy(ROOT, tmp_path / "course")
    with open(root / "nbgrader_config.py", "a") as f:
        f.write(f"\nc.CourseDirectory.db_url = {postgres!r}\n")
    assert course.gradebook_url(root) == postgres
    course.generate_release(root, [ASSIGNMENT])
    source = nbformat.read(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    release = nbformat.read(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    for name in STUDENTS:
        case = submissions.parse_case(CASES / ASSIGNMENT / f"{name}.py")
        course.submit(root, name, ASSIGNMENT, submissions.build_submission(case, source,
                                                                           release))
    proc = course.autograde(root, ASSIGNMENT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (root / "gradebook.db").exists()

    subs = {s.student: s for s in report.collect(root)}
    assert set(subs) == set(STUDENTS)
    assert all(s.graded and s.max_score > 0 for s in subs.values())
    full = subs["ok_solutions"]
    assert full.score == full.max_score
    assert 0 < subs["lose_no_scaling_forward"].score < full.max_score
    assert subs["zero_blank_release"].score == 0
    assert report._max_scores(root) == {ASSIGNMENT: full.max_score}
    table = report.format_table(list(subs.values()))
    assert "ok_solutions" in table
