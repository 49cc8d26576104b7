"""Bob made two classic slips: integer zeros, and He scaled by the fan-out."""
# expect: lose initialize_parameters_zeros initialize_parameters_he
# %% initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]), dtype=int)
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1), dtype=int)
    return parameters
# %% initialize_parameters_he
def initialize_parameters_he(layers_dims):
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
