"""np.einsum for the squares, a (1, 1) array as the cost, np.where for sign-like code, a helper
defined in an extra cell."""
# expect: full
# %% compute_cost_with_regularization
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    squares = sum(np.einsum("ij,ij->", W, W) for W in (parameters["W1"], parameters["W2"], parameters["W3"]))
    return np.array([[compute_cost(A3, Y)]]) + lambd / (2 * m) * squares
# %% backward_propagation_with_regularization
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * (np.dot(dZ3, A2.T) + lambd * W3)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.where(A2 > 0, dA2, 0)
    dW2 = 1. / m * (np.dot(dZ2, A1.T) + lambd * W2)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.where(A1 > 0, dA1, 0)
    dW1 = 1. / m * (np.dot(dZ1, X.T) + lambd * W1)
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
# %% +after backward_propagation_with_regularization
def l1_term(W, lambd, m):
    return lambd / m * np.where(W > 0, 1.0, np.where(W < 0, -1.0, 0.0))
# %% compute_cost_with_l1_regularization
def compute_cost_with_l1_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    flat = np.concatenate([parameters[k].ravel() for k in ("W1", "W2", "W3")])
    return compute_cost(A3, Y) + lambd / m * np.linalg.norm(flat, ord=1)
# %% backward_propagation_with_l1_regularization
def backward_propagation_with_l1_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    grads = backward_propagation_with_regularization(X, Y, cache, 0.0)
    for l, position in ((1, 2), (2, 6), (3, 10)):
        grads[f"dW{l}"] = grads[f"dW{l}"] + l1_term(cache[position], lambd, m)
    return grads
