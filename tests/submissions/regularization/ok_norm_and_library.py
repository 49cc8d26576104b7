"""np.linalg.norm(W) ** 2 and abs().sum(), float() returns, the library's plain backward pass
plus the penalty term."""
# expect: full
# %% compute_cost_with_regularization
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    penalty = sum(np.linalg.norm(parameters[k]) ** 2 for k in ("W1", "W2", "W3"))
    return float(compute_cost(A3, Y) + lambd / (2 * m) * penalty)
# %% backward_propagation_with_regularization
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    gradients = nn.backward_propagation(X, Y, cache)
    for l, W in ((1, cache[2]), (2, cache[6]), (3, cache[10])):
        gradients["dW" + str(l)] = gradients["dW" + str(l)] + lambd / m * W
    return gradients
# %% compute_cost_with_l1_regularization
def compute_cost_with_l1_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    penalty = np.abs(parameters["W1"]).sum() + np.abs(parameters["W2"]).sum() + np.abs(parameters["W3"]).sum()
    return float(compute_cost(A3, Y) + lambd * penalty / m)
# %% backward_propagation_with_l1_regularization
def backward_propagation_with_l1_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    gradients = nn.backward_propagation(X, Y, cache)
    for l, W in ((1, cache[2]), (2, cache[6]), (3, cache[10])):
        gradients[f"dW{l}"] += (lambd / m) * np.sign(W)
    return gradients
