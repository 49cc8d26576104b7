"""Squared norms in the numerator and denominator."""
# expect: lose gradient_check
# %% gradient_check
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return (grad - gradapprox) ** 2 / (grad ** 2 + gradapprox ** 2)
