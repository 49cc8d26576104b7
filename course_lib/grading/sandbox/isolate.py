"""The sandbox that runs student code (trusted side: prepares, launches and reads a run).

A run executes the code cells of one notebook, and the hidden checks' probes beside them, in a
Jupyter kernel driven by :mod:`course_lib.grading.sandbox.runner`; both processes live inside the
sandbox. What comes back is a stream of JSON lines (cell outputs, probe outputs as plain-data
text, events) that the trusted side reads with size caps and never executes or unpickles.

Isolation, strongest first (``mode``):

``root``
    The grader runs as root: ``unshare`` gives the run fresh network, mount and pid namespaces;
    the course folder, the folder ``course_lib`` is installed from (with ``instructor/``) and the
    home folders are covered by empty tmpfs mounts (only the Python installation is mounted back,
    read-only); ``/tmp``, ``/var/tmp`` and ``/dev/shm`` are fresh size-limited tmpfs; ``/`` is
    remounted read-only; then the runner drops to a fresh unprivileged uid with no capabilities
    and ``no_new_privs``. A copy of ``course_lib`` without ``instructor/`` is on ``PYTHONPATH``.
``userns``
    Not root, but unprivileged user namespaces work: the same namespaces and mounts, without the
    change of uid.
``none``
    Neither works: grading is refused (:class:`IsolationRefused`, one message saying what was
    tried, what failed and how to fix it), unless grading without isolation was explicitly
    allowed (:func:`ensure_isolation`); then rlimits and time limits only, and every submission
    is flagged ``sandbox degraded: <why>``.

In every mode the kernel gets rlimits (address space, CPU time, processes, file size, open
files), each cell a wall-time limit, the notebook a wall-time limit, the outputs a size cap.
"""

from __future__ import annotations

import atexit
import compileall
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from course_lib.grading.sandbox import rootfs, tempdirs, warmstart

__all__ = ["Limits", "SandboxRun", "IsolationRefused", "detect_mode", "ensure_isolation",
           "run_notebook", "library_copy", "MODES"]

MODES = ("root", "userns", "none")



@dataclass
class Limits:
    """Limits of one sandboxed notebook run (seconds, MB, counts), and how it starts."""

    cell_timeout: float = 60.0        # wall time of one cell (or one probe)
    notebook_timeout: float = 300.0   # wall time of all cells of the notebook
    memory_mb: int = 2048             # address space of the kernel
    cpu_seconds: int = 600            # CPU time of one kernel process
    nproc: int = 96                   # processes and threads of the sandbox user
    file_mb: int = 64                 # size of one written file
    open_files: int = 256
    tmpfs_mb: int = 256               # size of the writable /tmp of the run
    cell_output_kb: int = 256         # outputs kept per cell
    notebook_output_kb: int = 4096    # outputs kept per notebook
    probe_output_mb: int = 64         # plain data read back from one probe
    max_restarts: int = 3             # kernel restarts after a crash or an unstoppable cell
    warm_start: bool = True           # fork runs from a process with the libraries imported

    def hard_wall(self, n_probes: int) -> float:
        """When the trusted side stops waiting and kills the whole sandbox."""
        return (self.notebook_timeout + (n_probes + 2 + self.max_restarts) * self.cell_timeout
                + 30.0)


@dataclass
class SandboxRun:
    """What a sandboxed run produced, as read by the trusted side."""

    mode: str
    degraded: str | None
    events: list[dict] = field(default_factory=list)
    returncode: int | None = None
    killed: bool = False              # stopped by the trusted side at the hard wall time
    truncated: bool = False           # more output than the trusted side reads
    seconds: float = 0.0
    stderr: str = ""                  # setup errors of the sandbox itself (not student output)

    def of(self, kind: str) -> list[dict]:
        return [e for e in self.events if e.get("ev") == kind]


# --------------------------------------------------------------------------- mode detection

_MODE_CACHE: dict[str, tuple[str, str | None]] = {}

#: PATH of the set-up script (util-linux's pivot_root lives in sbin).
_SETUP_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"
_UNSHARE = ["unshare", "--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc"]


def _probe_command(cmd: list[str]) -> str | None:
    """None if ``cmd`` runs and exits 0, else why not."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"{cmd[0]}: {exc}"
    if proc.returncode != 0:
        return (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
    return None


#: Set (to a reason) in the grader's environment to make :func:`detect_mode` find no isolation:
#: how the tests exercise the refusal on a machine where the sandbox works.
UNAVAILABLE_ENV = "COURSE_SANDBOX_UNAVAILABLE"


class IsolationRefused(RuntimeError):
    """The grader cannot isolate student code here, and grading without isolation was not
    allowed: the message says what was tried, what failed and how to fix it."""


def _try_modes(requested: str) -> tuple[str | None, list[str]]:
    """The strongest isolating mode that works for ``requested`` (or None), and what failed."""
    forced = os.environ.get(UNAVAILABLE_ENV)
    if forced:
        return None, [f"{UNAVAILABLE_ENV} is set ({forced})"]
    missing = [c for c in ("unshare", "setpriv", "pivot_root")
               if shutil.which(c, path=_SETUP_PATH) is None]
    if missing:
        return None, [f"the {' and '.join(missing)} command(s) of util-linux are missing"]
    why = []
    if requested in ("auto", "root"):
        if os.geteuid() != 0:
            why.append("namespaces as root: the grader does not run as root")
        else:
            err = _probe_command(_UNSHARE + ["true"])
            if err is None:
                return "root", why
            why.append(f"namespaces as root ({' '.join(_UNSHARE)}) failed: {err}")
    if requested in ("auto", "userns"):
        cmd = ["unshare", "--user", "--map-root-user"] + _UNSHARE[1:]
        err = _probe_command(cmd + ["true"])
        if err is None:
            return "userns", why
        why.append(f"unprivileged user namespaces ({' '.join(cmd)}) failed: {err}")
    return None, why


def _attempt(requested: str) -> tuple[str, str | None]:
    """``(mode, None)`` or ``("none", what was tried and what failed)``, cached."""
    key = f"{requested}|{os.environ.get(UNAVAILABLE_ENV, '')}"
    if key not in _MODE_CACHE:
        if requested == "none":
            _MODE_CACHE[key] = ("none", "the configuration asks for no sandbox (sandbox = "
                                        "'none')")
        else:
            found, why = _try_modes(requested)
            _MODE_CACHE[key] = (found, None) if found else (
                "none", "; ".join(why or ["no isolating mode is available"]))
    return _MODE_CACHE[key]


def detect_mode(requested: str = "auto") -> tuple[str, str | None]:
    """``(mode, degraded_reason)``: the strongest sandbox that works here for ``requested``
    (``auto``, ``root``, ``userns`` or ``none``); ``("none", why)`` if none works."""
    found, why = _attempt(requested)
    if found != "none":
        return found, None
    return "none", f"no isolation ({why}): no network or file isolation, rlimits and time " \
                   "limits only"


FIXES = """How to fix it (any one of):
  - run the grader as root (e.g. `sudo nbgrader autograde <assignment>`), with util-linux's
    unshare and setpriv installed;
  - enable unprivileged user namespaces: `sysctl -w kernel.unprivileged_userns_clone=1`
    (Debian and older kernels), `sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`
    (Ubuntu 23.10 and later), `sysctl -w user.max_user_namespaces=15000` if it is 0;
  - in Docker: `docker run --security-opt seccomp=unconfined --security-opt apparmor=unconfined
    ...` (user namespaces), or `--cap-add SYS_ADMIN` with the grader running as root, or
    `--privileged`.
To grade WITHOUT isolation anyway (student code can then read the course folder, the gradebook
and the reference solutions, and use the network), set
`c.TrustedExecute.allow_unisolated = True`: every submission is then flagged
`sandbox degraded`."""


def refusal_message(requested: str, why: str) -> str:
    """The one message of a refused grading: what was tried, what failed, how to fix it."""
    return (f"Grading refused: the grader cannot isolate student code on this machine "
            f"(sandbox = {requested!r}).\nWhat was tried and what failed: {why}.\n{FIXES}")


def ensure_isolation(mode: str, allow_unisolated: bool) -> str:
    """The sandbox mode to grade with (``root``, ``userns``, or ``none`` only when
    ``allow_unisolated``); raises :class:`IsolationRefused` when student code cannot be
    isolated and grading without isolation was not allowed."""
    found, why = _attempt(mode)
    if found != "none" or allow_unisolated:
        return found
    raise IsolationRefused(refusal_message(mode, why or "not available"))


# --------------------------------------------------------------------------- the library copy

_LIB_CACHE: dict[str, Path] = {}

_INSTRUCTOR_STUB = '''"""Not available while grading: for instructors only."""

raise ImportError("course_lib.instructor is not available while grading")
'''


def _matplotlib_cache(target: Path) -> None:
    """Copy matplotlib's font cache, so a fresh sandbox does not rebuild it on every run."""
    target.mkdir(parents=True, exist_ok=True)
    try:
        import matplotlib

        found = list(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))
    except Exception:  # matplotlib missing or unusable: the kernel will build its own cache
        found = []
    if not found:
        env = dict(os.environ, MPLCONFIGDIR=str(target))
        subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env,
                       capture_output=True, timeout=120)
        return
    for path in found:
        shutil.copy2(path, target / path.name)


def library_copy() -> Path:
    """A folder (made once per process) holding ``course_lib`` without ``instructor/`` (a stub
    that raises ImportError stands in), byte-compiled, plus matplotlib's font cache."""
    if "lib" in _LIB_CACHE and _LIB_CACHE["lib"].exists():
        return _LIB_CACHE["lib"]
    import course_lib
    from course_lib import INSTRUCTOR_ONLY

    src = Path(course_lib.__file__).resolve().parent
    top = tempdirs.make("course-lib-")
    atexit.register(shutil.rmtree, top, True)
    dst = top / "course_lib"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    shutil.copytree(src, dst, ignore=lambda d, names: set(skip(d, names)) | (
        {INSTRUCTOR_ONLY} if Path(d) == src else set()))
    (dst / INSTRUCTOR_ONLY).mkdir()
    (dst / INSTRUCTOR_ONLY / "__init__.py").write_text(_INSTRUCTOR_STUB)
    compileall.compile_dir(str(dst), quiet=2, workers=1)
    _matplotlib_cache(top / "mplcache")
    for root, _dirs, files in os.walk(top):
        os.chmod(root, 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)
    os.chmod(top, 0o755)
    _LIB_CACHE["lib"] = top
    return top


def _library_project_root() -> Path:
    import course_lib

    return Path(course_lib.__file__).resolve().parent.parent


# --------------------------------------------------------------------------- launching


def _kernel_env(work: str, lib: str) -> dict[str, str]:
    bindir = str(Path(sys.executable).parent)
    return {
        "PATH": f"{bindir}:/usr/local/bin:/usr/bin:/bin",
        "HOME": work, "USER": "student", "LOGNAME": "student", "LANG": "C.UTF-8",
        "PYTHONPATH": lib, "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1",
        "MPLCONFIGDIR": f"{work}/.matplotlib", "MPLBACKEND": "agg",
        "IPYTHONDIR": f"{work}/.ipython", "JUPYTER_PLATFORM_DIRS": "1",
        "JUPYTER_CONFIG_DIR": f"{work}/.jupyter", "JUPYTER_DATA_DIR": f"{work}/.local/jupyter",
        "JUPYTER_RUNTIME_DIR": f"{work}/.runtime",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1", "COURSE_GRADING": "1",
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    }


#: Events kept once, the first time their key is seen (the runner sends each once; a later
#: copy can only be a forgery): kind -> fields of the key.
_ONCE = {"start": (), "cell": ("index",), "probe": ("check", "when"), "integrity": (),
         "retry": (), "done": ()}
#: The runner's last event: nothing after it is read.
END = "done"


def parse_events(data: bytes, truncated: bool) -> tuple[list[dict], bool]:
    """The events in ``data`` (JSON lines; anything else is skipped): the first event per key
    of :data:`_ONCE`, nothing after the first :data:`END` event."""
    events: list[dict] = []
    seen: set[tuple] = set()
    for line in data.split(b"\n"):
        if not line.strip():
            continue
        try:
            ev = json.loads(line)
        except ValueError:
            continue
        if not (isinstance(ev, dict) and isinstance(ev.get("ev"), str)):
            continue
        kind = ev["ev"]
        if kind in _ONCE:
            key = (kind,) + tuple(json.dumps(ev.get(f), sort_keys=True) for f in _ONCE[kind])
            if key in seen:
                continue
            seen.add(key)
        events.append(ev)
        if kind == END:
            break
    return events, truncated


def _collect(proc: subprocess.Popen, sock: socket.socket, wall: float, cap: int
             ) -> tuple[bytes, bool, bool]:
    """Read the runner's stream until it closes: ``(data, truncated, killed)``; at most ``cap``
    bytes are kept (the rest is read and dropped, so the runner never blocks), and the whole
    sandbox is killed at ``wall`` seconds."""
    deadline = time.monotonic() + wall
    data, size, killed, ended = bytearray(), 0, False, None
    sock.settimeout(0.5)
    while True:
        if not killed and time.monotonic() > deadline:
            killed = True
            _kill_group(proc)
        try:
            chunk = sock.recv(1 << 16)
        except TimeoutError:
            if proc.poll() is not None:  # a process left behind may hold the stream open
                ended = ended or time.monotonic()
                if killed or time.monotonic() - ended > 5:
                    break
            continue
        except OSError:
            break
        if not chunk:
            break
        size += len(chunk)
        if len(data) < cap:
            data += chunk[: cap - len(data)]
    return bytes(data), size > cap, killed


def _stream_cap(limits: Limits, n_probes: int) -> int:
    """Bytes of the runner's stream the trusted side reads."""
    return int(limits.probe_output_mb * max(n_probes, 1) + limits.notebook_output_kb / 1024 * 2
               + 16) * 1024 * 1024


def _launch(start, err_path: Path, wall: float, cap: int
            ) -> tuple[bytes, bool, bool, int | None]:
    """Start a run with ``start(stdout fd, stderr fd)`` (a process, or a warm run of
    :mod:`warmstart`), its stdout on one end of a socket pair (a socket cannot be reopened
    through /proc, unlike a pipe or a file), and read the other: ``(data, truncated, killed,
    returncode)``."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        with open(err_path, "wb") as err:
            proc = start(theirs.fileno(), err.fileno())
        theirs.close()
        data, truncated, killed = _collect(proc, ours, wall, cap)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            proc.wait()
        return data, truncated, killed, proc.returncode
    finally:
        theirs.close()
        ours.close()


def _starter(cmd: list[str], env: dict[str, str], cwd: str, warm: tuple | None):
    """``start(out, err)`` for :func:`_launch`: a warm run of ``warm`` = ``(lib, mode,
    script)`` if a zygote can fork it, else ``cmd``."""
    def start(out: int, err: int):
        run = warmstart.start(*warm, out, err) if warm else None
        if run is not None:
            return run
        return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd,
                                env=env, start_new_session=True)
    return start


def _places(base: Path, mode: str, lib: Path) -> dict[str, Path]:
    """Where the run's folders are, as the runner and the kernel see them."""
    if mode == "none":
        for name in ("work", "probe"):
            (base / name).mkdir()
        return {"work": base / "work", "job": base / "job", "lib": lib, "probe": base / "probe"}
    return {name: Path("/tmp") / name for name in ("work", "job", "lib", "probe")}


def _write_job(base: Path, job: dict, limits: Limits, mode: str, places: dict[str, Path]
               ) -> dict:
    """Write the job (world-readable: the sandbox's uid reads it) and return it."""
    job = dict(job, limits=asdict(limits), work=str(places["work"]), job=str(places["job"]),
               mode=mode, probe_dir=str(places["probe"]))
    inputs = job.pop("inputs", {})
    (base / "job" / "inputs").mkdir(parents=True)
    for name, text in inputs.items():
        (base / "job" / "inputs" / f"{name}.json").write_text(text)
    (base / "job" / "job.json").write_text(json.dumps(job))
    for root, _dirs, files in os.walk(base / "job"):
        os.chmod(root, 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)
    os.chmod(base, 0o711)
    return job


def _command(base: Path, mode: str, lib: Path, places: dict[str, Path], limits: Limits,
             hidden: list[Path]) -> tuple[list[str], dict[str, str], str]:
    """``(command, environment, cwd)`` that start the runner in the sandbox."""
    env = _kernel_env(str(places["work"]), str(places["lib"]))
    runner = [sys.executable, "-I", str(places["lib"] / "course_lib" / "grading" / "sandbox"
                                        / "runner.py"), str(places["job"] / "job.json")]
    if mode == "none":
        return runner, env, str(places["work"])
    uid = 3_000_000 + secrets.randbelow(900_000) if mode == "root" else None
    (base / "root").mkdir()
    script = rootfs.setup_script(base, lib, hidden, uid, limits.tmpfs_mb,
                                 limits.probe_output_mb, runner, env)
    (base / "setup.sh").write_text(script)
    prefix = _UNSHARE if mode == "root" else (["unshare", "--user", "--map-root-user"]
                                              + _UNSHARE[1:])
    shell = [sys.executable, "-I", "-S", str(lib / "course_lib" / "grading" / "sandbox"
                                             / "setup_shell.py")]
    return (prefix + shell + [str(base / "setup.sh")],
            {"PATH": _SETUP_PATH, "LANG": "C.UTF-8"}, "/")


def _degraded(reason: str | None, events: list[dict]) -> str | None:
    """Why the run is degraded: the mode, and every best-effort step that failed."""
    reasons = [reason] if reason else []
    reasons += [str(e.get("message"))[:300] for e in events if e.get("ev") == rootfs.DEGRADED]
    return "; ".join(dict.fromkeys(reasons)) or None


def run_notebook(job: dict, limits: Limits, mode: str = "auto",
                 hidden: list[str] | tuple[str, ...] = (),
                 allow_unisolated: bool | None = None) -> SandboxRun:
    """Run ``job`` (see :mod:`course_lib.grading.sandbox.runner`) in a sandbox and read what it
    wrote.

    ``hidden``: folders that must stay hidden even if they lie inside what the sandbox shows
    (the course folder at least; the library's project folder is added). Raises
    :class:`IsolationRefused` when student code cannot be isolated, unless ``allow_unisolated``
    (default: only when ``mode`` is ``"none"``, the caller's explicit choice).
    """
    allow = (mode == "none") if allow_unisolated is None else allow_unisolated
    used = ensure_isolation(mode, allow)
    reason = detect_mode(mode)[1] if used == "none" else None
    lib = library_copy()
    base = tempdirs.make("course-sandbox-")
    started = time.monotonic()
    try:
        places = _places(base, used, lib)
        job = _write_job(base, job, limits, used, places)
        hide = [Path(h) for h in hidden] + [_library_project_root()]
        cmd, env, cwd = _command(base, used, lib, places, limits, hide)
        warm = (lib, used, base / "setup.sh") if limits.warm_start and used != "none" else None
        n_probes = len(job.get("probes", []))
        data, truncated, killed, returncode = _launch(
            _starter(cmd, env, cwd, warm), base / "setup.err", limits.hard_wall(n_probes),
            _stream_cap(limits, n_probes))
        events, truncated = parse_events(data, truncated)
        stderr = (base / "setup.err").read_bytes()[:4000].decode("utf-8", "replace")
        return SandboxRun(mode=used, degraded=_degraded(reason, events), events=events,
                          returncode=returncode, killed=killed, truncated=truncated,
                          seconds=time.monotonic() - started, stderr=stderr)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, 9)
    except OSError:
        try:
            proc.kill()
        except OSError:
            pass
