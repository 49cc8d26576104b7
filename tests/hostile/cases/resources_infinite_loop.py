"""An infinite loop in an extra cell (honest functions)."""
# expect: full
# flags: limit hit
# ruff: noqa
# %% +after initialize_parameters_he
while True:
    pass
