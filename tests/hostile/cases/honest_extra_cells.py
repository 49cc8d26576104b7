"""Honest work with helpers of its own, extra cells, prints and a plot."""
# expect: full
# ruff: noqa
# %% initialize_parameters_xavier
def _scaled_normal(n_out, n_in, scale):
    return np.random.randn(n_out, n_in) * scale


def initialize_parameters_xavier(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = _scaled_normal(layers_dims[l], layers_dims[l - 1], np.sqrt(1 / layers_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
# %% +after initialize_parameters_xavier
p = initialize_parameters_xavier([3, 4, 1])
print({k: v.shape for k, v in p.items()})
plt.plot([1, 2, 3])
plt.show()
# %% +end
print("done!")
