"""np.dot, arrays of one element, np.abs for the 1-D norms, gradient_check_n perturbing the
caller's arrays in place and restoring them, numerical_gradients_n with keys W1, b1, ..."""
# expect: full
# %% forward_propagation
def forward_propagation(x, theta):
    return np.dot(theta, x)
# %% backward_propagation
def backward_propagation(x, theta):
    return 1.0 * x
# %% gradient_check
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    grad = np.array([backward_propagation(x, theta)], dtype=float)
    approx = np.array([forward_propagation(x, theta + epsilon)
                       - forward_propagation(x, theta - epsilon)]) / (2 * epsilon)
    difference = np.sum(np.abs(grad - approx)) / (np.sum(np.abs(grad)) + np.sum(np.abs(approx)))
    if print_msg:
        print("difference:", difference)
    return difference
# %% gradient_check_n
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    approx = []
    for name in ("W1", "b1", "W2", "b2", "W3", "b3"):
        array = parameters[name]
        for index in np.ndindex(array.shape):
            old = array[index]
            array[index] = old + epsilon
            J_plus = forward_propagation_n(X, Y, parameters)[0]
            array[index] = old - epsilon
            J_minus = forward_propagation_n(X, Y, parameters)[0]
            array[index] = old
            approx.append((J_plus - J_minus) / (2 * epsilon))
    approx = np.array(approx).reshape(-1, 1)
    grad = gradients_to_vector(gradients)
    difference = np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
    return float(difference)
# %% numerical_gradients_n
def numerical_gradients_n(parameters, X, Y, epsilon=1e-7):
    theta, _ = dictionary_to_vector(parameters)
    n = theta.shape[0]
    approx = np.zeros((n, 1))
    for i in range(n):
        step = np.zeros((n, 1))
        step[i] = epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta + step))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta - step))
        approx[i] = (J_plus - J_minus) / (2 * epsilon)
    return vector_to_dictionary(approx)
