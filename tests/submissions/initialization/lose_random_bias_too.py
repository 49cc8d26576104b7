"""Random weights and random biases."""
# expect: lose initialize_parameters_random
# %% initialize_parameters_random
def initialize_parameters_random(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.random.randn(layers_dims[l], 1) * 10
    return parameters
