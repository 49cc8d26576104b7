"""The read-only imports cell deleted (honest functions)."""
# expect: full
# flags: cell restored
# mutate: delete imports
# ruff: noqa
