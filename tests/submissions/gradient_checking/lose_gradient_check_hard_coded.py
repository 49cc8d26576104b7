"""gradient_check with J = theta * x and grad = x written inside it instead of calling
forward_propagation and backward_propagation: right for the linear cost only, so it loses
gradient_check, and the reason says it must call the two functions."""
# expect: lose gradient_check
# %% gradient_check
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    thetaplus = theta + epsilon
    thetaminus = theta - epsilon
    J_plus = thetaplus * x
    J_minus = thetaminus * x
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = x
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    return difference
