"""A list returned for (A3, cache) and a list for the cache, np.less masks, A scaled by
1 / keep_prob before it is masked; backward with np.heaviside for the ReLU derivative and a
dict(...) of gradients."""
# expect: full
# %% forward_propagation_with_dropout
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    W1, b1, W2, b2, W3, b3 = [parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3")]
    Z1 = np.dot(W1, X) + b1
    A1 = np.maximum(Z1, 0) / keep_prob
    D1 = np.less(np.random.rand(*A1.shape), keep_prob)
    A1 = A1 * D1
    Z2 = np.dot(W2, A1) + b2
    A2 = np.maximum(Z2, 0) / keep_prob
    D2 = np.less(np.random.rand(*A2.shape), keep_prob)
    A2 = A2 * D2
    Z3 = np.dot(W3, A2) + b3
    A3 = 1 / (1 + np.exp(-Z3))
    return [A3, [Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3]]
# %% backward_propagation_with_dropout
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    dZ3 = A3 - Y
    dW3 = dZ3.dot(A2.T) / m
    db3 = dZ3.sum(axis=1, keepdims=True) / m
    dA2 = W3.T.dot(dZ3) * D2 * (1.0 / keep_prob)
    dZ2 = dA2 * np.heaviside(Z2, 0)
    dW2 = dZ2.dot(A1.T) / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dA1 = W2.T.dot(dZ2) * D1 * (1.0 / keep_prob)
    dZ1 = dA1 * np.heaviside(Z1, 0)
    dW1 = dZ1.dot(X.T) / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return dict(dZ3=dZ3, dW3=dW3, db3=db3, dA2=dA2, dZ2=dZ2, dW2=dW2, db2=db2, dA1=dA1, dZ1=dZ1, dW1=dW1, db1=db1)
