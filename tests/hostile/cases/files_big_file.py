"""Writes one 200 MB file (honest functions otherwise)."""
# expect: full
# flags: limit hit
# ruff: noqa
# %% +after initialize_parameters_random
block = b"x" * (1 << 20)
with open("big.bin", "wb") as f:
    for _ in range(200):
        f.write(block)
