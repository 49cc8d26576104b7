"""Classic variants that divide instead of multiply: randn / np.sqrt(layers_dims[l-1] / 2) for He
and reg_utils' randn / np.sqrt(layers_dims[l-1]) for Xavier; a zero-float Wl via np.zeros_like."""
# expect: full
# %% initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        W = np.random.randn(layers_dims[l], layers_dims[l-1])
        parameters['W' + str(l)] = np.zeros_like(W)
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% initialize_parameters_random
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters['W' + str(l)] = 10 * np.random.randn(layers_dims[l], layers_dims[l-1])
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% initialize_parameters_he
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l-1]) / np.sqrt(layers_dims[l-1] / 2)
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% initialize_parameters_xavier
def initialize_parameters_xavier(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l-1]) / np.sqrt(layers_dims[l-1])
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
