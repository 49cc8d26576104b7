"""Reads the reference's source file from disk and executes it to define Xavier."""
# expect: lose initialize_parameters_xavier
# ruff: noqa
# %% initialize_parameters_xavier
import course_lib
from pathlib import Path

places = [Path(course_lib.__file__).parent / "reference" / "initialization.py"]
try:
    import __editable___course_lib_0_1_0_finder as finder
    places += [Path(p) / "reference" / "initialization.py" for p in finder.MAPPING.values()]
except ImportError:
    pass
for place in places:
    try:
        code = place.read_text()
    except OSError:
        continue
    print("LEAK: read the reference at", place)
    exec(code)
    break
