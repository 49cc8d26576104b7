"""Zero weights of shape (n[l-1], n[l])."""
# expect: lose initialize_parameters_zeros
# %% initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l - 1], layers_dims[l]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
