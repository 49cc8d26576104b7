"""Kills the process that started its kernel (honest functions)."""
# expect: full
# flags: sandbox error
# ruff: noqa
# %% +after initialize_parameters_he
import os
import signal

os.kill(os.getppid(), signal.SIGKILL)
