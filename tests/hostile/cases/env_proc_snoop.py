"""Reads other processes' command lines and environment through /proc (honest functions)."""
# expect: full
# ruff: noqa
# %% +end
import os

for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == os.getpid():
        continue
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        continue
    if "nbgrader" in cmd or "gradebook" in cmd:
        print("LEAK: found the grader process:", cmd[:200])
        break
