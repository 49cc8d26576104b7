"""Perturbs the caller's arrays in place and never puts them back."""
# expect: lose gradient_check_n
# %% gradient_check_n
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    approx = []
    for name in ("W1", "b1", "W2", "b2", "W3", "b3"):
        array = parameters[name]
        for index in np.ndindex(array.shape):
            array[index] += epsilon
            J_plus = forward_propagation_n(X, Y, parameters)[0]
            array[index] -= 2 * epsilon
            J_minus = forward_propagation_n(X, Y, parameters)[0]
            approx.append((J_plus - J_minus) / (2 * epsilon))
    approx = np.array(approx).reshape(-1, 1)
    grad = gradients_to_vector(gradients)
    return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
