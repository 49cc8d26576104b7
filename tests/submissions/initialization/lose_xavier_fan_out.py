"""Xavier scaled by the fan-out layers_dims[l]."""
# expect: lose initialize_parameters_xavier
# %% initialize_parameters_xavier
def initialize_parameters_xavier(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(1 / layers_dims[l])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
