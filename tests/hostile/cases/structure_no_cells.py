"""Valid JSON, but every cell deleted."""
# expect: zero
# flags: cell restored
# mutate: clear
# ruff: noqa
