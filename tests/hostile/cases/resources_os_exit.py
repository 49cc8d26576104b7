"""Kills its own kernel with os._exit after the first exercise (honest functions)."""
# expect: full
# flags: kernel crash
# ruff: noqa
# %% +after initialize_parameters_zeros
import os
os._exit(0)
