"""The Frobenius norm itself instead of its square (L2); the weights summed without abs (L1)."""
# expect: lose compute_cost_with_regularization compute_cost_with_l1_regularization
# %% compute_cost_with_regularization
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    return compute_cost(A3, Y) + lambd / (2 * m) * sum(np.linalg.norm(parameters[k]) for k in ("W1", "W2", "W3"))
# %% compute_cost_with_l1_regularization
def compute_cost_with_l1_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    return compute_cost(A3, Y) + lambd / m * sum(np.sum(parameters[k]) for k in ("W1", "W2", "W3"))
