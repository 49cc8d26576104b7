"""forward_propagation computes J but returns nothing; dtheta = -x."""
# expect: lose forward_propagation backward_propagation
# %% forward_propagation
def forward_propagation(x, theta):
    J = theta * x
# %% backward_propagation
def backward_propagation(x, theta):
    return -x
