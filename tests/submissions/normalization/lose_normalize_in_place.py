"""Normalizes the caller's X in place."""
# expect: lose normalize_inputs
# %% normalize_inputs
def normalize_inputs(X, mu, sigma):
    X -= mu
    X /= np.where(sigma == 0, 1.0, sigma)
    return X
