"""Replaces the judge of the weight scale inside the checks module, with randn not scaled by 10."""
# expect: lose initialize_parameters_random
# flags: tampering suspected
# ruff: noqa
# %% initialize_parameters_random
def initialize_parameters_random(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% +after initialize_parameters_zeros
import course_lib.instructor.hidden_checks.initialization as hidden
from course_lib.judges import ok

hidden.judge_scale = lambda *args, **kwargs: ok()
