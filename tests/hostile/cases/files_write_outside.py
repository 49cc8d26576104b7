"""Writes files into the course folder: its sources and its config (honest functions otherwise)."""
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

root = course_root()
targets = [] if root is None else [root / "source" / "initialization" / "planted.txt",
                                   root / "release" / "initialization" / "planted.txt"]
for target in targets:
    try:
        target.write_text("planted")
    except OSError:
        continue
    print("LEAK: wrote", target)
    target.unlink()
