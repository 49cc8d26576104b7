"""A notebook that guides instead of breaking: when a cell fails while a graded function is not
done yet (or fails its visible check), the student reads which function to finish, in one short
message, instead of a traceback through course_lib.

:func:`install` registers :func:`handle` as IPython's custom exception handler; importing
``course_lib.checks`` calls it. It does nothing outside IPython and never runs while grading
(``COURSE_GRADING`` set: the grader's sandbox treats a custom handler as tampering). What the
handler does not recognize is shown exactly as IPython would show it.
"""

from __future__ import annotations

import linecache
import os
import re
import sys

from course_lib.checks.messages import (
    FAILING,
    GRADED,
    NotDoneYet,
    is_stub,
    stubs_in,
    student_frames,
)

__all__ = ["install", "diagnose", "handle"]


def _cell_source(tb) -> str:
    """The source of the cell that was running (the outermost notebook frame of ``tb``)."""
    frames = student_frames(tb)
    return "".join(linecache.getlines(frames[0].f_code.co_filename)) if frames else ""


def _codes(tb) -> set:
    """The code objects ``tb`` went through."""
    codes = set()
    while tb is not None:
        codes.add(tb.tb_frame.f_code)
        tb = tb.tb_next
    return codes


def _uses(source: str, names) -> list[str]:
    return [n for n in names if re.search(rf"\b{re.escape(n)}\b", source)]


def _short(value: BaseException) -> str:
    text = f"{type(value).__name__}: {value}" if str(value) else type(value).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def diagnose(value: BaseException, tb, namespace: dict) -> str | None:
    """What to tell the student about ``value`` raised by a cell, or None (show it as is)."""
    graded = {n: fn for n, fn in namespace.items() if n in GRADED and callable(fn)}
    stubs = [n for n, fn in graded.items() if is_stub(fn)]
    failing = [n for n in FAILING if n in graded and graded[n] is FAILING[n]]
    stopped = f"(The cell stopped with {_short(value)}.)"
    through = stubs_in(tb, namespace)
    if through:
        return (f"This cell needs `{through[-1]}`, which is not done yet: fill in its cell "
                "above, run it, then run this cell again.")
    if isinstance(value, NameError) and getattr(value, "name", None) in GRADED:
        return (f"`{value.name}` is not defined: run its cell above (and the cells before "
                "it), then run this cell again.")
    source = _cell_source(tb)
    codes = _codes(tb)
    named = ([n for n in failing if getattr(graded[n], "__code__", None) in codes]
             + _uses(source, failing))
    if named:
        return (f"This cell uses `{named[0]}`, whose check above fails: fix it first, then "
                f"run this cell again. {stopped}")
    named = _uses(source, stubs)
    if named:
        return (f"This cell needs `{named[0]}`, which is not done yet: fill in its cell above, "
                f"run it, then run this cell again. {stopped}")
    if stubs and isinstance(value, (NameError, KeyError)):
        # A name or a key that a cell above would have made, had it not stopped at a stub.
        # Which stub left the name undefined is unknown: name them all, in the notebook's
        # order (the order of definition), so the right one is among them.
        names = ", ".join(f"`{n}`" for n in stubs[:3]) + (", ..." if len(stubs) > 3 else "")
        verb = "is" if len(stubs) == 1 else "are"
        return (f"This cell needs results of cells above that could not run while {names} "
                f"{verb} not done yet: finish {'it' if len(stubs) == 1 else 'them'}, then run "
                f"the notebook from there again. {stopped}")
    return None


def handle(shell, etype, value, tb, tb_offset=None):
    """IPython's custom exception handler (see ``InteractiveShell.set_custom_exc``)."""
    if hasattr(value, "_render_traceback_") or issubclass(etype, SyntaxError):
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    try:
        message = diagnose(value, tb, shell.user_ns)
    except Exception:  # never let the guide hide the student's error
        message = None
    if message is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    guide = NotDoneYet(message)
    shell._showtraceback(NotDoneYet, guide, guide._render_traceback_())
    return None


def install() -> bool:
    """Register :func:`handle` in the running IPython shell; False when there is none or
    while grading."""
    if os.environ.get("COURSE_GRADING"):
        return False
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    shell.set_custom_exc((Exception,), handle)
    return True
