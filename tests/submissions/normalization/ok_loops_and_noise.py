"""One feature at a time, a tiny epsilon added to sigma, prints, a warning, and a helper cell."""
# expect: full
# %% +after compute_normalization_parameters
import warnings


def describe(name, X):
    print(name, "has shape", X.shape)
# %% compute_normalization_parameters
def compute_normalization_parameters(X):
    describe("X", X)
    n_x = X.shape[0]
    mu = np.zeros((n_x, 1))
    sigma = np.zeros((n_x, 1))
    for j in range(n_x):
        mu[j, 0] = np.mean(X[j])
        sigma[j, 0] = np.std(X[j])
    return mu, sigma
# %% normalize_inputs
def normalize_inputs(X, mu, sigma):
    warnings.warn("normalizing")
    return (X - mu) / (sigma + 1e-8)
# %% normalize_splits
def normalize_splits(X_train, X_dev, X_test):
    parameters = compute_normalization_parameters(X_train)
    results = tuple(normalize_inputs(X, *parameters) for X in (X_train, X_dev, X_test))
    print("normalized", len(results), "sets")
    return results + parameters
