"""``make student-dist``: the zip students get.

It holds the release notebooks, the lecture notebooks and ``course_lib`` without its one
instructor-only folder, ``course_lib/instructor`` (the reference solutions and the hidden
checks), plus a ``requirements.txt`` and ``pyproject.toml`` to install it. Visible checks work
from it.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from course_lib import INSTRUCTOR_ONLY
from course_lib.grading.tools.paths import course_root


def student_files(repo: Path) -> list[Path]:
    """Files of the student distribution, relative to ``repo``."""
    files = []
    for folder in ("release", "notebooks", "course_lib"):
        for path in sorted((repo / folder).rglob("*")):
            rel = path.relative_to(repo)
            if not path.is_file() or "__pycache__" in rel.parts or ".ipynb_checkpoints" in \
                    rel.parts or rel.suffix == ".pyc":
                continue
            if rel.parts[:2] == ("course_lib", INSTRUCTOR_ONLY):
                continue
            files.append(rel)
    return files + [Path("requirements.txt"), Path("pyproject.toml")]


def build(target: Path, repo: Path | None = None) -> Path:
    """Write the student zip of the course ``repo`` (default: the course folder) to ``target``."""
    repo = repo or course_root()
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for rel in student_files(repo):
            zf.write(repo / rel, Path("practical-deep-learning") / rel)
    return target


def main() -> int:
    path = build(course_root() / "dist" / "practical-deep-learning-student.zip")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
