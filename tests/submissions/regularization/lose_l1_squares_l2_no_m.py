"""Squares in the L1 cost (that is L2); the L2 cost not divided by m."""
# expect: lose compute_cost_with_regularization compute_cost_with_l1_regularization
# %% compute_cost_with_regularization
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    squares = sum(np.sum(np.square(parameters[k])) for k in ("W1", "W2", "W3"))
    return compute_cost(A3, Y) + lambd / 2 * squares
# %% compute_cost_with_l1_regularization
def compute_cost_with_l1_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    squares = sum(np.sum(np.square(parameters[k])) for k in ("W1", "W2", "W3"))
    return compute_cost(A3, Y) + lambd / (2 * m) * squares
