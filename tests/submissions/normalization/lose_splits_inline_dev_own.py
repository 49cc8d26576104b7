"""The maths inline, and the dev set normalized with its own statistics."""
# expect: lose normalize_splits
# %% normalize_splits
def normalize_splits(X_train, X_dev, X_test):
    mu, sigma = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, keepdims=True)
    mu_dev, sigma_dev = X_dev.mean(axis=1, keepdims=True), X_dev.std(axis=1, keepdims=True)
    return (X_train - mu) / sigma, (X_dev - mu_dev) / sigma_dev, (X_test - mu) / sigma, mu, sigma
