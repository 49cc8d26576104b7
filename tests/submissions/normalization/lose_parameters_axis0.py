"""Statistics over axis 0, one per example."""
# expect: lose compute_normalization_parameters
# %% compute_normalization_parameters
def compute_normalization_parameters(X):
    mu = np.mean(X, axis=0, keepdims=True)
    sigma = np.std(X, axis=0, keepdims=True)
    return mu, sigma
