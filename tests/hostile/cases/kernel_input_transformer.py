"""Wraps every later cell in try/except with an IPython input transformer, with a wrong He."""
# expect: lose initialize_parameters_he
# flags: tampering suspected
# ruff: noqa
# %% initialize_parameters_he
def initialize_parameters_he(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% +after initialize_parameters_zeros
def swallow(lines):
    return ["try:\n"] + ["    " + line for line in lines] + ["\n    pass\nexcept BaseException:\n    pass\n"]


get_ipython().input_transformers_cleanup.append(swallow)
