"""Zip over consecutive sizes, dict.update, and a Generator with a fixed seed."""
# expect: full
# %% initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l, (n_prev, n) in enumerate(zip(layers_dims, layers_dims[1:]), 1):
        parameters.update({f"W{l}": np.zeros([n, n_prev]), f"b{l}": np.zeros([n, 1])})
    return parameters
# %% initialize_parameters_random
def initialize_parameters_random(layers_dims):
    rng = np.random.default_rng(3)
    parameters = {}
    for l, (n_prev, n) in enumerate(zip(layers_dims, layers_dims[1:]), 1):
        parameters.update({f"W{l}": rng.normal(0, 10, size=(n, n_prev)), f"b{l}": np.zeros((n, 1))})
    return parameters
# %% initialize_parameters_xavier
def initialize_parameters_xavier(layers_dims):
    np.random.seed(1)
    parameters = {}
    for l, (n_prev, n) in enumerate(zip(layers_dims, layers_dims[1:]), 1):
        parameters.update({f"W{l}": np.random.randn(n, n_prev) / np.sqrt(n_prev), f"b{l}": np.zeros((n, 1))})
    return parameters
