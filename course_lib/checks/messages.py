"""Short messages instead of deep tracebacks: what a visible check says when a graded function
is not done yet, raises, or is wrong.

- :class:`NotDoneYet`, :class:`StudentError` (and the judges' ``CheckFailed``) render in a
  notebook as one short message (IPython's ``_render_traceback_``), never a traceback through
  ``course_lib``;
- :func:`is_stub`: the function still holds ``raise NotImplementedError()`` (the release's stub);
- :func:`visible_check`: the decorator of every ``check_<function>``: it refuses a stub, names
  the function in every failure, turns an exception raised by the student's code into the
  line of the student's cell that raised it, and registers ``<function>`` as graded (see
  :data:`GRADED`), so that :mod:`course_lib.checks.guide` can name it.
"""

from __future__ import annotations

import functools
import linecache
import sys
import sysconfig
import textwrap
import types
from collections.abc import Callable
from pathlib import Path

from course_lib.judges import CheckFailed

__all__ = ["Mistake", "NotDoneYet", "StudentError", "wrapped", "GRADED", "FAILING", "is_stub",
           "student_frames", "stubs_in", "not_done_message", "visible_check",
           "note_if_failing", "note_failing_named"]

#: Every graded function whose visible check has been imported: name -> assignment.
GRADED: dict[str, str] = {}
#: Graded functions whose last visible check failed: name -> the function object checked.
FAILING: dict[str, Callable] = {}

_LIBRARY = tuple(str(p) for p in {Path(__file__).resolve().parents[1], Path(sys.prefix),
                                  Path(sys.base_prefix), Path(sysconfig.get_paths()["stdlib"])})


#: Lines of a message are wrapped at this width: ``nbgrader validate`` cuts longer lines.
WIDTH = 80


def wrapped(text: str, width: int = WIDTH) -> str:
    """``text`` wrapped at ``width`` (its own line breaks kept, continuation lines indented)."""
    return "\n".join(textwrap.fill(line, width, subsequent_indent="  ", break_long_words=False,
                                   break_on_hyphens=False) for line in text.split("\n"))


class Mistake(CheckFailed):
    """A visible check failed: its message names the function and, where it can, the
    mistake."""

    prefix = "\x1b[31mCheck failed:\x1b[0m "
    plain_prefix = "Check failed: "

    def _render_traceback_(self) -> list[str]:
        text = wrapped(self.plain_prefix + str(self))
        return [self.prefix + text[len(self.plain_prefix):]]


class NotDoneYet(Mistake):
    """A graded function is still the release's stub (or calls one)."""

    prefix = plain_prefix = ""

    def _render_traceback_(self) -> list[str]:
        return [f"\x1b[33m{wrapped(str(self))}\x1b[0m"]


class StudentError(Mistake):
    """The student's function raised while a check called it."""

    prefix = "\x1b[31mError in your code:\x1b[0m "
    plain_prefix = "Error in your code: "


def is_stub(fn) -> bool:
    """``fn`` is a function of the notebook that still raises ``NotImplementedError``."""
    code = getattr(fn, "__code__", None)
    return isinstance(code, types.CodeType) and "NotImplementedError" in code.co_names


def not_done_message(name: str, where: str = "its cell above") -> str:
    return (f"`{name}` is not done yet: fill in {where} (replace `raise NotImplementedError()` "
            "with your code), run it, then run this cell again.")


def _is_library(filename: str) -> bool:
    return filename.startswith(_LIBRARY) or filename.startswith("<frozen")


def student_frames(tb) -> list[types.FrameType]:
    """The frames of ``tb`` that run notebook code (not course_lib, numpy or Python itself)."""
    frames = []
    while tb is not None:
        if not _is_library(tb.tb_frame.f_code.co_filename):
            frames.append(tb.tb_frame)
        tb = tb.tb_next
    return frames


def stubs_in(tb, namespace: dict) -> list[str]:
    """Names of the stub functions of ``namespace`` that ``tb`` went through, innermost last."""
    codes = {fn.__code__: getattr(fn, "__name__", name) for name, fn in namespace.items()
             if is_stub(fn)}
    names = []
    while tb is not None:
        name = codes.get(tb.tb_frame.f_code)
        if name and name not in names:
            names.append(name)
        tb = tb.tb_next
    return names


def _where(frame: types.FrameType) -> str:
    line = linecache.getline(frame.f_code.co_filename, frame.f_lineno).strip()
    place = (f"in `{frame.f_code.co_name}`, " if frame.f_code.co_name != "<module>" else "")
    return f"{place}line {frame.f_lineno} of its cell" + (f": {line}" if line else "")


def _student_error(name: str, fn, exc: Exception) -> CheckFailed | None:
    """The short message for ``exc`` raised by notebook code while checking ``name``, or None
    if no notebook code raised it (a bug of the check, which must show)."""
    namespace = getattr(fn, "__globals__", {})
    stubs = stubs_in(exc.__traceback__, namespace)
    if stubs:
        inner = stubs[-1]
        if inner == name:
            return NotDoneYet(not_done_message(name))
        return NotDoneYet(f"`{name}` calls `{inner}`, which is not done yet: finish "
                          f"`{inner}` first (its cell is above), then run this cell again.")
    frames = student_frames(exc.__traceback__)
    if not frames:
        return None
    text = str(exc) if len(str(exc)) <= 300 else str(exc)[:297] + "..."
    detail = f": {text}" if text else ""
    return StudentError(f"`{name}` raised {type(exc).__name__}{detail}\n    "
                        f"{_where(frames[-1])}")


def _named(name: str, message: str) -> str:
    return message if message.lstrip("`").startswith(name) else f"`{name}`: {message}"


def visible_check(check: Callable) -> Callable:
    """Decorate ``check_<function>(fn)`` (see the module docstring)."""
    name = check.__name__.removeprefix("check_")
    GRADED[name] = check.__module__.rsplit(".", 1)[-1]

    @functools.wraps(check)
    def run(fn, *args, **kwargs):
        if not callable(fn):
            raise Mistake(f"`{name}` should be a function, but it is a "
                              f"{type(fn).__name__}: run its cell above")
        if is_stub(fn):
            FAILING.pop(name, None)
            raise NotDoneYet(not_done_message(name))
        try:
            check(fn, *args, **kwargs)
        except CheckFailed as exc:
            FAILING[name] = fn
            kind = type(exc) if isinstance(exc, Mistake) else Mistake
            raise kind(_named(name, str(exc))) from None
        except Exception as exc:
            short = _student_error(name, fn, exc)
            if short is None:
                raise
            FAILING[name] = fn
            raise short from None
        FAILING.pop(name, None)

    run.function = name
    return run


def note_if_failing(*functions: Callable) -> list[str]:
    """Print one line for each of ``functions`` whose last visible check failed (a lesson cell
    that trains with it runs anyway, and its numbers may then differ from the text's); return
    the names noted."""
    names = [name for name, fn in FAILING.items() if any(fn is f for f in functions)]
    for name in names:
        print(wrapped(f"Note: `{name}` fails its check above; the results below use it as it "
                      "is, so they may differ from the text's."))
    return names


def note_failing_named(*names: str) -> list[str]:
    """:func:`note_if_failing` for the functions called ``names`` whose last visible check
    failed, found by name (for a cell that shows their results without calling them)."""
    return note_if_failing(*(FAILING[name] for name in names if name in FAILING))
