"""Other ways learners wrote the classic: lambd / (2 * m), (lambd/2) * (1/m), ** 2, `import numpy
as np` inside the function, dA2 * (A2 > 0), (1 / m) * (dZ3 @ A2.T) + (lambd * W3) / m, a loop over
the three layers for the L1 cost, and a print of the cost parts."""
# expect: full
# %% compute_cost_with_regularization
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    import numpy as np
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    cross_entropy_cost = compute_cost(A3, Y)
    L2_regularization_cost = lambd / (2 * m) * (np.sum(W1 ** 2) + np.sum(W2 ** 2) + np.sum(W3 ** 2))
    print("cross entropy: " + str(cross_entropy_cost) + ", L2: " + str(L2_regularization_cost))
    return cross_entropy_cost + L2_regularization_cost
# %% backward_propagation_with_regularization
def backward_propagation_with_regularization(X, Y, cache, lambd):
    import numpy as np
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = (1 / m) * (dZ3 @ A2.T) + (lambd * W3) / m
    db3 = (1 / m) * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = (1 / m) * (dZ2 @ A1.T) + (lambd * W2) / m
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = (1 / m) * (dZ1 @ X.T) + (lambd * W1) / m
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
# %% compute_cost_with_l1_regularization
def compute_cost_with_l1_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    L1_regularization_cost = 0
    for l in range(1, 4):
        L1_regularization_cost += np.sum(np.absolute(parameters["W" + str(l)]))
    L1_regularization_cost = (lambd / 2) * (2 / m) * L1_regularization_cost
    return compute_cost(A3, Y) + L1_regularization_cost
# %% backward_propagation_with_l1_regularization
def backward_propagation_with_l1_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = (1 / m) * (dZ3 @ A2.T) + (lambd / m) * np.sign(W3)
    db3 = (1 / m) * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dW2 = (1 / m) * (dZ2 @ A1.T) + (lambd / m) * np.sign(W2)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    dW1 = (1 / m) * (dZ1 @ X.T) + (lambd / m) * np.sign(W1)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
