"""Honest functions that print debugging output to stderr and raise warnings."""
# expect: full
# ruff: noqa
# %% initialize_parameters_he
import sys
import warnings


def initialize_parameters_he(layers_dims):
    print("debug: he", layers_dims, file=sys.__stderr__, flush=True)
    warnings.warn("just checking", UserWarning)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% +after initialize_parameters_he
import sys
print("some noise on stderr", file=sys.stderr)
import warnings
warnings.warn("a warning in my own cell")
