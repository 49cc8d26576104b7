"""2 * lambd / m * W in the L2 gradient (the 1/2 forgotten); |W| instead of sign(W) for L1."""
# expect: lose backward_propagation_with_regularization backward_propagation_with_l1_regularization
# %% backward_propagation_with_regularization
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    grads = nn.backward_propagation(X, Y, cache)
    for l, position in ((1, 2), (2, 6), (3, 10)):
        grads[f"dW{l}"] = grads[f"dW{l}"] + 2 * lambd / m * cache[position]
    return grads
# %% backward_propagation_with_l1_regularization
def backward_propagation_with_l1_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    grads = nn.backward_propagation(X, Y, cache)
    for l, position in ((1, 2), (2, 6), (3, 10)):
        grads[f"dW{l}"] = grads[f"dW{l}"] + lambd / m * np.abs(cache[position])
    return grads
