"""Ignores mu and sigma and recomputes them from X."""
# expect: lose normalize_inputs
# %% normalize_inputs
def normalize_inputs(X, mu, sigma):
    mu = X.mean(axis=1, keepdims=True)
    sigma = X.std(axis=1, keepdims=True)
    return np.where(sigma == 0, 0.0, (X - mu) / np.where(sigma == 0, 1.0, sigma))
