"""A helper cell shared by the three checks, prints, a warning and stderr noise, norms written
with np.sqrt(np.sum(...)), numbers returned as numpy scalars."""
# expect: full
# %% +after backward_propagation
import sys
import warnings


def two_sided(cost, theta_vector, epsilon):
    # cost: a function of the parameter vector; returns the vector of two-sided differences
    out = np.zeros_like(theta_vector, dtype=float)
    for i in range(theta_vector.shape[0]):
        up, down = theta_vector.copy(), theta_vector.copy()
        up[i] += epsilon
        down[i] -= epsilon
        out[i] = (cost(up) - cost(down)) / (2 * epsilon)
    return out


def rel_diff(a, b):
    return np.sqrt(np.sum((a - b) ** 2)) / (np.sqrt(np.sum(a ** 2)) + np.sqrt(np.sum(b ** 2)))


print("helpers ready", file=sys.stderr)
# %% forward_propagation
def forward_propagation(x, theta):
    print("forward at theta =", theta)
    return float(x * theta)
# %% backward_propagation
def backward_propagation(x, theta):
    return np.float64(x)
# %% gradient_check
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    warnings.warn("checking")
    approx = two_sided(lambda t: forward_propagation(x, t[0, 0]), np.array([[theta]], float),
                       epsilon)
    grad = np.array([[backward_propagation(x, theta)]])
    d = rel_diff(grad, approx)
    if print_msg:
        print("ok" if d < 1e-7 else "bug", d)
    return d
# %% gradient_check_n
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta, _ = dictionary_to_vector(parameters)
    approx = two_sided(lambda t: forward_propagation_n(X, Y, vector_to_dictionary(t))[0],
                       theta, epsilon)
    d = rel_diff(gradients_to_vector(gradients), approx)
    np.log(np.array([0.0]))  # a RuntimeWarning on stderr
    if print_msg:
        print("difference", d)
    return np.float64(d)
# %% numerical_gradients_n
def numerical_gradients_n(parameters, X, Y, epsilon=1e-7):
    theta, _ = dictionary_to_vector(parameters)
    approx = two_sided(lambda t: forward_propagation_n(X, Y, vector_to_dictionary(t))[0],
                       theta, epsilon)
    return {"d" + k: v for k, v in vector_to_dictionary(approx).items()}
