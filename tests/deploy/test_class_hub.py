"""The whole classroom loop on the course's JupyterHub, in a real browser, and the three traps
of a hub deployment (the Formgrader finding the course from the home folder, the Formgrader in
JupyterLab's iframe, students reading the instructor's files).

Screenshots of every step: tests/artifacts/screenshots/hub_*.png."""

from __future__ import annotations

import pwd
import re
from collections import defaultdict
from pathlib import Path

import classroom as cr
import jupyter_ui as ui
import nbformat
import pytest

from course_lib.grading import records
from course_lib.grading.tools import course, submissions

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("class-hub")]

REPO = ui.REPO
CASES = REPO / "tests" / "submissions"
ASSIGNMENTS = ["initialization", "regularization"]
B_BLANK, B_WRONG = "initialize_parameters_zeros", "initialize_parameters_he"


def solution_codes(release: Path, assignment: str, case: str, blank=()) -> dict[int, str]:
    """``{cell index: code}`` of a student whose notebook is ``case`` (tests/submissions),
    leaving the solution cells of the functions in ``blank`` as released."""
    source = nbformat.read(REPO / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    released = nbformat.read(release, as_version=4)
    nb = submissions.build_submission(submissions.parse_case(CASES / assignment / f"{case}.py"),
                                      source, released)
    codes = {}
    for i, (cell, before) in enumerate(zip(nb.cells, released.cells, strict=True)):
        meta = before.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and before.cell_type == "code" and \
                meta.get("grade_id") not in blank:
            codes[i] = cell.source
    return codes


def hidden_test_lines(assignment: str) -> list[str]:
    source = nbformat.read(REPO / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    lines = []
    for cell in source.cells:
        inside = False
        for line in cell.source.splitlines():
            if "BEGIN HIDDEN TESTS" in line:
                inside = True
            elif "END HIDDEN TESTS" in line:
                inside = False
            elif inside and len(line.strip()) > 25:
                lines.append(line.strip())
    return lines


def scores(hub) -> dict[str, dict[str, dict[str, tuple[float, float]]]]:
    """``{assignment: {student: {function: (score, max)}}}`` from the instructor's gradebook."""
    table = defaultdict(lambda: defaultdict(lambda: defaultdict(lambda: [0.0, 0.0])))
    for s in course.read_scores(hub.course):
        cell = table[s.assignment][s.student][course.function_of(s.grade_id)]
        cell[0] += s.score
        cell[1] += s.max_score
    return table


def student_works(page, hub, user: str, assignment: str, case: str, blank=()) -> str:
    """Open the fetched notebook, paste the case's code, run all, save, Validate; returns the
    Validate dialog's text."""
    home = Path(pwd.getpwnam(user).pw_dir)
    path = f"{assignment}/{assignment}.ipynb"
    cr.open_notebook(page, hub.url, user, path)
    cr.fill_cells(page, solution_codes(home / path, assignment, case, blank))
    ui.run_all(page)
    ui.shot(page, f"hub_30_{user[-1]}_{assignment}_run_all")
    ui.save(page)
    return cr.validate(page)


def move_slider(page) -> None:
    """Keyboard on the first slider's handle: the figure under it must change."""
    before = ui.slider_images(page)
    assert before and before[0], "no slider figure after Run All"
    page.locator(f"{ui.PANEL} .widget-slider .noUi-handle").first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        """([panel, old]) => {
            const a = document.querySelector(panel + ' .jp-OutputArea:has(.widget-slider) img');
            return a && a.src !== old; }""",
        arg=[ui.PANEL, before[0]], timeout=30_000)


def instructor_releases(page, assignments) -> None:
    frame = cr.open_formgrader(page)
    text = frame.locator("body").inner_text()
    assert "not a subdirectory" not in text  # trap (a): the course is found from ~
    ui.shot(page, "hub_10_formgrader")
    for a in assignments:
        cr.formgrader_action(page, frame, a, "assign", f"hub_11_generate_{a}")
        cr.formgrader_action(page, frame, a, "release", f"hub_12_release_{a}")


def test_the_class_loop(hub):
    a, b = hub.students
    with ui.sync_playwright() as p:
        browser = ui.launch(p)
        teacher = cr.login(browser, hub, hub.instructor)
        instructor_releases(teacher, ASSIGNMENTS)

        alice = cr.login(browser, hub, a)
        cr.open_assignments(alice)
        ui.shot(alice, "hub_20_a_assignments")
        for name in ASSIGNMENTS:
            cr.fetch(alice, name)
        verdicts = {}
        for name in ASSIGNMENTS:
            verdicts[name] = student_works(alice, hub, a, name, "ok_solutions")
            ui.shot(alice, f"hub_31_a_{name}_validate")
            cr.close_dialog(alice)
            if name == "regularization":
                move_slider(alice)
                ui.shot(alice, "hub_32_a_slider_moved")
        for name, text in verdicts.items():
            assert "Success" in text or "passed" in text.lower(), f"{name}: {text}"
        cr.open_assignments(alice)
        for name in ASSIGNMENTS:
            cr.submit(alice, name)
        ui.shot(alice, "hub_33_a_submitted")

        bob = cr.login(browser, hub, b)
        cr.open_assignments(bob)
        cr.fetch(bob, "initialization")
        text = student_works(bob, hub, b, "initialization", "lose_he_fan_out", blank=[B_BLANK])
        ui.shot(bob, "hub_34_b_validate")
        cr.close_dialog(bob)
        cr.open_assignments(bob)
        cr.submit(bob, "initialization")
        ui.shot(bob, "hub_35_b_submitted")

        frame = cr.open_formgrader(teacher)
        for name in ASSIGNMENTS:
            cr.formgrader_action(teacher, frame, name, "collect", f"hub_40_collect_{name}")
            students = [a, b] if name == "initialization" else [a]
            cr.autograde_all(teacher, frame, name, students, f"hub_41_autograde_{name}")
            cr.formgrader_action(teacher, frame, name, "generate-feedback",
                                 f"hub_42_feedback_{name}")
            cr.formgrader_action(teacher, frame, name, "release-feedback",
                                 f"hub_43_release_feedback_{name}")

        feedback = {}
        for user, page in ((a, alice), (b, bob)):
            cr.open_assignments(page)
            cr.fetch_feedback(page, "initialization")
            feedback[user] = show_feedback(page, hub, user, "initialization")
        errors = {u: p.errors for u, p in (("teacher", teacher), (a, alice), (b, bob))}
        browser.close()

    assert B_BLANK in text and B_WRONG in text, f"Validate should name both: {text}"
    grades = scores(hub)
    for name in ASSIGNMENTS:
        assert all(s >= m for s, m in grades[name][a].values()), grades[name][a]
    lost = {f for f, (s, m) in grades["initialization"][b].items() if s < m}
    assert lost == {B_BLANK, B_WRONG}, grades["initialization"][b]
    full = re.search(r"Score:\s*([\d.]+)\s*/\s*([\d.]+)", feedback[a])
    assert full and float(full.group(1)) == float(full.group(2)), feedback[a][:500]
    assert B_BLANK in feedback[b] and B_WRONG in feedback[b]
    for line in hidden_test_lines("initialization"):
        assert line not in feedback[a] and line not in feedback[b], line
    assert not any(errors.values()), errors
    trusted_grading_ran(hub, {(a, "initialization"), (b, "initialization"),
                              (a, "regularization")})
    a_student_reads_nothing_of_the_instructor_nor_of_other_students(hub)


# The grader runs as the instructor (not root): user namespaces isolate student code, and the
# sandbox flags as "degraded" the read-only remounts a user namespace may refuse.
USERNS_BEST_EFFORT = re.compile(r"could not be made read-only")


def trusted_grading_ran(hub, submissions_graded: set) -> None:
    """The Formgrader's autograde went through the course's trusted grader (its records exist:
    the course config was found from the home folder), isolated: any "sandbox degraded" flag
    is only about read-only remounts."""
    found = records.all_records(records.records_dir(root=hub.course))
    assert set(found) == submissions_graded, sorted(found)
    for key, recs in found.items():
        for rec in recs:
            assert rec.get("stage") == "graded", (key, rec.get("stage"))
            for flag in map(str, rec.get("flags", [])):
                if flag.startswith("sandbox degraded"):
                    reasons = flag.split(":", 1)[1].split(";")
                    assert all(USERNS_BEST_EFFORT.search(r) for r in reasons), (key, flag)


def show_feedback(page, hub, user: str, assignment: str) -> str:
    """The fetched feedback, opened in the student's browser; returns its text."""
    home = Path(pwd.getpwnam(user).pw_dir)
    found = sorted(home.glob(f"{assignment}/feedback/*/{assignment}.html"))
    assert found, f"{user} has no feedback for {assignment}"
    rel = found[-1].relative_to(home)
    page.goto(f"{hub.url}/user/{user}/files/{rel}")
    ui.shot(page, f"hub_50_{user[-1]}_feedback")
    verdict = page.locator(".output_subarea", has_text=B_WRONG)
    if verdict.count():  # the verdict of the wrong function, on screen
        verdict.last.scroll_into_view_if_needed()
        ui.shot(page, f"hub_51_{user[-1]}_feedback_verdict")
    return page.locator("body").inner_text()


# --------------------------------------------------------------------------- the three traps


def test_formgrader_is_framed_for_the_instructor_only(hub):
    """Trap (b): JupyterHub's single-user default ``frame-ancestors 'none'`` would blank the
    Formgrader inside JupyterLab; the instructor's server allows its own frames, students'
    servers keep the default and have no Formgrader at all. Trap (a): the Formgrader, whose
    server starts in the home folder, finds the course (every assignment listed)."""
    with ui.sync_playwright() as p:
        browser = ui.launch(p)
        teacher = cr.login(browser, hub, hub.instructor)
        got = teacher.request.get(f"{hub.url}/user/{hub.instructor}/formgrader")
        page = got.text()
        api = teacher.request.get(f"{hub.url}/user/{hub.instructor}/formgrader/api/assignments")
        listed = {a["name"] for a in api.json()}
        student = cr.login(browser, hub, hub.students[1])
        theirs = student.request.get(f"{hub.url}/user/{hub.students[1]}/formgrader")
        lab = student.request.get(f"{hub.url}/user/{hub.students[1]}/lab")
        browser.close()
    assert got.status == 200 and "frame-ancestors 'self'" in got.headers["content-security-policy"]
    assert "not a subdirectory" not in page
    assert {"initialization", "regularization", "dropout"} <= listed, listed
    assert theirs.status == 404
    assert "frame-ancestors 'none'" in lab.headers["content-security-policy"]


HUB_BIN = REPO / "deploy" / ".venv-hub" / "bin"
PROBE = ("import os, sys; p = sys.argv[1]; "
         "os.listdir(p) if os.path.isdir(p) else open(p, 'rb').read(1)")


def _readable(hub, user: str, path: Path) -> bool:
    """Whether ``user`` can list (a folder) or read (a file) ``path``."""
    return hub.as_user(user, str(HUB_BIN / "python"), "-c", PROBE, str(path)).returncode == 0


def instructor_only_paths(hub) -> list[Path]:
    """What a student must never read: the course (gradebook, exported grades, sources,
    submissions, autograded notebooks, the reference), every copy of course_lib/instructor
    and of the sources in the checkout, the hub's own files, other students' homes."""
    course_dir = hub.course
    export = hub.as_user(hub.instructor, str(HUB_BIN / "nbgrader"),
                         "export", cwd=str(course_dir))
    assert export.returncode == 0, export.stderr
    paths = [course_dir / "gradebook.db", course_dir / "grades.csv",
             course_dir / "source" / "initialization" / "initialization.ipynb"]
    paths += sorted(course_dir.glob("submitted/*/initialization/initialization.ipynb"))
    paths += sorted(course_dir.glob("autograded/*/initialization/initialization.ipynb"))
    for top in (course_dir, REPO, hub.root, Path(pwd.getpwnam(hub.students[0]).pw_dir)):
        paths += [p for p in top.rglob("instructor/*.py") if p.parent.name == "instructor"
                  and p.parent.parent.name == "course_lib"]
    paths += [REPO / "source" / "initialization" / "initialization.ipynb", REPO / ".git",
              hub.root / "hub" / "jupyterhub_cookie_secret", hub.root / "hub" / "passwords.json",
              Path(pwd.getpwnam(hub.students[0]).pw_dir)]
    return paths


def a_student_reads_nothing_of_the_instructor_nor_of_other_students(hub):
    """Trap (c): with umask 022 the gradebook and every collected file are created
    world-readable, so the folders around them must not be. Checked as the second student at
    the end of the loop above, once submissions and autograded notebooks exist (a separate
    test could run before the loop: pytest-xdist keeps no order)."""
    paths = instructor_only_paths(hub)
    for p in paths:
        assert p.exists(), f"{p} should exist"
    assert any(p.name == "reference.py" or "instructor" in p.parts for p in paths)
    assert any("submitted" in p.parts for p in paths)
    assert any("autograded" in p.parts for p in paths)
    student = hub.students[1]
    readable = [str(p) for p in paths if _readable(hub, student, p)]
    assert not readable, f"{student} can read: {readable}"
    # the exchange: others' submissions and feedback cannot be listed (names end in random
    # bits, so they cannot be guessed either)
    course_exchange = hub.root / "exchange" / hub.settings["course_id"]
    for folder in ("inbound", "feedback"):
        assert not _readable(hub, student, course_exchange / folder)
    # and the student's own work stays readable to them (the probe can succeed)
    assert _readable(hub, student, Path(pwd.getpwnam(student).pw_dir) / "initialization")
