"""Prints 30 MB of text (honest functions)."""
# expect: full
# flags: limit hit
# ruff: noqa
# %% +after initialize_parameters_random
line = "spam " * 199 + "\n"
for _ in range(30000):
    print(line, end="")
