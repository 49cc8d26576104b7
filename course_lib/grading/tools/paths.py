"""Where the course folder is, for the command-line tools.

The course folder holds ``nbgrader_config.py`` and ``source/``. The tools look for it from the
current folder upwards, then beside the installed package (a clone with an editable install);
a non-editable install run from elsewhere gets a clear error instead of a wrong path.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["course_root", "is_course_root"]


def is_course_root(folder: Path) -> bool:
    return (folder / "nbgrader_config.py").is_file() and (folder / "source").is_dir()


def course_root(start: Path | None = None) -> Path:
    """The course folder containing ``start`` (default: the current folder), else the folder
    the package was installed from; SystemExit if neither is a course folder."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_course_root(folder):
            return folder
    import course_lib

    beside = Path(course_lib.__file__).resolve().parents[1]
    if is_course_root(beside):
        return beside
    raise SystemExit(f"no course folder (with nbgrader_config.py and source/) at or above "
                     f"{here}: run this command from the course folder")
