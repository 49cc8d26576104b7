"""np.random.rand (uniform on [0, 1)) instead of randn."""
# expect: lose initialize_parameters_random
# %% initialize_parameters_random
def initialize_parameters_random(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.rand(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
