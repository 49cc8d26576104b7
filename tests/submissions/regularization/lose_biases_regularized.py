"""Every parameter penalized, biases included, in both costs and both backward passes."""
# expect: lose compute_cost_with_regularization backward_propagation_with_regularization compute_cost_with_l1_regularization backward_propagation_with_l1_regularization
# %% compute_cost_with_regularization
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    return compute_cost(A3, Y) + lambd / (2 * m) * sum(np.sum(np.square(v)) for v in parameters.values())
# %% backward_propagation_with_regularization
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    grads = nn.backward_propagation(X, Y, cache)
    for name, position in (("W1", 2), ("b1", 3), ("W2", 6), ("b2", 7), ("W3", 10), ("b3", 11)):
        grads["d" + name] = grads["d" + name] + lambd / m * cache[position]
    return grads
# %% compute_cost_with_l1_regularization
def compute_cost_with_l1_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    return compute_cost(A3, Y) + lambd / m * sum(np.sum(np.abs(v)) for v in parameters.values())
# %% backward_propagation_with_l1_regularization
def backward_propagation_with_l1_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    grads = nn.backward_propagation(X, Y, cache)
    for name, position in (("W1", 2), ("b1", 3), ("W2", 6), ("b2", 7), ("W3", 10), ("b3", 11)):
        grads["d" + name] = grads["d" + name] + lambd / m * np.sign(cache[position])
    return grads
