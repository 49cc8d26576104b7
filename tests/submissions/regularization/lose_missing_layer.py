"""A layer forgotten: W3 missing from the L2 cost, W2 from the L1 cost, no term in dW1 (L1)."""
# expect: lose compute_cost_with_regularization compute_cost_with_l1_regularization backward_propagation_with_l1_regularization
# %% compute_cost_with_regularization
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    return compute_cost(A3, Y) + lambd / (2 * m) * (np.sum(np.square(parameters["W1"])) + np.sum(np.square(parameters["W2"])))
# %% compute_cost_with_l1_regularization
def compute_cost_with_l1_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    return compute_cost(A3, Y) + lambd / m * (np.sum(np.abs(parameters["W1"])) + np.sum(np.abs(parameters["W3"])))
# %% backward_propagation_with_l1_regularization
def backward_propagation_with_l1_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    grads = nn.backward_propagation(X, Y, cache)
    grads["dW2"] = grads["dW2"] + lambd / m * np.sign(cache[6])
    grads["dW3"] = grads["dW3"] + lambd / m * np.sign(cache[10])
    return grads
