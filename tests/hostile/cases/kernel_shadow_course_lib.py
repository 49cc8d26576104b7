"""Puts a fake course_lib.grading in sys.modules whose checks always pass, with ones instead of zeros."""
# expect: lose initialize_parameters_zeros
# flags: tampering suspected
# ruff: noqa
# %% initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.ones((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% +after imports
import sys
import types

fake = types.ModuleType("course_lib.grading")
fake.run_hidden_check = lambda *args, **kwargs: print("Passed")
sys.modules["course_lib.grading"] = fake
