"""Classic-style numpy: np.mean / np.std with keepdims, prints of the shapes, sigma_safe =
np.where(sigma == 0, 1, sigma) and a zeroed row for sigma == 0, and normalize_splits building a
list then a tuple."""
# expect: full
# %% compute_normalization_parameters
def compute_normalization_parameters(X):
    mu = np.mean(X, axis = 1, keepdims = True)
    sigma = np.std(X, axis = 1, keepdims = True)
    print("mu.shape = " + str(mu.shape) + ", sigma.shape = " + str(sigma.shape))
    return mu, sigma
# %% normalize_inputs
def normalize_inputs(X, mu, sigma):
    sigma_safe = np.where(sigma == 0, 1, sigma)
    X_norm = (X - mu) / sigma_safe
    X_norm = X_norm * (sigma != 0)
    return X_norm
# %% normalize_splits
def normalize_splits(X_train, X_dev, X_test):
    mu, sigma = compute_normalization_parameters(X_train)
    normalized = []
    for X in [X_train, X_dev, X_test]:
        normalized.append(normalize_inputs(X, mu, sigma))
    print("train " + str(normalized[0].shape) + ", dev " + str(normalized[1].shape))
    return tuple(normalized) + (mu, sigma)
