"""sigma is the variance (the notes' slip)."""
# expect: lose compute_normalization_parameters
# %% compute_normalization_parameters
def compute_normalization_parameters(X):
    mu = np.mean(X, axis=1, keepdims=True)
    sigma = np.var(X, axis=1, keepdims=True)
    return mu, sigma
