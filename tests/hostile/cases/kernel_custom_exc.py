"""Installs an IPython custom exception handler that hides every error, with a wrong He."""
# expect: lose initialize_parameters_he
# ruff: noqa
# %% initialize_parameters_he
def initialize_parameters_he(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% +after initialize_parameters_zeros
get_ipython().set_custom_exc((Exception,), lambda shell, etype, value, tb, tb_offset=None: None)
