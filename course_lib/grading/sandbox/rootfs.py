"""The filesystem student code sees in the sandbox: an allowlist, not the host minus a few
folders.

The set-up script (run as the namespace's root in fresh mount, pid and network namespaces,
by :mod:`course_lib.grading.sandbox.setup_shell`, which makes the system calls itself; ``sh``
runs it the same way) builds a new root on an empty tmpfs and ``pivot_root``\\ s into it, so
nothing else of the host is reachable. What the new root holds:

- read-only: the system folders (``/usr`` without ``/usr/local``, ``/bin``, ``/lib``, ...), a
  few files of ``/etc`` (users, libraries, time zone), the Python installation (prefixes and
  site-packages, wherever they are: a venv inside the course folder shows only the venv);
- ``/dev`` with ``null``, ``zero``, ``full``, ``random``, ``urandom`` and a private ``/dev/shm``;
  ``/proc`` of the sandbox's own pid namespace;
- ``/tmp``: a private size-limited tmpfs with ``job`` (the submission's cells and the probes'
  inputs, read-only), ``lib`` (the student-safe copy of ``course_lib``, read-only), ``work``
  (the kernel's working folder) and ``probe`` (the probes' results, a tmpfs of its own);
- empty read-only tmpfs masks over anything inside those that must stay hidden: every other
  ``course_lib`` package (a non-editable install would hold ``instructor/``), the folder the
  library is installed from, and the caller's ``hidden`` folders.

A best-effort step (making a mount read-only) either succeeds or reports a ``degraded`` event
on the stream; no step fails silently.
"""

from __future__ import annotations

import glob
import json
import os
import shlex
import site
import sys
from pathlib import Path

__all__ = ["python_dirs", "course_lib_copies", "setup_script", "DEGRADED"]

#: System folders (or symlinks to them) mounted read-only.
SYSTEM = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
SYSTEM_TOPS = tuple(p.strip("/") for p in SYSTEM)
#: Inside the system folders but not system files: masked (the Python installation, if it
#: lives there, is mounted back).
SYSTEM_MASKED = ("/usr/local",)
#: Files and folders of /etc the kernel may need (users, the dynamic linker, time, MIME types).
ETC = ("passwd", "group", "hosts", "nsswitch.conf", "localtime", "timezone", "ld.so.cache",
       "ld.so.conf", "ld.so.conf.d", "alternatives", "mime.types", "fonts", "os-release")
DEVICES = ("null", "zero", "full", "random", "urandom")
#: The event a best-effort step that failed writes on the runner's stream.
DEGRADED = "degraded"

q = shlex.quote


def _inside(path: Path, parent: Path) -> bool:
    return path == parent or parent in path.parents


def _existing(paths) -> list[Path]:
    """Existing folders among ``paths`` (resolved, once each, never ``/``)."""
    found = []
    for p in paths:
        p = Path(p).resolve()
        if p.is_dir() and p != Path("/") and p not in found:
            found.append(p)
    return found


def python_dirs() -> list[Path]:
    """The Python installation the kernel runs: prefixes and site-packages."""
    exe = Path(sys.executable).resolve()
    return _existing([sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
                      exe.parent.parent, *site.getsitepackages()])


def course_lib_copies(roots: list[Path]) -> list[Path]:
    """Every ``course_lib`` package in a site-packages folder under ``roots`` (a non-editable
    install holds ``instructor/``), and the one this process imports."""
    import course_lib

    found = {Path(course_lib.__file__).resolve().parent}
    for root in roots:
        for pattern in ("lib/python3*/site-packages/course_lib", "lib/python3*/dist-packages/"
                        "course_lib", "lib/python3/dist-packages/course_lib",
                        "local/lib/python3*/*-packages/course_lib"):
            found.update(Path(p).resolve() for p in glob.glob(str(root / pattern)))
    return sorted(found)


def _degrade(message: str) -> str:
    return "echo " + q(json.dumps({"ev": DEGRADED, "message": message}))


def best_effort(command: str, message: str) -> str:
    """A shell line: ``command``, or a ``degraded`` event saying ``message``."""
    return f"{command} || {_degrade(message)}"


def _read_only(target: str, what: str) -> str:
    return best_effort(f"mount -n -o remount,bind,ro {q(target)}",
                       f"{what} could not be made read-only")


def _bind(src: Path, root: str, ro: bool = True, dst: str | None = None) -> list[str]:
    target = root + (dst or str(src))
    make = f"mkdir -p {q(target)}" if src.is_dir() else (
        f"mkdir -p {q(os.path.dirname(target))} && touch {q(target)}")
    lines = [make, f"mount -n --rbind {q(str(src))} {q(target)}"]
    return lines + ([_read_only(target, dst or str(src))] if ro else [])


def _bind_open(src: Path, root: str) -> list[str]:
    """Mount ``src`` read-only; a folder that only its owner or group may enter (a venv of
    mode 750) gets a fresh folder of mode 755 with its entries mounted in it, so that the
    sandbox's uid can use it."""
    if src.stat().st_mode & 0o005 == 0o005:
        return _bind(src, root)
    lines = [f"mkdir -p {q(root + str(src))}"]
    for entry in sorted(src.iterdir()):
        if entry.is_symlink():
            lines.append(f"ln -s {q(os.readlink(entry))} {q(root + str(entry))}")
        else:
            lines += _bind(entry, root)
    return lines


def _system(root: str) -> list[str]:
    lines = []
    for name in SYSTEM:
        path = Path(name)
        if path.is_symlink():
            lines.append(f"ln -s {q(os.readlink(path))} {q(root + name)}")
        elif path.is_dir():
            lines += _bind(path, root)
    etc = Path("/etc")
    lines.append(f"mkdir -p {q(root + '/etc')}")
    for name in ETC:
        path = etc / name
        if path.is_symlink():
            lines.append(f"ln -s {q(os.readlink(path))} {q(root + str(path))}")
        elif path.exists():
            lines += _bind(path, root)
    return lines


def _layers(root: str, system: list[Path], pythons: list[Path], masks: list[Path]
            ) -> tuple[list[str], list[str]]:
    """Lines that mount the Python installation and cover the ``masks`` with empty tmpfs,
    outermost first, each only where it is not visible yet (a Python folder) or visible (a
    mask): a mask at the same place as a Python folder goes under it; a ``course_lib`` inside
    site-packages mounted back inside a mask is masked again. Also the lines that make the
    masks read-only once everything is mounted."""
    placed = [(s, True) for s in system]           # (path, shown)
    lines, seal = [], []
    todo = [(m, False) for m in _existing(masks)] + [(p, True) for p in pythons]
    for path, show in sorted(todo, key=lambda ps: (len(ps[0].parts), ps[1], ps[0])):
        covers = [(len(pl[0].parts), k, pl[1]) for k, pl in enumerate(placed)
                  if _inside(path, pl[0])]
        visible = bool(covers) and max(covers)[2]  # the deepest, the last placed there
        if show == visible:
            continue  # a Python folder already shown, or a mask over nothing visible
        placed.append((path, show))
        if show:
            lines += _bind_open(path, root)
            continue
        target = q(root + str(path))
        lines.append(f"mount -n -t tmpfs -o size=1m,mode=755 course-hidden {target}")
        seal.append(best_effort(f"mount -n -o remount,ro {target}",
                                f"the mask over {path} could not be made read-only"))
    return lines, seal


def _devices(root: str) -> list[str]:
    dev = root + "/dev"
    lines = [f"mkdir {q(dev)}", f"mount -n -t tmpfs -o size=1m,mode=755 course-dev {q(dev)}"]
    for name in DEVICES:
        lines += [f"touch {q(dev + '/' + name)}",
                  f"mount -n --bind /dev/{name} {q(dev + '/' + name)}"]
    for i, name in enumerate(("stdin", "stdout", "stderr")):
        lines.append(f"ln -s /proc/self/fd/{i} {q(dev + '/' + name)}")
    lines += [f"ln -s /proc/self/fd {q(dev + '/fd')}", f"mkdir {q(dev + '/shm')}",
              f"mount -n -t tmpfs -o size=16m,mode=1777 course-shm {q(dev + '/shm')}",
              best_effort(f"mount -n -o remount,ro {q(dev)}",
                          "/dev of the sandbox could not be made read-only"),
              f"mkdir {q(root + '/proc')}", f"mount -n --rbind /proc {q(root + '/proc')}"]
    return lines


def _scratch(root: str, base: Path, lib: Path, tmpfs_mb: int, probe_mb: int,
             uid: int | None) -> list[str]:
    tmp = root + "/tmp"
    lines = [f"mkdir {q(tmp)}",
             f"mount -n -t tmpfs -o size={int(tmpfs_mb)}m,mode=1777 course-tmp {q(tmp)}",
             "mkdir " + " ".join(q(f"{tmp}/{d}") for d in ("job", "lib", "work", "probe")),
             # the probes' results get a tmpfs of their own: a full /tmp cannot stop them
             f"mount -n -t tmpfs -o size={int(probe_mb) + 16}m,mode=1777 course-probe "
             f"{q(tmp + '/probe')}"]
    lines += _bind(base / "job", root, dst="/tmp/job") + _bind(lib, root, dst="/tmp/lib")
    lines += [f"mkdir -p {q(root + '/var')}", f"ln -s /tmp {q(root + '/var/tmp')}"]
    if uid is not None:
        work = f"{q(tmp + '/work')} {q(tmp + '/probe')}"
        lines += [f"chown {uid}:{uid} {work}", f"chmod 700 {work}"]
    return lines


def new_root_lines(base: Path, lib: Path, hidden: list[Path], uid: int | None,
                   tmpfs_mb: int, probe_mb: int) -> list[str]:
    """Shell lines that build the new root in ``base/root`` and pivot into it."""
    root = str(base / "root")
    pythons = python_dirs()
    system = [Path(p).resolve() for p in SYSTEM if Path(p).is_dir() and not
              Path(p).is_symlink()]
    masks = ([Path(m) for m in SYSTEM_MASKED] + course_lib_copies(system + pythons)
             + [Path(h).resolve() for h in hidden])
    layers, seal = _layers(root, system, pythons, masks)
    lines = ["mount -n --make-rprivate /",
             f"mount -n -t tmpfs -o size=4m,mode=755 course-root {q(root)}",
             f"mkdir {q(root + '/.old')}"]
    # The private /tmp first: a Python installation that lives under /tmp (a checkout in
    # /tmp with its .venv) is then mounted inside it, not under a tmpfs mounted later.
    lines += _scratch(root, base, lib, tmpfs_mb, probe_mb, uid)
    lines += _system(root) + layers + seal + _devices(root)
    lines += [f"cd {q(root)}", "pivot_root . .old", "umount -n -l /.old", "rmdir /.old",
              best_effort("mount -n -o remount,ro /", "the new root could not be made "
                          "read-only")]
    return lines


def setup_script(base: Path, lib: Path, hidden: list[Path], uid: int | None, tmpfs_mb: int,
                 probe_mb: int, runner_cmd: list[str], env: dict[str, str]) -> str:
    """The shell script run as (namespace) root inside the fresh namespaces."""
    lines = ["set -eu"] + new_root_lines(base, lib, hidden, uid, tmpfs_mb, probe_mb)
    lines.append("cd /tmp/work")
    envs = " ".join(q(f"{k}={v}") for k, v in env.items())
    run = " ".join(q(c) for c in runner_cmd)
    if uid is not None:
        lines.append(f"setpriv --reuid={uid} --regid={uid} --clear-groups --inh-caps=-all "
                     f"--bounding-set=-all --no-new-privs -- env -i {envs} {run}")
    else:
        # Namespace root of an unprivileged user namespace: drop every capability for good,
        # so that student code cannot undo the mounts.
        lines.append("setpriv --inh-caps=-all --bounding-set=-all --no-new-privs "
                     "--securebits=+noroot,+noroot_locked,+no_setuid_fixup,"
                     f"+no_setuid_fixup_locked -- env -i {envs} {run}")
    return "\n".join(lines) + "\n"
