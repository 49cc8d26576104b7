"""J = theta + x and dtheta = theta."""
# expect: lose forward_propagation backward_propagation
# %% forward_propagation
def forward_propagation(x, theta):
    return theta + x
# %% backward_propagation
def backward_propagation(x, theta):
    return theta
