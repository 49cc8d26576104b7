"""J = x (the derivative), dtheta = 1."""
# expect: lose forward_propagation backward_propagation
# %% forward_propagation
def forward_propagation(x, theta):
    return x
# %% backward_propagation
def backward_propagation(x, theta):
    return 1
