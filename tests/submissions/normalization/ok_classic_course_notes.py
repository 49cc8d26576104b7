"""Written the way the lecture notes put it: mu = 1/m * np.sum(X), sigma^2 = 1/m * np.sum(X ** 2)
after centering and then its square root, asserts on the shapes, np.divide with where= for the
constant feature, and normalize_splits calling the two functions."""
# expect: full
# %% compute_normalization_parameters
def compute_normalization_parameters(X):
    m = X.shape[1]
    mu = 1. / m * np.sum(X, axis=1, keepdims=True)
    X_centered = X - mu
    sigma2 = 1. / m * np.sum(X_centered ** 2, axis=1, keepdims=True)
    sigma = np.sqrt(sigma2)
    assert(mu.shape == (X.shape[0], 1))
    assert(sigma.shape == (X.shape[0], 1))
    return mu, sigma
# %% normalize_inputs
def normalize_inputs(X, mu, sigma):
    X_centered = X - mu
    X_norm = np.divide(X_centered, sigma, out=np.zeros_like(X_centered, dtype=float), where=(sigma != 0))
    assert(X_norm.shape == X.shape)
    return X_norm
# %% normalize_splits
def normalize_splits(X_train, X_dev, X_test):
    mu, sigma = compute_normalization_parameters(X_train)
    X_train_n = normalize_inputs(X_train, mu, sigma)
    X_dev_n = normalize_inputs(X_dev, mu, sigma)
    X_test_n = normalize_inputs(X_test, mu, sigma)
    return X_train_n, X_dev_n, X_test_n, mu, sigma
