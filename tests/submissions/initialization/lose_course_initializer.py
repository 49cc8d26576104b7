"""Every initializer is one call into the course's own nn.initialize_parameters: the course's
helper does the exercise, so each function loses its points with a reason naming the helper."""
# expect: lose initialize_parameters_zeros initialize_parameters_random initialize_parameters_he initialize_parameters_xavier
# %% initialize_parameters_zeros
def initialize_parameters_zeros(layers_dims):
    return nn.initialize_parameters(layers_dims, np.random.default_rng(3), 0.0)
# %% initialize_parameters_random
def initialize_parameters_random(layers_dims):
    return nn.initialize_parameters(layers_dims, np.random.default_rng(3), scale=10)
# %% initialize_parameters_he
def initialize_parameters_he(layers_dims):
    return nn.initialize_parameters(layers_dims, np.random.default_rng(3), "he")
# %% initialize_parameters_xavier
def initialize_parameters_xavier(layers_dims):
    from course_lib.core.nn import initialize_parameters
    return initialize_parameters(layers_dims, np.random.default_rng(3), scale="xavier")
