"""``make_course_copy`` never deletes a folder it did not create: ``--course-dir .`` or any
existing non-empty folder without its marker is refused with a clear error and left as it was;
an earlier copy is replaced."""

from __future__ import annotations

import pytest
from leaks import ROOT

from course_lib.grading.tools import course


def _tree(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_new_or_empty_folder_becomes_a_copy(tmp_path):
    root = course.make_course_copy(ROOT, tmp_path / "new")
    assert (root / "nbgrader_config.py").is_file() and (root / course.COPY_MARKER).is_file()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert (course.make_course_copy(ROOT, empty) / "source").is_dir()


def test_an_earlier_copy_is_replaced(tmp_path):
    root = course.make_course_copy(ROOT, tmp_path / "demo")
    (root / "gradebook.db").write_text("old")
    course.make_course_copy(ROOT, root)
    assert not (root / "gradebook.db").exists()


@pytest.mark.parametrize("what", ["files", "folders", "hidden file"])
def test_an_existing_folder_it_did_not_make_is_refused_and_kept(tmp_path, what):
    target = tmp_path / "mine"
    (target / "sub").mkdir(parents=True)
    name = {"files": "notes.txt", "folders": "sub/deep.txt", "hidden file": ".env"}[what]
    (target / name).write_text("precious")
    before = _tree(target)
    with pytest.raises(course.NotACourseCopy, match="not made by a course copy"):
        course.make_course_copy(ROOT, target)
    assert _tree(target) == before and (target / name).read_text() == "precious"


def test_the_course_itself_and_its_parents_are_refused(tmp_path, monkeypatch):
    before = _tree(ROOT / "source")
    for target in (ROOT, ROOT.parent):
        with pytest.raises(course.NotACourseCopy, match="holds the course"):
            course.make_course_copy(ROOT, target)
    monkeypatch.chdir(ROOT)
    with pytest.raises(course.NotACourseCopy):
        course.make_course_copy(ROOT, ".")
    assert _tree(ROOT / "source") == before


def test_a_file_is_refused(tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    with pytest.raises(course.NotACourseCopy, match="is a file"):
        course.make_course_copy(ROOT, target)
    assert target.read_text() == "x"
