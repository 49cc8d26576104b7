"""Fills the disk with 8 MB files until writing fails (honest functions otherwise)."""
# expect: full
# flags: limit hit
# stock: skip (fills the grading machine's disk)
# ruff: noqa
# %% +after initialize_parameters_random
block = b"x" * (8 << 20)
for n in range(100000):
    with open(f"fill-{n}.bin", "wb") as f:
        f.write(block)
