"""The grading machinery (instructor side), in three parts and one shared record:

- :mod:`course_lib.grading.plugins`: what ``nbgrader_config.py`` wires into nbgrader (reading
  and repairing submissions, the trusted execute step, feedback without hidden code);
- :mod:`course_lib.grading.sandbox`: where student code runs (isolation, the runner that drives
  the kernel, the kernel side and the probes);
- :mod:`course_lib.grading.tools`: the command-line tools (release, demo, report, student
  bundle) and the course-folder helpers they share;
- :mod:`course_lib.grading.records`: what the grader saw per submission.

The hidden checks and the reference solutions live in :mod:`course_lib.instructor`.
"""
