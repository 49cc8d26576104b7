"""He scaled by the fan-out layers_dims[l] instead of the fan-in layers_dims[l-1]."""
# expect: lose initialize_parameters_he
# %% initialize_parameters_he
def initialize_parameters_he(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
