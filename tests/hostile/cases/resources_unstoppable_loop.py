"""A loop that swallows every exception, interrupts included (honest functions)."""
# expect: full
# flags: limit hit
# ruff: noqa
# %% +after initialize_parameters_zeros
import time

while True:
    try:
        time.sleep(0.05)
    except BaseException:
        pass
