"""Looks for the gradebook and reads the hidden tests out of it (honest functions otherwise)."""
# expect: full
# ruff: noqa
# %% +after imports
import os
from pathlib import Path


def course_root():
    """Walk up from the working folder to the folder holding gradebook.db."""
    here = Path(os.getcwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / "gradebook.db").exists():
            return folder
    return None

import sqlite3

root = course_root()
if root is not None:
    db = sqlite3.connect(root / "gradebook.db")
    rows = db.execute("select source from source_cell").fetchall()
    print("LEAK: read", len(rows), "source cells from the gradebook")
