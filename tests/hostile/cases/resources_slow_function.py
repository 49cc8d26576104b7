"""The He function sleeps forever."""
# expect: lose initialize_parameters_he
# reason: ran longer than
# ruff: noqa
# %% initialize_parameters_he
import time


def initialize_parameters_he(layers_dims):
    time.sleep(10**6)
