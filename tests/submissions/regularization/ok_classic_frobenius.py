"""The Frobenius norm squared (np.linalg.norm(W, 'fro') ** 2, np.square(np.linalg.norm(W))), the
`* 1.0 / m` spelling, the classic's own backward_propagation reused and then corrected by lambd / m *
W, and relu's mask built with np.int64(A > 0)."""
# expect: full
# %% compute_cost_with_regularization
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    W3 = parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = lambd * 1.0 / (2 * m) * (np.linalg.norm(W1, 'fro') ** 2 + np.square(np.linalg.norm(W2)) + np.linalg.norm(W3) ** 2)
    cost = cross_entropy_cost + L2_regularization_cost
    return cost
# %% backward_propagation_with_regularization
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    gradients = backward_propagation(X, Y, cache)
    gradients["dW3"] = gradients["dW3"] + lambd * 1.0 / m * W3
    gradients["dW2"] = gradients["dW2"] + lambd * 1.0 / m * W2
    gradients["dW1"] = gradients["dW1"] + lambd * 1.0 / m * W1
    return gradients
# %% compute_cost_with_l1_regularization
def compute_cost_with_l1_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    cross_entropy_cost = compute_cost(A3, Y)
    L1_regularization_cost = lambd * 1.0 / m * sum(np.sum(np.abs(parameters[key])) for key in ["W1", "W2", "W3"])
    return cross_entropy_cost + L1_regularization_cost
# %% backward_propagation_with_l1_regularization
def backward_propagation_with_l1_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T) + lambd * 1.0 / m * np.sign(W3)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) + lambd * 1.0 / m * np.sign(W2)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T) + lambd * 1.0 / m * np.sign(W1)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
