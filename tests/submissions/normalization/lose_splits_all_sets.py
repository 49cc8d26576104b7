"""Statistics of the three sets together."""
# expect: lose normalize_splits
# %% normalize_splits
def normalize_splits(X_train, X_dev, X_test):
    mu, sigma = compute_normalization_parameters(np.concatenate([X_train, X_dev, X_test], axis=1))
    return (normalize_inputs(X_train, mu, sigma), normalize_inputs(X_dev, mu, sigma),
            normalize_inputs(X_test, mu, sigma), mu, sigma)
