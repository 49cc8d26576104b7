"""Dave hides a wrong He behind an IPython hook that swallows every error of the later cells:
stock nbgrader gives full marks; here the verdict is computed outside his kernel."""
# expect: lose initialize_parameters_he
# %% initialize_parameters_he
def initialize_parameters_he(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% +after initialize_parameters_zeros
def swallow(lines):
    return ["try:\n"] + ["    " + line for line in lines] + ["\n    pass\nexcept BaseException:\n    pass\n"]


get_ipython().input_transformers_cleanup.append(swallow)
