"""Crashes the kernel with a segmentation fault (honest functions)."""
# expect: full
# flags: kernel crash
# ruff: noqa
# %% +after initialize_parameters_random
import ctypes
ctypes.string_at(0)
