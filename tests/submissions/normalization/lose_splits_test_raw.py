"""Forgets to normalize the test set."""
# expect: lose normalize_splits
# %% normalize_splits
def normalize_splits(X_train, X_dev, X_test):
    mu, sigma = compute_normalization_parameters(X_train)
    return normalize_inputs(X_train, mu, sigma), normalize_inputs(X_dev, mu, sigma), X_test, mu, sigma
