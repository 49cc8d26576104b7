"""Each set normalized with its own statistics."""
# expect: lose normalize_splits
# %% normalize_splits
def normalize_splits(X_train, X_dev, X_test):
    mu, sigma = compute_normalization_parameters(X_train)
    out = [normalize_inputs(X, *compute_normalization_parameters(X)) for X in (X_train, X_dev, X_test)]
    return out[0], out[1], out[2], mu, sigma
