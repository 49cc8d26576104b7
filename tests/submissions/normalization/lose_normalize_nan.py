"""No care for constant features: 0 / 0 = nan."""
# expect: lose normalize_inputs
# %% normalize_inputs
def normalize_inputs(X, mu, sigma):
    return (X - mu) / sigma
