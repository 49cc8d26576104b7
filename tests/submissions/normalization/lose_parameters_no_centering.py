"""sigma from the raw X, without subtracting mu."""
# expect: lose compute_normalization_parameters
# %% compute_normalization_parameters
def compute_normalization_parameters(X):
    mu = np.mean(X, axis=1, keepdims=True)
    sigma = np.sqrt(np.mean(X ** 2, axis=1, keepdims=True))
    return mu, sigma
