"""Zero weights but biases set to one."""
# expect: lose initialize_parameters_zeros
# %% initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.ones((layers_dims[l], 1))
    return parameters
