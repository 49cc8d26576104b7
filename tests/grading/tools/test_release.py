"""release/ is what nbgrader generates from source/, and it gives nothing away."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from leaks import ROOT, leaks_in_text, secret_lines, source_notebooks
from pipeline import case_names

from course_lib.grading.tools.course import assignments_with_source, make_course_copy

pytestmark = pytest.mark.slow

ASSIGNMENTS = assignments_with_source(ROOT)


def test_every_assignment_has_a_source_and_a_release():
    assert ASSIGNMENTS, "no source notebook"
    for a in ASSIGNMENTS:
        assert (ROOT / "release" / a / f"{a}.ipynb").exists(), f"release/{a} missing"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_is_up_to_date(graded, assignment):
    """Regenerating the release with nbgrader would not change the committed file."""
    if not case_names(assignment):
        pytest.fail(f"{assignment} has no submission cases")
    fresh = graded(assignment).root / "release" / assignment / f"{assignment}.ipynb"
    committed = ROOT / "release" / assignment / f"{assignment}.ipynb"
    assert fresh.read_text() == committed.read_text(), (
        f"release/{assignment} is stale: run `make release` and commit it")


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_contains_no_solution_or_hidden_test(assignment):
    secrets = secret_lines()
    text = (ROOT / "release" / assignment / f"{assignment}.ipynb").read_text()
    assert not leaks_in_text(text, secrets)


def test_secret_lines_are_found():
    """The leak check itself can fail: it finds the solutions it is looking for."""
    secrets = secret_lines()
    assert len(secrets) >= 4 * len(source_notebooks())
    assert leaks_in_text(
        (ROOT / "source/initialization/initialization.ipynb").read_text(), secrets)


@pytest.mark.parametrize("path", sorted(ROOT.glob("source/*/*.ipynb")) +
                         sorted(ROOT.glob("release/*/*.ipynb")) +
                         sorted(ROOT.glob("notebooks/*.ipynb")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_notebooks_have_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, (
                f"{path.name}: clear outputs before committing")


def test_student_distribution_has_no_solutions_and_works(tmp_path):
    from course_lib.grading.tools import student_dist

    zpath = student_dist.build(tmp_path / "student.zip")
    secrets = secret_lines()
    with zipfile.ZipFile(zpath) as zf:
        names = zf.namelist()
        # one instructor-only prefix: course_lib/instructor (reference and hidden checks)
        assert not [n for n in names if "/course_lib/instructor" in n]
        assert any("/course_lib/checks/" in n for n in names)
        assert any(n.endswith("release/initialization/initialization.ipynb") for n in names)
        for name in names:
            text = zf.read(name).decode("utf-8", "replace")
            assert not [s for s in secrets if s in text], f"{name} holds solution text"
        zf.extractall(tmp_path / "x")
    course = tmp_path / "x" / "practical-deep-learning"
    # The visible checks import and run from the student distribution alone.
    code = ("import json, numpy as np\n"
            "from course_lib.checks.initialization import check_initialize_parameters_zeros\n"
            "import course_lib\n"
            "def z(d):\n"
            "    return {k: np.zeros((d[l], d[l-1]) if k[0]=='W' else (d[l], 1))\n"
            "            for l in range(1, len(d)) for k in (f'W{l}', f'b{l}')}\n"
            "check_initialize_parameters_zeros(z)\n"
            "print(json.dumps(course_lib.__file__))\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(course)
    proc = subprocess.run([sys.executable, "-c", code], cwd=course, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert str(course) in json.loads(proc.stdout.splitlines()[-1])
    assert not (course / "course_lib" / "instructor").exists()
    assert Path(course / "requirements.txt").exists()


def test_nbgrader_works_without_activating_the_environment(tmp_path):
    """``.venv/bin/nbgrader`` from a shell whose PATH lacks ``.venv/bin``: nbgrader runs
    alembic by name to create the gradebook, and the course's config makes it findable."""
    root = make_course_copy(ROOT, tmp_path / "course")
    nbgrader = Path(sys.executable).parent / "nbgrader"
    proc = subprocess.run([str(nbgrader), "generate_assignment", "normalization", "--force"],
                          cwd=root, capture_output=True, text=True,
                          env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
                               "LANG": "C.UTF-8"})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (root / "gradebook.db").exists()
    assert (root / "release" / "normalization" / "normalization.ipynb").exists()
