"""Visible checks: what a student runs under each exercise. They use only the pure judges and
fixed fixtures, never the reference, so they work in the student distribution.

Each ``check_<function>`` is decorated by :func:`course_lib.checks.messages.visible_check`
(short messages that name the function); importing this package in a notebook installs the guide
of :mod:`course_lib.checks.guide` (a failing cell names the graded function to finish)."""

from course_lib.checks.guide import install as _install

_install()
