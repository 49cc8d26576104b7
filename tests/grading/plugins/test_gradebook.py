"""One SQLAlchemy engine per gradebook (course_lib/grading/plugins/gradebook.py): the same
engine for the same URL, another for another URL, and Gradebooks that open and close in any
order still read and write the same data."""

from __future__ import annotations

import shutil

import release_cache
import session_cache
import sqlalchemy
from nbgrader import api
from nbgrader.api import Gradebook

from course_lib.grading.plugins.gradebook import share_engines


def _gradebooks(folder, *names) -> list[str]:
    """URLs of new gradebooks (copies of the session's empty one: no ``alembic`` run each)."""
    empty = release_cache.empty_gradebook(session_cache.folder() or folder)
    for name in names:
        shutil.copyfile(empty, folder / name)
    return [f"sqlite:///{folder / name}" for name in names]


def _shared(monkeypatch):
    monkeypatch.setattr(api, "create_engine", sqlalchemy.create_engine)
    share_engines()
    share_engines()  # a second call changes nothing


def test_one_engine_per_url(tmp_path, monkeypatch):
    _shared(monkeypatch)
    first, second = _gradebooks(tmp_path, "a.db", "b.db")
    with Gradebook(first) as a1, Gradebook(first) as a2, Gradebook(second) as b:
        assert a1.engine is a2.engine
        assert b.engine is not a1.engine
    assert api.create_engine.shares_engines
    assert api.create_engine.__wrapped__ is sqlalchemy.create_engine


def test_urls_differing_only_in_password_get_their_own_engines(monkeypatch):
    _shared(monkeypatch)
    url = sqlalchemy.engine.make_url("postgresql+psycopg2://grader:one@127.0.0.1/gradebook")
    other = url.set(password="two")
    assert str(url) == str(other)  # both print the password as ***
    assert api.create_engine(url) is not api.create_engine(other)
    assert api.create_engine(url) is api.create_engine(url)


def test_closing_one_gradebook_leaves_another_working(tmp_path, monkeypatch):
    _shared(monkeypatch)
    [url] = _gradebooks(tmp_path, "gradebook.db")
    keep = Gradebook(url)
    keep.add_student("alice")
    with Gradebook(url) as other:
        other.add_student("bob")
    keep.add_student("carol")  # after the other closed and disposed of the engine's pool
    assert sorted(s.id for s in keep.students) == ["alice", "bob", "carol"]
    keep.close()
    with Gradebook(url) as again:
        assert sorted(s.id for s in again.students) == ["alice", "bob", "carol"]
