"""Classic with a boolean mask kept as is: D1 = np.random.rand(*A1.shape) < keep_prob,
np.multiply(A1, D1), A1 /= keep_prob; backward with np.multiply(dA1, D1) / keep_prob and the
`* 1.0 / m` spelling."""
# expect: full
# %% forward_propagation_with_dropout
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]

    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = np.random.rand(*A1.shape) < keep_prob
    A1 = np.multiply(A1, D1)
    A1 /= keep_prob

    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = np.random.rand(*A2.shape) < keep_prob
    A2 = np.multiply(A2, D2)
    A2 /= keep_prob

    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache
# %% backward_propagation_with_dropout
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = np.dot(dZ3, A2.T) * 1.0 / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) * 1.0 / m
    dA2 = np.multiply(np.dot(W3.T, dZ3), D2) / keep_prob
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = np.dot(dZ2, A1.T) * 1.0 / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) * 1.0 / m
    dA1 = np.multiply(np.dot(W2.T, dZ2), D1) / keep_prob
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = np.dot(dZ1, X.T) * 1.0 / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) * 1.0 / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2,
            "db2": db2, "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
