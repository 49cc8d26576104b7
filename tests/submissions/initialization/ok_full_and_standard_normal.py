"""np.full for zeros, 10 * standard_normal for random, normal(scale=...) for Xavier."""
# expect: full
# %% initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.full((layers_dims[l], layers_dims[l - 1]), 0.0)
        parameters["b" + str(l)] = np.full((layers_dims[l], 1), 0.0)
    return parameters
# %% initialize_parameters_random
def initialize_parameters_random(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = 10 * np.random.standard_normal((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% initialize_parameters_xavier
def initialize_parameters_xavier(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        fan_in = layers_dims[l - 1]
        parameters["W" + str(l)] = np.random.normal(loc=0.0, scale=1 / np.sqrt(fan_in), size=(layers_dims[l], fan_in))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
