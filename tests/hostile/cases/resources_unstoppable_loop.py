"""A loop that ignores interrupts and swallows every exception (honest functions)."""
# expect: full
# flags: limit hit
# ruff: noqa
# %% +after initialize_parameters_zeros
import signal
import time

signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    try:
        time.sleep(0.05)
    except BaseException:
        pass
