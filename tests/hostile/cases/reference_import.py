"""Imports the instructor's reference He instead of writing it."""
# expect: lose initialize_parameters_he
# flags: tampering suspected
# reason: initialize_parameters_he
# ruff: noqa
# %% initialize_parameters_he
from course_lib.instructor.reference.initialization import initialize_parameters_he
