"""Classic variants: J = x * theta, a 0-d dtheta, 2. * epsilon, parameters_values.copy() with
[i, 0] indexing and +=, forward_propagation_n(...)[0], an unconditional print of the difference;
numerical_gradients_n with copy.deepcopy of the dict, one parameter entry at a time."""
# expect: full
# %% +after forward_propagation
import copy
# %% forward_propagation
def forward_propagation(x, theta):
    J = x * theta
    return J
# %% backward_propagation
def backward_propagation(x, theta):
    dtheta = np.asarray(x, dtype=float)
    return dtheta
# %% gradient_check
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus = forward_propagation(x, theta + epsilon)
    J_minus = forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / (2. * epsilon)
    grad = backward_propagation(x, theta)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    print("difference = " + str(difference))
    return difference
# %% gradient_check_n
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, keys = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        thetaplus = parameters_values.copy()
        thetaplus[i, 0] += epsilon
        thetaminus = parameters_values.copy()
        thetaminus[i, 0] -= epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus))[0]
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(thetaminus))[0]
        gradapprox[i, 0] = (J_plus - J_minus) / (2. * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    print("difference = " + str(difference))
    return difference
# %% numerical_gradients_n
def numerical_gradients_n(parameters, X, Y, epsilon=1e-7):
    grads = {}
    for key in parameters:
        grads["d" + key] = np.zeros(parameters[key].shape)
        for i in range(parameters[key].shape[0]):
            for j in range(parameters[key].shape[1]):
                plus = copy.deepcopy(parameters)
                plus[key][i, j] = plus[key][i, j] + epsilon
                minus = copy.deepcopy(parameters)
                minus[key][i, j] = minus[key][i, j] - epsilon
                J_plus, _ = forward_propagation_n(X, Y, plus)
                J_minus, _ = forward_propagation_n(X, Y, minus)
                grads["d" + key][i, j] = (J_plus - J_minus) / (2. * epsilon)
    return grads
