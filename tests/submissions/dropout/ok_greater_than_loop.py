"""rand > 1 - keep_prob as a float mask, a loop over the two hidden layers, the @ operator and
in-place updates in the backward pass."""
# expect: full
# %% forward_propagation_with_dropout
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    cache = []
    A = X
    for l in (1, 2):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        Z = W @ A + b
        D = (np.random.rand(Z.shape[0], Z.shape[1]) > 1 - keep_prob).astype(float)
        A = np.maximum(Z, 0) * D / keep_prob
        cache += [Z, D, A, W, b]
    Z3 = parameters["W3"] @ A + parameters["b3"]
    A3 = 1.0 / (1.0 + np.exp(-Z3))
    cache += [Z3, A3, parameters["W3"], parameters["b3"]]
    return A3, tuple(cache)
# %% backward_propagation_with_dropout
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = dZ3.sum(axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dA2 *= D2
    dA2 /= keep_prob
    dZ2 = dA2 * (A2 > 0)
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dA1 *= D1
    dA1 /= keep_prob
    dZ1 = dA1 * (A1 > 0)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return dict(dZ3=dZ3, dW3=dW3, db3=db3, dA2=dA2, dZ2=dZ2, dW2=dW2, db2=db2, dA1=dA1,
                dZ1=dZ1, dW1=dW1, db1=db1)
