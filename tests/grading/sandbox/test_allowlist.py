"""The kernel's filesystem is an allowlist: the system, the Python installation, the
student-safe library copy, the submission's folder and a private scratch. A solved source
notebook and the reference planted elsewhere (a home folder, /srv, another site-packages, the
repository an editable install points at) can be neither read nor imported."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest
import sandbox_support

import course_lib
from course_lib.grading.sandbox import isolate as sandbox
from course_lib.grading.sandbox import rootfs

pytestmark = pytest.mark.slow

FAST = sandbox.Limits(cell_timeout=8, notebook_timeout=60, memory_mb=1536, file_mb=8,
                      tmpfs_mb=32, nproc=64, cpu_seconds=60)
SOLVED = "def initialize_parameters_he(layers_dims):  # PLANTED-SOLUTION\n"

SPY = r'''
import importlib.util, json, os
facts = {"root": sorted(os.listdir("/")), "read": {}, "exec": {}}
for path in PLANTED:
    try:
        facts["read"][path] = open(path).read()[:40]
    except OSError as exc:
        facts["read"][path] = type(exc).__name__
for path in MODULES:
    try:
        spec = importlib.util.spec_from_file_location("planted", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        facts["exec"][path] = module.SECRET
    except Exception as exc:
        facts["exec"][path] = type(exc).__name__
try:
    import course_lib.instructor.reference
    facts["import"] = "yes"
except ImportError:
    facts["import"] = "ImportError"
facts["course_lib"] = __import__("course_lib").__file__
facts["write"] = {}
for path in WRITE:
    try:
        open(path, "w").write("x")
        facts["write"][path] = "yes"
    except OSError as exc:
        facts["write"][path] = type(exc).__name__
print("FACTS" + json.dumps(facts))
'''


def _plant(folder: Path, made: list[Path]) -> tuple[Path, Path]:
    """A solved notebook and a reference module under ``folder`` (removed by the caller)."""
    made.append(folder)
    notebook = folder / "course" / "source" / "initialization" / "initialization.ipynb"
    reference = folder / "course_lib" / "instructor" / "reference" / "initialization.py"
    for path in (notebook, reference):
        path.parent.mkdir(parents=True, exist_ok=True)
    notebook.write_text(json.dumps({"cells": [{"source": SOLVED}]}))
    reference.write_text(f"SECRET = {SOLVED!r}\n")
    return notebook, reference


def _plant_in_site_packages() -> list[Path]:
    """A reference module in a ``course_lib`` planted in each site-packages of the machine
    (or planted there earlier this session); one already installed there is left alone.
    They stay until the session ends (``tests/conftest.py``): another worker's sandbox
    may mask them meanwhile, and a mask over a folder removed under it fails to mount."""
    files = []
    for packages in sandbox_support.machine_site_packages():
        folder = packages / "course_lib"
        if folder.exists() and not (folder / sandbox_support.PLANT_MARK).exists():
            continue
        reference = folder / "instructor" / "reference" / "initialization.py"
        reference.parent.mkdir(parents=True, exist_ok=True)
        (folder / sandbox_support.PLANT_MARK).touch()
        reference.write_text(f"SECRET = {SOLVED!r}\n")
        files.append(reference)
    return files


@pytest.fixture
def planted():
    tag = f"a2-planted-{uuid.uuid4().hex[:8]}"
    made: list[Path] = []
    files = []
    try:
        for folder in (Path("/home") / tag, Path("/srv") / tag, Path.home() / tag):
            files += _plant(folder, made)
        yield files + _plant_in_site_packages()
    finally:
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)


# One worker for every mode: each plants ``course_lib`` in the same site-packages folder.
@pytest.mark.xdist_group("planted-site-packages")
@pytest.mark.parametrize("mode", sandbox_support.isolating_modes())
def test_kernel_cannot_read_or_import_planted_solutions(planted, mode):
    mode = sandbox_support.require(mode)
    repo = Path(course_lib.__file__).resolve().parent
    real = [str(repo / "instructor" / "reference" / "initialization.py"),
            str(repo.parent / "source" / "initialization" / "initialization.ipynb")]
    paths = [str(p) for p in planted] + real
    modules = [str(p) for p in planted if p.suffix == ".py"] + real[:1]
    python = sorted(rootfs.python_dirs())[0]
    denied = ["/planted", "/dev/planted", "/etc/planted", "/tmp/lib/planted",
              "/tmp/job/planted", f"{python}/planted", "/usr/lib/planted"]
    allowed = ["/tmp/planted", "/tmp/work/planted", "/dev/shm/planted", "/dev/null"]
    cells = [f"PLANTED = {paths!r}\nMODULES = {modules!r}\nWRITE = {denied + allowed!r}", SPY]
    job = {"cells": [{"index": i, "kind": "run", "source": s} for i, s in enumerate(cells)],
           "probes": []}
    run = sandbox.run_notebook(job, FAST, mode=mode)
    assert run.mode == mode and not run.degraded, (run.degraded, run.stderr)
    [ev] = [e for e in run.of("cell") if e["index"] == 1]
    text = "".join(o.get("text", "") for o in ev["outputs"] if o["output_type"] == "stream")
    assert "FACTS" in text, ev
    facts = json.loads(text.split("FACTS", 1)[1])
    assert "PLANTED" not in json.dumps(facts), facts
    assert all(v in ("FileNotFoundError", "PermissionError") for v in facts["read"].values())
    assert all(v in ("FileNotFoundError", "PermissionError") for v in facts["exec"].values())
    assert facts["import"] == "ImportError"
    assert facts["course_lib"] == "/tmp/lib/course_lib/__init__.py"
    assert {p: facts["write"][p] == "yes" for p in denied + allowed} == {
        **{p: False for p in denied}, **{p: True for p in allowed}}
    tops = {Path(p).parts[1] for p in rootfs.python_dirs()}
    assert set(facts["root"]) <= set(rootfs.SYSTEM_TOPS) | {"etc", "dev", "proc", "tmp",
                                                            "var"} | tops, facts["root"]


def test_layers_mask_other_course_libs_even_inside_a_python_folder_shown_again(tmp_path):
    """A Debian layout: the system in /usr, /usr/local masked, the site-packages of pip in
    /usr/local shown again, and a course_lib installed there masked again."""
    usr = tmp_path / "usr"
    site_packages = usr / "local" / "lib" / "python3.11" / "dist-packages"
    installed = site_packages / "course_lib"
    installed.mkdir(parents=True)
    (usr / "lib" / "python3").mkdir(parents=True)
    lines, seal = rootfs._layers("/R", [usr], [usr / "lib" / "python3", site_packages],
                                 [usr / "local", installed, tmp_path / "elsewhere"])
    mounts = [line.split()[-1] for line in lines if line.startswith("mount -n -t tmpfs")
              or line.startswith("mount -n --rbind")]
    assert mounts == [f"/R{usr / 'local'}", f"/R{site_packages}", f"/R{installed}"]
    assert len(seal) == 2 and all("|| echo" in line for line in seal)
