"""The sample standard deviation (ddof=1)."""
# expect: lose compute_normalization_parameters
# %% compute_normalization_parameters
def compute_normalization_parameters(X):
    mu = np.mean(X, axis=1, keepdims=True)
    sigma = np.std(X, axis=1, ddof=1, keepdims=True)
    return mu, sigma
