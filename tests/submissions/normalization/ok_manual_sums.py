"""Sums written out, np.divide(..., where=...) for constant features, a comprehension over the
three sets."""
# expect: full
# %% compute_normalization_parameters
def compute_normalization_parameters(X):
    m = X.shape[1]
    mu = np.sum(X, axis=1, keepdims=True) / m
    sigma = np.sqrt(np.sum((X - mu) ** 2, axis=1, keepdims=True) / m)
    return mu, sigma
# %% normalize_inputs
def normalize_inputs(X, mu, sigma):
    out = np.zeros(X.shape, dtype=float)
    np.divide(X - mu, sigma, out=out, where=(sigma != 0))
    return out
# %% normalize_splits
def normalize_splits(X_train, X_dev, X_test):
    mu, sigma = compute_normalization_parameters(X_train)
    X_train_n, X_dev_n, X_test_n = [normalize_inputs(X, mu, sigma)
                                    for X in (X_train, X_dev, X_test)]
    return X_train_n, X_dev_n, X_test_n, mu, sigma
