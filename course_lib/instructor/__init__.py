"""Instructor only: the reference solutions and the hidden checks.

Everything a student never receives lives under this folder: the student bundle and the grading
sandbox's copy of ``course_lib`` leave it out (see ``course_lib.INSTRUCTOR_ONLY``).
"""
