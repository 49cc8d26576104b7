"""Allocates memory until it runs out (honest functions)."""
# expect: full
# flags: limit hit
# stock: skip (exhausts the grading machine's memory)
# ruff: noqa
# %% +after initialize_parameters_random
blocks = []
while True:
    blocks.append(np.ones(10**7))
