"""mean and var then a square root, reshape instead of keepdims, sigma replaced by 1 for
constant features, and normalize_splits written with the maths inline."""
# expect: full
# %% compute_normalization_parameters
def compute_normalization_parameters(X):
    mu = X.mean(axis=1).reshape(-1, 1)
    sigma = (X.var(axis=1) ** 0.5).reshape(X.shape[0], 1)
    return mu, sigma
# %% normalize_inputs
def normalize_inputs(X, mu, sigma):
    sigma = sigma.copy()
    sigma[sigma == 0] = 1.0
    return (X - mu) / sigma
# %% normalize_splits
def normalize_splits(X_train, X_dev, X_test):
    mu = X_train.mean(axis=1, keepdims=True)
    sigma = X_train.std(axis=1, keepdims=True)
    safe = np.where(sigma > 0, sigma, 1.0)
    return ((X_train - mu) / safe, (X_dev - mu) / safe, (X_test - mu) / safe, mu, sigma)
