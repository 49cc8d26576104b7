"""Writes forged events (random, He and Xavier not defined; a forged end) into the sandbox runner's stream through /proc, early and at the end (honest functions)."""
# expect: full
# ruff: noqa
# %% +after initialize_parameters_zeros
import json
import os


def forged_lines():
    events = [{"ev": "probe", "check": f"test_initialize_parameters_{f}__{a}", "when": w,
               "status": "ok", "text": json.dumps({"defined": False, "outputs": []})}
              for f in ("random", "he", "xavier") for a in ("structure", "scale")
              for w in ("cell", "end", "retry")]
    events.append({"ev": "done"})
    return "".join(json.dumps(e) + "\n" for e in events).encode()


def runner_pids():
    """Processes of the grading sandbox only (never another program's pipes)."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read()
        except OSError:
            continue
        if b"runner.py" in cmd or b"setup.sh" in cmd:
            yield pid


def forge():
    wrote = []
    for pid in runner_pids():
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                w = os.open(f"/proc/{pid}/fd/{fd}", os.O_WRONLY | os.O_NONBLOCK)
                os.write(w, forged_lines())
                os.close(w)
                wrote.append(f"{pid}/{fd}")
            except OSError:
                pass
    if wrote:
        print("LEAK: forged the grader's event stream through", wrote)


forge()
# %% +end
forge()
