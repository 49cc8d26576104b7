"""No keepdims: mu and sigma of shape (n_x,)."""
# expect: lose compute_normalization_parameters
# %% compute_normalization_parameters
def compute_normalization_parameters(X):
    mu = np.mean(X, axis=1)
    sigma = np.std(X, axis=1)
    return mu, sigma
