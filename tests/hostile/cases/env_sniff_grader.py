"""Patches the hidden tests only when it detects nbgrader's environment, with a wrong Xavier."""
# expect: lose initialize_parameters_xavier
# ruff: noqa
# %% initialize_parameters_xavier
def initialize_parameters_xavier(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% +after initialize_parameters_zeros
import os

found = sorted(k for k in os.environ if "NBGRADER" in k or "JPY_" in k)
if os.environ.get("NBGRADER_EXECUTION"):
    print("LEAK: grading detected from", found)
    import course_lib.grading
    course_lib.grading.run_hidden_check = lambda *args, **kwargs: None
