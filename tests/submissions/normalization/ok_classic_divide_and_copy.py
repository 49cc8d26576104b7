"""Classic-style: np.average and np.sqrt(np.var(...)) reshaped to a column, a copy of X before
subtracting (X = X - mu), sigma[sigma == 0] = 1 on a copy, and normalize_splits unpacking in one
line."""
# expect: full
# %% compute_normalization_parameters
def compute_normalization_parameters(X):
    n_x = X.shape[0]
    mu = np.average(X, axis=1).reshape(n_x, 1)
    sigma = np.sqrt(np.var(X, axis=1)).reshape(n_x, 1)
    return mu, sigma
# %% normalize_inputs
def normalize_inputs(X, mu, sigma):
    X = np.copy(X)
    X = X - mu
    s = np.array(sigma, dtype=float, copy=True)
    s[s == 0] = 1
    X = X / s
    return X
# %% normalize_splits
def normalize_splits(X_train, X_dev, X_test):
    mu, sigma = compute_normalization_parameters(X_train)
    X_train_n, X_dev_n, X_test_n = (normalize_inputs(X_train, mu, sigma), normalize_inputs(X_dev, mu, sigma), normalize_inputs(X_test, mu, sigma))
    return X_train_n, X_dev_n, X_test_n, mu, sigma
