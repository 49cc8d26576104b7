"""``release_cache`` gives a course the release and gradebook nbgrader generated for an earlier
course of the session, and generates again for another config."""

from __future__ import annotations

import sqlite3

import release_cache
import session_cache
from pipeline import ROOT

from course_lib.grading.tools import course

ASSIGNMENT = "normalization"


def _rows(db) -> dict[str, list]:
    with sqlite3.connect(db) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: sorted(map(repr, conn.execute(f"SELECT * FROM {n}"))) for n in names}  # noqa: S608


def test_generated_once_per_config_then_copied(tmp_path, monkeypatch):
    monkeypatch.setenv(session_cache.FOLDER_ENV, str(tmp_path / "cache"))
    calls = []
    generate = course.generate_release
    monkeypatch.setattr(course, "generate_release",
                        lambda root, a: calls.append(root.name) or generate(root, a))
    first, second, changed = (course.make_course_copy(ROOT, tmp_path / n)
                              for n in ("first", "second", "changed"))
    with open(changed / "nbgrader_config.py", "a") as f:
        f.write("\nc.TrustedExecute.cell_timeout = 7\n")
    for root in (first, second, changed):
        release_cache.generate_release(root, ASSIGNMENT)
    assert calls == ["first", "changed"], "nbgrader ran once per config"
    name = f"release/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    assert (second / name).read_bytes() == (first / name).read_bytes()
    assert (changed / name).read_bytes() == (first / name).read_bytes()
    rows = _rows(second / "gradebook.db")
    assert rows == _rows(first / "gradebook.db")
    assert rows["grade_cells"] and rows["alembic_version"], "the assignment is in the gradebook"


def _schema(db) -> tuple[list, list, list]:
    with sqlite3.connect(db) as conn:
        tables = sorted(conn.execute("SELECT type, name, sql FROM sqlite_master"))
        return (tables, list(conn.execute("SELECT * FROM alembic_version")),
                list(conn.execute("SELECT * FROM course")))


def test_generated_from_the_empty_gradebook_as_from_none(tmp_path, monkeypatch):
    """The session's empty gradebook gives nbgrader's own schema, schema version and course
    row: a course generated from it and one nbgrader created alone are alike."""
    monkeypatch.setenv(session_cache.FOLDER_ENV, str(tmp_path / "cache"))
    alone = course.make_course_copy(ROOT, tmp_path / "alone")
    course.generate_release(alone, [ASSIGNMENT])
    cached = course.make_course_copy(ROOT, tmp_path / "cached")
    release_cache.generate_release(cached, ASSIGNMENT)
    assert release_cache.empty_gradebook(tmp_path / "cache").exists()
    assert _schema(cached / "gradebook.db") == _schema(alone / "gradebook.db")
    assert _rows(cached / "gradebook.db").keys() == _rows(alone / "gradebook.db").keys()
