"""Forgets the division by 2 * epsilon."""
# expect: lose gradient_check
# %% gradient_check
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)
    grad = backward_propagation(x, theta)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
