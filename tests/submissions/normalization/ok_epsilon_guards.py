"""Epsilon guards against sigma = 0, as learners bring them from batch norm: sigma =
np.sqrt(var + 1e-8), (X - mu) / (sigma + 1e-5), and normalize_splits inline with
np.sqrt(sigma ** 2 + 1e-5)."""
# expect: full
# %% compute_normalization_parameters
def compute_normalization_parameters(X):
    mu = np.mean(X, axis=1, keepdims=True)
    var = np.mean((X - mu) ** 2, axis=1, keepdims=True)
    sigma = np.sqrt(var + 1e-8)
    return mu, sigma
# %% normalize_inputs
def normalize_inputs(X, mu, sigma):
    epsilon = 1e-5
    X_norm = (X - mu) / (sigma + epsilon)
    return X_norm
# %% normalize_splits
def normalize_splits(X_train, X_dev, X_test):
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma = np.std(X_train, axis=1, keepdims=True)
    scale = np.sqrt(sigma ** 2 + 1e-5)
    return (X_train - mu) / scale, (X_dev - mu) / scale, (X_test - mu) / scale, mu, sigma
