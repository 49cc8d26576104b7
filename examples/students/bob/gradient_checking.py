"""One-sided differences."""
# expect: lose gradient_check_n
# %% gradient_check_n
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i][0] += epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / epsilon
    numerator = np.linalg.norm(grad - gradapprox)
    difference = numerator / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return difference
