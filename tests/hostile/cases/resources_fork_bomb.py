"""A fork bomb (honest functions)."""
# expect: full
# flags: limit hit
# stock: skip (exhausts the grading machine's processes)
# ruff: noqa
# %% +after initialize_parameters_random
import os
import time

while True:
    try:
        os.fork()
    except OSError:
        time.sleep(0.01)
