"""Saved with an R kernel (honest functions)."""
# expect: full
# flags: notebook repaired
# mutate: kernelspec ir
# ruff: noqa
