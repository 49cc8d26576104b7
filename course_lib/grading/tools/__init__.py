"""Command-line tools (``python -m course_lib.grading.tools.<name>``): ``release``, ``demo``,
``report``, ``student_dist``; and the course-folder helpers they share (``course``,
``submissions``)."""
