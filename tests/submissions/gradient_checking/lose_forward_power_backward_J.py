"""J = theta ** x, and the backward pass returns J itself."""
# expect: lose forward_propagation backward_propagation
# %% forward_propagation
def forward_propagation(x, theta):
    J = theta ** x
    return J
# %% backward_propagation
def backward_propagation(x, theta):
    dtheta = theta * x
    return dtheta
