"""Classic with np.where(rand < keep_prob, 1, 0) masks, a print of the shapes, W.dot(A) and
sigmoid(Z3) from the notebook; backward with dA2 * D2 / keep_prob in one line and dA2 * (A2 > 0)."""
# expect: full
# %% forward_propagation_with_dropout
def forward_propagation_with_dropout(X, parameters, keep_prob = 0.5):
    W1 = parameters["W1"]; b1 = parameters["b1"]
    W2 = parameters["W2"]; b2 = parameters["b2"]
    W3 = parameters["W3"]; b3 = parameters["b3"]
    print("X.shape = " + str(X.shape) + ", keep_prob = " + str(keep_prob))
    Z1 = W1.dot(X) + b1
    A1 = relu(Z1)
    D1 = np.where(np.random.rand(A1.shape[0], A1.shape[1]) < keep_prob, 1, 0)
    A1 = A1 * D1 / keep_prob
    Z2 = W2.dot(A1) + b2
    A2 = relu(Z2)
    D2 = np.where(np.random.rand(A2.shape[0], A2.shape[1]) < keep_prob, 1, 0)
    A2 = A2 * D2 / keep_prob
    Z3 = W3.dot(A2) + b3
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache
# %% backward_propagation_with_dropout
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * dZ3.dot(A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = W3.T.dot(dZ3) * D2 / keep_prob
    dZ2 = dA2 * (A2 > 0)
    dW2 = 1. / m * dZ2.dot(A1.T)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = W2.T.dot(dZ2) * D1 / keep_prob
    dZ1 = dA1 * (A1 > 0)
    dW1 = 1. / m * dZ1.dot(X.T)
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients
