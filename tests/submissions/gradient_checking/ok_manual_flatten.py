"""The parameter vector built by hand with np.concatenate (no dictionary_to_vector call), turned
back with vector_to_dictionary (whose layout then comes from the notebook's last flattening);
gradients flattened by hand too."""
# expect: full
# %% gradient_check_n
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    names = ["W1", "b1", "W2", "b2", "W3", "b3"]
    theta = np.concatenate([parameters[k].reshape(-1, 1) for k in names])
    grad = np.concatenate([gradients["d" + k].reshape(-1, 1) for k in names])
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        theta_plus = np.copy(theta)
        theta_plus[i] += epsilon
        theta_minus = np.copy(theta)
        theta_minus[i] -= epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    return difference
# %% numerical_gradients_n
def numerical_gradients_n(parameters, X, Y, epsilon=1e-7):
    names = ["W1", "b1", "W2", "b2", "W3", "b3"]
    theta = np.concatenate([parameters[k].reshape(-1, 1) for k in names])
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        theta_plus = np.copy(theta)
        theta_plus[i] += epsilon
        theta_minus = np.copy(theta)
        theta_minus[i] -= epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    return {"d" + k: v for k, v in vector_to_dictionary(gradapprox).items()}
