"""lambd / (2m) * sign(W) for L1; no penalty term in dW2 for L2."""
# expect: lose backward_propagation_with_regularization backward_propagation_with_l1_regularization
# %% backward_propagation_with_regularization
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    grads = nn.backward_propagation(X, Y, cache)
    grads["dW1"] = grads["dW1"] + lambd / m * cache[2]
    grads["dW3"] = grads["dW3"] + lambd / m * cache[10]
    return grads
# %% backward_propagation_with_l1_regularization
def backward_propagation_with_l1_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    grads = nn.backward_propagation(X, Y, cache)
    for l, position in ((1, 2), (2, 6), (3, 10)):
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / (2 * m) * np.sign(cache[position])
    return grads
