"""Generator API: np.random.default_rng, standard_normal and normal with a scale."""
# expect: full
# %% initialize_parameters_he
def initialize_parameters_he(layers_dims):
    rng = np.random.default_rng()
    return {name: value
            for l in range(1, len(layers_dims))
            for name, value in ((f"W{l}", rng.standard_normal((layers_dims[l], layers_dims[l - 1]))
                                 * (2 / layers_dims[l - 1]) ** 0.5),
                                (f"b{l}", np.zeros((layers_dims[l], 1))))}
# %% initialize_parameters_xavier
def initialize_parameters_xavier(layers_dims):
    rng = np.random.default_rng(42)
    parameters = {}
    for l, (n_in, n_out) in enumerate(zip(layers_dims[:-1], layers_dims[1:]), start=1):
        parameters[f"W{l}"] = rng.normal(0.0, np.sqrt(1.0 / n_in), size=(n_out, n_in))
        parameters[f"b{l}"] = np.zeros(shape=(n_out, 1), dtype=np.float64)
    return parameters
# %% initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W%d" % l] = np.zeros((layers_dims[l], layers_dims[l - 1]), dtype=np.float32)
        parameters["b%d" % l] = np.zeros((layers_dims[l], 1), dtype=np.float32)
    return parameters
