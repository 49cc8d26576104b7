"""Loop from 0: W0 and b0 appear, and W1 has the wrong shape."""
# expect: lose initialize_parameters_zeros
# %% initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
