"""Set up (and take down) one course on a JupyterHub: Unix users, the course folder, the
nbgrader exchange and the per-role Jupyter configuration. Run as root.

    python deploy/jupyterhub/course_hub.py setup --root /srv/pdl --instructor teacher \\
        --students alice,bob [--port 8000]
    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py      # with PDL_HUB=/srv/pdl/hub.json
    python deploy/jupyterhub/course_hub.py teardown --root /srv/pdl [--delete-users]

What a deployment holds (``--root``, the "deployment root"):

- ``exchange/`` (1777, as nbgrader documents): where releases, submissions and feedback pass;
- ``etc/student/`` and ``etc/instructor/``: the Jupyter configuration of each role (the hub puts
  it on ``JUPYTER_CONFIG_PATH``): students get the Assignments panel and never the Formgrader;
  the instructor's single-user server lets JupyterLab frame the Formgrader;
- ``lib/student/course_lib``: the course library without ``course_lib/instructor`` (students'
  ``PYTHONPATH``);
- ``hub/`` (0700): the hub's database, cookie secret and log;
- ``hub.json``: what ``jupyterhub_config.py`` reads.

The course itself (``nbgrader_config.py``, ``source/``, ``course_lib`` with the reference) is
copied to ``~instructor/<course>/``, mode 0700 in a 0700 home: with the usual umask 022, the
gradebook, exported grades and collected submissions are created world-readable, so the folder
around them must not be. ``~instructor/.jupyter/nbgrader_config.py`` names the course root, so
the Formgrader finds the course from the home folder where the server starts.

The hub's users run their own Python environment (``deploy/.venv-hub``, which ``make hub-deps``
builds on the system's Python: a pyenv Python under /root is not executable by them). The
checkout's instructor-only content (the reference, sources, tests, examples, git history,
grading output) is made unreadable to them (``o-rwx``).
"""

from __future__ import annotations

import argparse
import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COURSE_ID = "practical-deep-learning"
INSTRUCTOR_ONLY = "instructor"
STUDENT_EXTENSIONS_OFF = ["nbgrader.server_extensions.formgrader",
                          "nbgrader.server_extensions.course_list"]
# JupyterLab's news pop-up asks every user to opt in: not in a class.
LAB_PLUGINS_OFF = ["@jupyterlab/apputils-extension:announcements"]
STUDENT_LAB_PLUGINS_OFF = LAB_PLUGINS_OFF + [
    "@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:create-assignment"]
# JupyterHub (>= 4.1) sends ``frame-ancestors 'none'`` from every single-user server, which
# blocks the Formgrader that JupyterLab shows in an iframe of the same origin.
INSTRUCTOR_CSP = "frame-ancestors 'self'"
# What a checkout on the hub's machine holds that students must not read.
CHECKOUT_INSTRUCTOR_ONLY = ["course_lib/instructor", "source", "tests", "examples", ".git",
                            "gradebook.db", "grades.csv", "submitted", "autograded", "feedback",
                            "grading_records", "reports", "demo"]


def run(*cmd: str, input: str | None = None) -> None:
    subprocess.run(cmd, check=True, input=input, text=True, capture_output=True)


def write(path: Path, text: str, mode: int = 0o644) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(mode)


# --------------------------------------------------------------------------- users


def make_user(name: str, password: str | None) -> pwd.struct_passwd:
    """A Unix user with a private (0700) home; ``password`` set when given (PAM logins)."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        run("useradd", "--create-home", "--shell", "/bin/bash", name)
    user = pwd.getpwnam(name)
    os.chmod(user.pw_dir, 0o700)
    if password:
        run("chpasswd", input=f"{name}:{password}\n")
    return user


def delete_user(name: str) -> None:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return
    subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
    run("userdel", "--remove", name)


def chown_tree(path: Path, user: pwd.struct_passwd) -> None:
    for root, dirs, files in os.walk(path):
        for name in [root, *(os.path.join(root, d) for d in dirs),
                     *(os.path.join(root, f) for f in files)]:
            os.lchown(name, user.pw_uid, user.pw_gid)


# --------------------------------------------------------------------------- the course


def _ignore(directory: str, names: list[str]) -> set[str]:
    return {n for n in names if n in ("__pycache__", ".ipynb_checkpoints") or n.endswith(".pyc")}


def copy_course(instructor: pwd.struct_passwd, course_dir: str) -> Path:
    """The course under the instructor's home: config, sources and the full library (0700)."""
    course = Path(instructor.pw_dir) / course_dir
    course.mkdir(mode=0o700, exist_ok=True)
    course.chmod(0o700)
    shutil.copy2(REPO / "nbgrader_config.py", course / "nbgrader_config.py")
    for folder in ("source", "course_lib"):
        shutil.copytree(REPO / folder, course / folder, ignore=_ignore, dirs_exist_ok=True)
    chown_tree(course, instructor)
    return course


def student_library(root: Path) -> Path:
    """``course_lib`` without its instructor-only folder, readable by everyone."""
    lib = root / "lib" / "student"
    if lib.exists():
        shutil.rmtree(lib)
    skip_instructor = lambda d, names: _ignore(d, names) | (  # noqa: E731
        {INSTRUCTOR_ONLY} if Path(d) == REPO / "course_lib" else set())
    shutil.copytree(REPO / "course_lib", lib / "course_lib", ignore=skip_instructor)
    for path in [lib.parent, *lib.rglob("*"), lib]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return lib


def lock_checkout(repo: Path) -> list[str]:
    """Make the checkout's instructor-only content unreadable to other users (``o-rwx``): the
    reference, the sources, the tests and examples (full solutions), git history and any
    grading output; returns what was locked. Everything else stays as it was."""
    locked = []
    for rel in CHECKOUT_INSTRUCTOR_ONLY:
        path = repo / rel
        if path.exists() and not path.is_symlink():
            path.chmod(path.stat().st_mode & ~0o007)
            locked.append(rel)
    return locked


# --------------------------------------------------------------------------- configuration


def exchange(root: Path) -> Path:
    """nbgrader's exchange: world-writable with the sticky bit (1777)."""
    path = root / "exchange"
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o1777)
    return path


def role_configs(root: Path, exchange_root: Path) -> dict[str, Path]:
    """``etc/student`` and ``etc/instructor``: nbgrader, server and JupyterLab settings."""
    common = (f"c = get_config()  # noqa: F821\n"
              f"c.Exchange.root = {str(exchange_root)!r}\n"
              f"c.CourseDirectory.course_id = {COURSE_ID!r}\n")
    student, instructor = root / "etc" / "student", root / "etc" / "instructor"
    write(student / "nbgrader_config.py", common)
    write(student / "jupyter_server_config.json", json.dumps(
        {"ServerApp": {"jpserver_extensions": {e: False for e in STUDENT_EXTENSIONS_OFF}}},
        indent=1))
    write(student / "labconfig" / "page_config.json", json.dumps(
        {"disabledExtensions": {p: True for p in STUDENT_LAB_PLUGINS_OFF}}, indent=1))
    write(instructor / "nbgrader_config.py", common)
    write(instructor / "labconfig" / "page_config.json", json.dumps(
        {"disabledExtensions": {p: True for p in LAB_PLUGINS_OFF}}, indent=1))
    write(instructor / "jupyter_server_config.json", json.dumps(
        {"ServerApp": {"tornado_settings": {"headers": {
            "Content-Security-Policy": INSTRUCTOR_CSP}}}}, indent=1))
    for path in (root / "etc", student, instructor, student / "labconfig",
                 instructor / "labconfig"):
        path.chmod(0o755)
    return {"student": student, "instructor": instructor}


def instructor_nbgrader_config(user: pwd.struct_passwd, course: Path,
                               exchange_root: Path) -> Path:
    """``~/.jupyter/nbgrader_config.py``: the course root, found from the home folder (the
    course's own ``nbgrader_config.py`` is then loaded from that root by nbgrader)."""
    path = Path(user.pw_dir) / ".jupyter" / "nbgrader_config.py"
    write(path, f"c = get_config()  # noqa: F821\n"
                f"c.CourseDirectory.root = {str(course)!r}\n"
                f"c.Exchange.root = {str(exchange_root)!r}\n"
                f"c.CourseDirectory.course_id = {COURSE_ID!r}\n", 0o600)
    chown_tree(path.parent, user)
    return path


# --------------------------------------------------------------------------- set-up


def setup(args) -> dict:
    root = Path(args.root).resolve()
    root.mkdir(parents=True, exist_ok=True)
    root.chmod(0o755)
    hub = root / "hub"
    hub.mkdir(mode=0o700, exist_ok=True)
    hub.chmod(0o700)
    venv = Path(args.venv).resolve()
    passwords = {}
    users = [args.instructor, *args.students]
    for name in users:
        passwords[name] = secrets.token_urlsafe(12) if args.passwords else None
        make_user(name, passwords[name])
    teacher = pwd.getpwnam(args.instructor)
    ex = exchange(root)
    course = copy_course(teacher, args.course_dir)
    settings = {
        "root": str(root), "course_id": COURSE_ID, "course": str(course),
        "instructor": args.instructor, "students": list(args.students),
        "venv": str(venv), "ip": args.ip, "port": args.port,
        "proxy": str(REPO / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"),
        "config": {k: str(v) for k, v in role_configs(root, ex).items()},
        "student_lib": str(student_library(root)),
        "instructor_nbgrader_config": str(instructor_nbgrader_config(teacher, course, ex)),
        "locked": lock_checkout(REPO) if args.lock_checkout else [],
    }
    write(root / "hub.json", json.dumps(settings, indent=1), 0o600)
    if args.passwords:
        write(hub / "passwords.json", json.dumps(passwords, indent=1), 0o600)
    return settings


def teardown(args) -> None:
    root = Path(args.root).resolve()
    settings_file = root / "hub.json"
    if args.delete_users and settings_file.exists():
        settings = json.loads(settings_file.read_text())
        for name in [settings["instructor"], *settings["students"]]:
            delete_user(name)
    shutil.rmtree(root, ignore_errors=True)


def parse(argv: list[str]):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    up = sub.add_parser("setup", help="users, course folder, exchange and configuration")
    up.add_argument("--root", default="/srv/pdl", help="the deployment root")
    up.add_argument("--instructor", required=True)
    up.add_argument("--students", type=lambda s: [n for n in s.split(",") if n], default=[])
    up.add_argument("--course-dir", default=COURSE_ID, help="folder under the instructor's home")
    up.add_argument("--venv", default=str(REPO / "deploy" / ".venv-hub"),
                    help="the users' Python environment (`make hub-deps` builds the default)")
    up.add_argument("--ip", default="127.0.0.1")
    up.add_argument("--port", type=int, default=8000)
    up.add_argument("--passwords", action="store_true",
                    help="set random passwords (written to <root>/hub/passwords.json)")
    up.add_argument("--no-lock-checkout", dest="lock_checkout", action="store_false",
                    help="leave the checkout readable to the hub's users")
    down = sub.add_parser("teardown", help="remove the deployment root")
    down.add_argument("--root", default="/srv/pdl")
    down.add_argument("--delete-users", action="store_true",
                      help="also delete the Unix users of hub.json and their homes")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    if os.geteuid() != 0:
        print("course_hub.py: run as root (it creates users and sets ownership)",
              file=sys.stderr)
        return 2
    if args.command == "setup":
        print(json.dumps(setup(args), indent=1))
    else:
        teardown(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
