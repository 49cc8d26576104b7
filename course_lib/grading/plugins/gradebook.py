"""One SQLAlchemy engine per gradebook for a whole nbgrader command.

nbgrader opens a new :class:`nbgrader.api.Gradebook` for each step of each notebook (about a
dozen per notebook in ``autograde``), and each makes a new SQLAlchemy engine, whose cache of
compiled queries starts empty: ``nbgrader autograde`` spent about a fifth of its own CPU time
compiling the same queries again, and a quarter less in all with one engine per gradebook
(9.3 to 9.7 CPU-s instead of 12.0 to 12.8 for a class of 33; ``benchmarks/gradebook.py``).

:func:`share_engines` (called by ``nbgrader_config.py``) makes ``nbgrader.api`` reuse one engine
per database URL and options. Everything else stays nbgrader's: each Gradebook has its own
session, and ``Gradebook.close`` still disposes of the engine's pool (a connection another
Gradebook has checked out stays valid and is closed when returned), so no connection outlives
the Gradebook that opened it, as before.
"""

from __future__ import annotations

import functools
import threading

__all__ = ["share_engines"]

_LOCK = threading.Lock()


def _key(url, kwargs: dict) -> tuple[str, str]:
    """A URL object prints its password as ``***``: the key spells it out."""
    text = url if isinstance(url, str) else url.render_as_string(hide_password=False)
    return text, repr(sorted(kwargs.items()))


def share_engines() -> None:
    """Make ``nbgrader.api.create_engine`` return one engine per URL and options (idempotent)."""
    from nbgrader import api

    if getattr(api.create_engine, "shares_engines", False):
        return
    create, engines = api.create_engine, {}

    @functools.wraps(create)
    def shared(url, **kwargs):
        key = _key(url, kwargs)
        with _LOCK:
            if key not in engines:
                engines[key] = create(url, **kwargs)
            return engines[key]

    shared.shares_engines = True
    api.create_engine = shared
