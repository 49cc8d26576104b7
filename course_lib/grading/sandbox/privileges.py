"""The set-up script's last line, ``setpriv ... -- env -i K=V... python -I runner.py job``,
done in this process (for a warm start, :mod:`course_lib.grading.sandbox.zygote`): the same
privileges dropped by the same system calls, then the check that nothing is left.

Only the two forms :func:`course_lib.grading.sandbox.rootfs.setup_script` writes are
accepted (fail closed, as :mod:`setup_shell`):

- root: ``--reuid=U --regid=U --clear-groups --inh-caps=-all --bounding-set=-all
  --no-new-privs``: a fresh unprivileged uid and gid, no groups, no capabilities;
- namespace root of a user namespace: ``--inh-caps=-all --bounding-set=-all --no-new-privs
  --securebits=+noroot,+noroot_locked,+no_setuid_fixup,+no_setuid_fixup_locked``: every
  capability dropped for good.

A standalone module of the standard library only (loaded by path, never as ``course_lib``).
"""

from __future__ import annotations

import ctypes
import os

PR_CAPBSET_DROP, PR_SET_SECUREBITS, PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT = 24, 28, 38, 47
PR_CAP_AMBIENT_CLEAR_ALL = 4
#: noroot, noroot_locked, no_setuid_fixup, no_setuid_fixup_locked
SECUREBITS = 0b1111
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
COMMON = ["--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
USERNS = COMMON + ["--securebits=+noroot,+noroot_locked,+no_setuid_fixup,"
                   "+no_setuid_fixup_locked"]
_STATUS_ZERO = ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")


class PrivilegeError(Exception):
    """The line is not one the set-up script writes, or a step failed."""


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Data(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


_libc = ctypes.CDLL(None, use_errno=True)


def _call(result: int, what: str) -> None:
    if result != 0:
        raise PrivilegeError(f"{what}: {os.strerror(ctypes.get_errno())}")


def _prctl(option: int, arg: int, what: str, arg2: int = 0) -> None:
    _call(_libc.prctl(option, ctypes.c_ulong(arg), ctypes.c_ulong(arg2), 0, 0), what)


def parse(args: list[str]) -> tuple[int | None, dict[str, str], list[str]]:
    """``(uid or None, environment, command)`` of ``setpriv`` arguments in a known form."""
    if "--" not in args:
        raise PrivilegeError("setpriv without --")
    cut = args.index("--")
    options, rest = args[:cut], args[cut + 1:]
    uid = None
    if options[:2] and options[0].startswith("--reuid="):
        uid = int(options[0].split("=", 1)[1])
        if options != [f"--reuid={uid}", f"--regid={uid}", "--clear-groups"] + COMMON:
            raise PrivilegeError(f"setpriv {' '.join(options)}: not a form of the set-up script")
    elif options != USERNS:
        raise PrivilegeError(f"setpriv {' '.join(options)}: not a form of the set-up script")
    if rest[:2] != ["env", "-i"]:
        raise PrivilegeError("setpriv: the command is not env -i")
    words = rest[2:]
    env = {}
    while words and words[0].split("=", 1)[0].isidentifier() and "=" in words[0]:
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    return uid, env, words


def _clear_capabilities() -> None:
    header = _Header(_LINUX_CAPABILITY_VERSION_3, 0)
    data = (_Data * 2)()
    _call(_libc.capset(ctypes.byref(header), data), "capset")


def drop(uid: int | None) -> None:
    """Drop every privilege as ``setpriv`` does for the form of ``uid`` (see the module)."""
    last = int(open("/proc/sys/kernel/cap_last_cap").read())
    for cap in range(last + 1):
        _prctl(PR_CAPBSET_DROP, cap, f"dropping capability {cap} from the bounding set")
    _prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, "clearing the ambient capabilities")
    if uid is None:
        _prctl(PR_SET_SECUREBITS, SECUREBITS, "setting the securebits")
    else:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
    _clear_capabilities()
    _prctl(PR_SET_NO_NEW_PRIVS, 1, "setting no_new_privs")
    verify(uid)


def verify(uid: int | None) -> None:
    """Raise unless no capability is left, ``no_new_privs`` is set and (root form) the ids
    and groups are ``uid`` only."""
    status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines()
                  if ":" in line)
    left = [k for k in _STATUS_ZERO if int(status.get(k, "1").strip(), 16) != 0]
    if left or status.get("NoNewPrivs", "0").strip() != "1":
        raise PrivilegeError(f"privileges left after the drop: {left or 'no_new_privs'}")
    if uid is not None and (set(os.getresuid()) | set(os.getresgid()) != {uid}
                            or os.getgroups()):
        raise PrivilegeError("the uid, gid or groups were not changed")
