"""Writes files into the course folder, /tmp and the library (honest functions otherwise)."""
# expect: full
# ruff: noqa
# %% +end
import os
from pathlib import Path


def course_root():
    """Walk up from the working folder to the folder holding gradebook.db."""
    here = Path(os.getcwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / "gradebook.db").exists():
            return folder
    return None

import course_lib

targets = [Path(course_lib.__file__).parent / "planted.py", Path("/tmp/planted-by-student.txt")]
root = course_root()
if root is not None:
    targets += [root / "source" / "initialization" / "planted.txt", root / "nbgrader_config.py.planted"]
for target in targets:
    try:
        target.write_text("planted")
    except OSError:
        continue
    print("LEAK: wrote", target)
    if target.parent != Path("/tmp"):
        target.unlink()
