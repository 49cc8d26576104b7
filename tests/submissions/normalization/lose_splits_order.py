"""Returns the sets in another order."""
# expect: lose normalize_splits
# %% normalize_splits
def normalize_splits(X_train, X_dev, X_test):
    mu, sigma = compute_normalization_parameters(X_train)
    return (normalize_inputs(X_dev, mu, sigma), normalize_inputs(X_train, mu, sigma),
            normalize_inputs(X_test, mu, sigma), mu, sigma)
