"""Runs the sandbox's set-up script (:func:`course_lib.grading.sandbox.rootfs.setup_script`)
with system calls, in one process, instead of ``/bin/sh`` starting about 90 programs.

    python -I -S setup_shell.py setup.sh

The script stays a plain shell script (``sh setup.sh`` does the same thing); this reads only
the lines :mod:`rootfs` writes: ``mount`` in its six forms, ``mkdir``, ``touch``, ``ln -s``,
``chown``, ``chmod``, ``cd``, ``pivot_root``, ``umount -l``, ``rmdir``, ``echo``, ``set``,
``true``/``false``, ``A && B``, ``A || echo ...``, and a last ``setpriv ...`` whose exit
status ends this process. Anything else, or any step that fails outside ``||``, ends the
set-up with exit status 1 and the reason on stderr (fail closed, as ``set -eu``). A standalone
script of the standard library only: it runs before the new root exists, from the library
copy.
"""

from __future__ import annotations

import os
import platform
import shlex
import signal
import subprocess
import sys

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
#: Per-mount flags a remount keeps (statvfs reports them with the same values).
KEPT = MS_NOSUID | MS_NODEV | MS_NOEXEC
PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}.get(platform.machine())

try:  # a Python without ctypes: sh runs the script (main)
    import ctypes

    _libc = ctypes.CDLL(None, use_errno=True)
except (ImportError, OSError):
    _libc = None


class SetupError(Exception):
    """A step of the set-up script failed, or is not one this interpreter knows."""


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise SetupError(f"{what}: {os.strerror(err)}")


def _enc(text: str | None) -> bytes | None:
    return None if text is None else text.encode()


def _mount(source: str | None, target: str, fstype: str | None, flags: int,
           data: str | None = None) -> None:
    enc = _enc
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags),
                       enc(data)), f"mount {target}")


def mount(args: list[str]) -> None:
    """``mount -n`` with ``--make-rprivate``, ``--rbind``, ``--bind``, ``-t tmpfs -o ...``,
    ``-o remount,bind,ro`` or ``-o remount,ro``."""
    args = [a for a in args if a != "-n"]
    if args[:1] == ["--make-rprivate"] and len(args) == 2:
        return _mount("none", args[1], None, MS_REC | MS_PRIVATE)
    if args[:1] in (["--rbind"], ["--bind"]) and len(args) == 3:
        flags = MS_BIND | (MS_REC if args[0] == "--rbind" else 0)
        return _mount(args[1], args[2], None, flags)
    if args[:2] == ["-t", "tmpfs"] and args[2:3] == ["-o"] and len(args) == 6:
        return _mount(args[4], args[5], "tmpfs", 0, args[3])
    if args[:1] == ["-o"] and len(args) == 3 and args[1] in ("remount,bind,ro", "remount,ro"):
        kept = os.statvfs(args[2]).f_flag & KEPT
        bind = MS_BIND if args[1] == "remount,bind,ro" else 0
        return _mount(None, args[2], None, MS_REMOUNT | MS_RDONLY | bind | kept)
    raise SetupError(f"mount {' '.join(args)}: not a form of the set-up script")


def pivot_root(new: str, old: str) -> None:
    if PIVOT_ROOT is None:  # another architecture: the program does it
        subprocess.run(["pivot_root", new, old], check=True)
        return
    _check(_libc.syscall(PIVOT_ROOT, new.encode(), old.encode()), "pivot_root")


def _mkdir(args: list[str]) -> None:
    if args[:1] == ["-p"]:
        for path in args[1:]:
            os.makedirs(path, exist_ok=True)
    else:
        for path in args:
            os.mkdir(path)


def _touch(args: list[str]) -> None:
    for path in args:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_NOCTTY, 0o666))


def _chown(args: list[str]) -> None:
    uid, gid = (int(x) for x in args[0].split(":"))
    for path in args[1:]:
        os.chown(path, uid, gid)


def _ln(args: list[str]) -> None:
    if args[:1] != ["-s"] or len(args) != 3:
        raise SetupError(f"ln {' '.join(args)}: not a form of the set-up script")
    os.symlink(args[1], args[2])


def _umount(args: list[str]) -> None:
    if [a for a in args if a != "-n"][:1] != ["-l"]:
        raise SetupError(f"umount {' '.join(args)}: not a form of the set-up script")
    _check(_libc.umount2(args[-1].encode(), MNT_DETACH), f"umount {args[-1]}")


def _no_arguments(args: list[str], allowed: list[str]) -> None:
    if args != allowed:
        raise SetupError(f"{' '.join(args)}: unexpected arguments")


def _false(args: list[str]) -> None:
    raise SetupError("false")


def _echo(args: list[str]) -> None:
    sys.stdout.write(" ".join(args) + "\n")
    sys.stdout.flush()


def _setpriv(args: list[str]) -> None:
    """Start the runner (through ``setpriv``) as this process's child and end with its exit
    status, as ``sh`` does: this process stays the namespace's init (pid 1), which student
    code cannot signal, and the runner stays an ordinary process."""
    sys.stdout.flush()
    child = os.fork()
    if child == 0:
        try:
            for sig in (signal.SIGPIPE, signal.SIGXFSZ):  # as sh leaves them to its children
                signal.signal(sig, signal.SIG_DFL)
            os.execvp("setpriv", ["setpriv", *args])
        finally:
            os._exit(127)
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as pid 1, no signal from inside ends it
    os._exit(wait_for(child))


def wait_for(child: int) -> int:
    """``child``'s exit status (128 + the signal that ended it), reaping every other process
    that ends meanwhile (orphans are re-parented to the namespace's init)."""
    while True:
        pid, status = os.wait()
        if pid == child:
            code = os.waitstatus_to_exitcode(status)
            return code if code >= 0 else 128 - code


COMMANDS = {
    "mount": mount, "mkdir": _mkdir, "touch": _touch, "chown": _chown, "ln": _ln,
    "umount": _umount, "echo": _echo, "setpriv": _setpriv, "false": _false,
    "chmod": lambda a: [os.chmod(p, int(a[0], 8)) for p in a[1:]],
    "cd": lambda a: os.chdir(a[0]),
    "rmdir": lambda a: [os.rmdir(p) for p in a],
    "pivot_root": lambda a: pivot_root(*a),
    "set": lambda a: _no_arguments(a, ["-eu"]), "true": lambda a: _no_arguments(a, []),
}


def run_command(words: list[str]) -> None:
    """Run one simple command; any failure raises :class:`SetupError`."""
    if not words or words[0] not in COMMANDS:
        raise SetupError(f"{' '.join(words)}: not a command of the set-up script")
    try:
        COMMANDS[words[0]](words[1:])
    except SetupError:
        raise
    except (OSError, ValueError, TypeError, IndexError, subprocess.SubprocessError) as exc:
        raise SetupError(f"{' '.join(words)}: {exc}") from exc


def split(line: str) -> list[tuple[str, list[str]]]:
    """``[(operator, words), ...]`` of one line: the first operator is ``""``, then ``&&`` or
    ``||`` as written (quoted text never splits)."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars="&|;<>()")
    lexer.whitespace_split = True
    parts, words, op = [], [], ""
    for token in lexer:
        if token in ("&&", "||"):
            parts.append((op, words))
            words, op = [], token
        elif set(token) <= set("&|;<>()"):
            raise SetupError(f"{line}: {token!r} is not an operator of the set-up script")
        else:
            words.append(token)
    parts.append((op, words))
    return parts


def run_line(line: str) -> None:
    """One line, as ``sh -e`` runs it: ``&&`` runs on while each step succeeds, ``||`` runs
    its right side only when the left failed; a failure that nothing catches raises."""
    failed: SetupError | None = None
    for op, words in split(line):
        if (op == "&&" and failed) or (op == "||" and not failed):
            continue
        try:
            run_command(words)
            failed = None
        except SetupError as exc:
            failed = exc
    if failed:
        raise failed


def main(argv: list[str]) -> int:
    if _libc is None:  # no system calls from here: the same script, by sh
        os.execv("/bin/sh", ["/bin/sh", argv[1]])
    with open(argv[1]) as f:
        lines = [ln for ln in f.read().splitlines() if ln.strip() and not ln.startswith("#")]
    for n, line in enumerate(lines, 1):
        try:
            run_line(line)
        except SetupError as exc:
            sys.stderr.write(f"sandbox set-up, line {n}: {exc}\n")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
