"""np.random.normal, a helper in an extra cell, prints and a numpy warning on stderr."""
# expect: full
# %% +after initialize_parameters_zeros
import warnings


def layer_shapes(layers_dims):
    return [(layers_dims[l], layers_dims[l - 1]) for l in range(1, len(layers_dims))]


print("my helper is ready")
# %% initialize_parameters_he
def initialize_parameters_he(layers_dims):
    parameters = {}
    warnings.warn("just a warning from the student")
    np.log(np.array([0.0]))  # RuntimeWarning on stderr: divide by zero
    for l, (n_out, n_in) in enumerate(layer_shapes(layers_dims), start=1):
        print("layer", l, "has shape", (n_out, n_in))
        parameters["W" + str(l)] = np.random.normal(scale=np.sqrt(2 / n_in), size=(n_out, n_in))
        parameters["b" + str(l)] = np.zeros((n_out, 1))
    return parameters
