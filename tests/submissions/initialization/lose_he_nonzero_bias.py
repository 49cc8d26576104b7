"""He weights right, but random biases."""
# expect: lose initialize_parameters_he
# %% initialize_parameters_he
def initialize_parameters_he(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.random.randn(layers_dims[l], 1) * 0.01
    return parameters
