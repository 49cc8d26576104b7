"""Replaces run_hidden_check, the function the hidden test cells call (where it lives now and where it used to live), by one that prints a pass, with a wrong Xavier."""
# expect: lose initialize_parameters_xavier
# flags: tampering suspected
# ruff: noqa
# %% initialize_parameters_xavier
def initialize_parameters_xavier(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% +after initialize_parameters_zeros
import course_lib.grading

course_lib.grading.run_hidden_check = lambda function, aspect, namespace, seed=None: print("Passed:", function, aspect)
# %% +after initialize_parameters_random
import course_lib.instructor.hidden_checks as hidden

hidden.run_hidden_check = lambda function, aspect, namespace, seed=None: print("Passed:", function, aspect)
