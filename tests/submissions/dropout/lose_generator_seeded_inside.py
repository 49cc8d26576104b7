"""A generator seeded inside the forward pass: the same masks on every call, which is not
dropout (unlike the classic template's np.random.seed(1), which the grader ignores)."""
# expect: lose forward_propagation_with_dropout
# %% forward_propagation_with_dropout
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    rng = np.random.default_rng(1)
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.maximum(0, Z1)
    D1 = (rng.random(A1.shape) < keep_prob).astype(int)
    A1 = A1 * D1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2 = np.maximum(0, Z2)
    D2 = (rng.random(A2.shape) < keep_prob).astype(int)
    A2 = A2 * D2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = 1 / (1 + np.exp(-Z3))
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
