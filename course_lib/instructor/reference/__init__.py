"""Reference solutions of the graded functions: instructor only.

This package is left out of the student distribution (see ``make student-dist``) and is not
readable inside the grading sandbox. Hidden checks import it lazily, in the judge only.
"""
