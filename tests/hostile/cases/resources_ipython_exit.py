"""Calls IPython's exit() after the first exercise and quit() after the second (honest functions)."""
# expect: full
# ruff: noqa
# %% +after initialize_parameters_zeros
exit()
# %% +after initialize_parameters_he
import time

quit()
time.sleep(1)
