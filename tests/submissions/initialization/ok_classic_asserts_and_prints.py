"""Classic solutions with the shape asserts and prints learners leave in, np.divide inside the
square root, math.sqrt, and a print of the layer count."""
# expect: full
# %% +after initialize_parameters_zeros
import math
# %% initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    L = len(layers_dims)
    print("number of layers: " + str(L - 1))
    for l in range(1, L):
        parameters["W" + str(l)] = np.zeros(shape=(layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros(shape=(layers_dims[l], 1))
        assert(parameters["W" + str(l)].shape == (layers_dims[l], layers_dims[l - 1]))
        assert(parameters["b" + str(l)].shape == (layers_dims[l], 1))
    return parameters
# %% initialize_parameters_random
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims)
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        print("W" + str(l) + ".shape = " + str(parameters["W" + str(l)].shape))
    return parameters
# %% initialize_parameters_he
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(np.divide(2, layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        assert parameters["W" + str(l)].shape == (layers_dims[l], layers_dims[l - 1])
    return parameters
# %% initialize_parameters_xavier
def initialize_parameters_xavier(layers_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * math.sqrt(1 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    print(parameters.keys())
    return parameters
