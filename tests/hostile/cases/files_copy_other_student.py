"""Copies another student's solutions from submitted/ (its own cells are blank)."""
# expect: zero
# base: release
# ruff: noqa
# %% initialize_parameters_zeros
import os
from pathlib import Path


def course_root():
    """Walk up from the working folder to the folder holding gradebook.db."""
    here = Path(os.getcwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / "gradebook.db").exists():
            return folder
    return None

import json

root = course_root()
if root is not None:
    for path in sorted(root.glob("submitted/*/initialization/initialization.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        solutions = [s for s in sources if s.startswith("def initialize_parameters_") and "NotImplementedError" not in s]
        if len(solutions) >= 4:
            for code in solutions:
                exec(code)
            print("LEAK: copied the solutions of", path.parts[-3])
            break
# %% initialize_parameters_random
# copied in the first solution cell
# %% initialize_parameters_he
# copied in the first solution cell
# %% initialize_parameters_xavier
# copied in the first solution cell
