"""Other return types than a plain float64 dict: an OrderedDict for He (math.sqrt(2) /
math.sqrt(n) as the scale), float32 weights and biases for Xavier (randn / np.sqrt(n) cast
with astype), and a dict comprehension for the zeros."""
# expect: full
# %% initialize_parameters_he
import math
from collections import OrderedDict


def initialize_parameters_he(layers_dims):
    parameters = OrderedDict()
    for l in range(1, len(layers_dims)):
        scale = math.sqrt(2) / math.sqrt(layers_dims[l - 1])
        parameters["W" + str(l)] = scale * np.random.randn(layers_dims[l], layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
# %% initialize_parameters_xavier
def initialize_parameters_xavier(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    / np.sqrt(layers_dims[l - 1])).astype(np.float32)
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1), dtype=np.float32)
    return parameters
# %% initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    return {k: v for l in range(1, len(layers_dims))
            for k, v in (("W%d" % l, np.zeros((layers_dims[l], layers_dims[l - 1]))),
                         ("b%d" % l, np.zeros((layers_dims[l], 1))))}
