"""Forgets to subtract mu."""
# expect: lose normalize_inputs
# %% normalize_inputs
def normalize_inputs(X, mu, sigma):
    return np.where(sigma == 0, 0.0, X / np.where(sigma == 0, 1.0, sigma))
