"""``make release``: regenerate ``release/`` from ``source/`` with nbgrader, in the course root."""

from __future__ import annotations

import sys

from course_lib.grading.tools import course
from course_lib.grading.tools.paths import course_root


def main() -> int:
    for assignment in course.generate_release(course_root()):
        print(f"release/{assignment}/{assignment}.ipynb")
    return 0


if __name__ == "__main__":
    sys.exit(main())
