"""Divides by the variance sigma**2."""
# expect: lose normalize_inputs
# %% normalize_inputs
def normalize_inputs(X, mu, sigma):
    safe = np.where(sigma == 0, 1.0, sigma)
    return np.where(sigma == 0, 0.0, (X - mu) / safe ** 2)
