"""Loops over the layers, a cross-entropy written out with np.sum and np.squeeze, (W ** 2).sum(),
np.multiply and the ReLU derivative from Z; a student print for good measure."""
# expect: full
# %% compute_cost_with_regularization
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    cross_entropy = np.squeeze(np.sum(logprobs) / m)
    squares = 0
    for l in range(1, 4):
        squares += (parameters["W%d" % l] ** 2).sum()
    return cross_entropy + squares * lambd / m / 2
# %% backward_propagation_with_regularization
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    grads = {}
    grads["dZ3"] = A3 - Y
    grads["dW3"] = np.dot(grads["dZ3"], A2.T) / m + np.multiply(lambd / m, W3)
    grads["db3"] = np.sum(grads["dZ3"], axis=1, keepdims=True) / m
    grads["dA2"] = np.dot(W3.T, grads["dZ3"])
    grads["dZ2"] = np.multiply(grads["dA2"], Z2 > 0)
    grads["dW2"] = np.dot(grads["dZ2"], A1.T) / m + np.multiply(lambd / m, W2)
    grads["db2"] = np.sum(grads["dZ2"], axis=1, keepdims=True) / m
    grads["dA1"] = np.dot(W2.T, grads["dZ2"])
    grads["dZ1"] = np.multiply(grads["dA1"], Z1 > 0)
    grads["dW1"] = np.dot(grads["dZ1"], X.T) / m + np.multiply(lambd / m, W1)
    grads["db1"] = np.sum(grads["dZ1"], axis=1, keepdims=True) / m
    print("gradients computed")
    return grads
# %% compute_cost_with_l1_regularization
def compute_cost_with_l1_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    total = 0.0
    for l in range(1, 4):
        total = total + np.sum(np.absolute(parameters["W" + str(l)]))
    return np.squeeze(np.sum(logprobs) / m + lambd / m * total)
# %% backward_propagation_with_l1_regularization
def backward_propagation_with_l1_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m + lambd / m * np.sign(W3)
    db3 = dZ3.sum(axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m + lambd / m * np.sign(W2)
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m + lambd / m * np.sign(W1)
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
