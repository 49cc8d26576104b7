"""Reference solutions of the gradient-checking assignment, and the values of its common mistakes.

``gradient_check`` and ``gradient_check_n`` take keyword-only ``forward`` / ``backward`` so a
judge can evaluate them on the non-linear stand-ins the hidden tests install in the notebook
(:data:`course_lib.core.gradcheck.TOY_COSTS`). :func:`difference_mistakes` and
:func:`approximation_mistakes` give what the usual slips return, so a judge can name them.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from course_lib.core import gradcheck


def forward_propagation(x, theta):
    """``J = theta * x``."""
    return theta * x


def backward_propagation(x, theta):
    """``dJ/dtheta = x``."""
    return x


# --- the two ingredients ---------------------------------------------------------------------

def approximate(cost: Callable[[np.ndarray], float], theta: np.ndarray, epsilon: float,
                kind: str = "two_sided") -> np.ndarray:
    """Finite differences of ``cost`` at ``theta (n, 1)``, component by component.

    ``kind`` is ``"two_sided"`` (the right one) or a mistake: ``"one_sided"``
    ``(J(t+e) - J(t)) / e``, ``"no_division"`` ``J(t+e) - J(t-e)``, ``"divided_by_eps"``
    ``(J(t+e) - J(t-e)) / e``, ``"plus_twice"`` ``(J(t+e) - J(t+e)) / (2e)`` (thetaplus used in
    both terms) and ``"aliased"`` (``thetaplus = theta`` without a copy: every perturbation stays
    in ``theta``).
    """
    theta = np.array(theta, dtype=float).reshape(-1, 1)
    n = theta.shape[0]
    approx = np.zeros((n, 1))
    base = float(cost(theta))
    drifting = theta.copy()
    for i in range(n):
        plus, minus = theta.copy(), theta.copy()
        plus[i, 0] += epsilon
        minus[i, 0] -= epsilon
        if kind == "two_sided":
            approx[i, 0] = (float(cost(plus)) - float(cost(minus))) / (2 * epsilon)
        elif kind == "one_sided":
            approx[i, 0] = (float(cost(plus)) - base) / epsilon
        elif kind == "no_division":
            approx[i, 0] = float(cost(plus)) - float(cost(minus))
        elif kind == "divided_by_eps":
            approx[i, 0] = (float(cost(plus)) - float(cost(minus))) / epsilon
        elif kind == "plus_twice":
            approx[i, 0] = 0.0
        elif kind == "aliased":
            drifting[i, 0] += epsilon
            j_plus = float(cost(drifting))
            drifting[i, 0] -= epsilon
            j_minus = float(cost(drifting))
            approx[i, 0] = (j_plus - j_minus) / (2 * epsilon)
        else:
            raise ValueError(f"unknown kind {kind!r}")
    return approx


def relative_difference(approx: np.ndarray, grad: np.ndarray, kind: str = "right") -> float:
    """``||approx - grad|| / (||approx|| + ||grad||)`` (0 when both are 0), or a mistake:
    ``"no_denominator"``, ``"squared"`` (squared norms), ``"approx_only"`` / ``"grad_only"``
    (one norm in the denominator), ``"norm_of_sum"`` (``||approx + grad||``)."""
    approx = np.asarray(approx, dtype=float).reshape(-1)
    grad = np.asarray(grad, dtype=float).reshape(-1)
    diff = np.linalg.norm(approx - grad)
    na, ng = np.linalg.norm(approx), np.linalg.norm(grad)
    denominators = {"right": na + ng, "approx_only": na, "grad_only": ng,
                    "norm_of_sum": np.linalg.norm(approx + grad)}
    if kind == "no_denominator":
        return float(diff)
    if kind == "squared":
        denominator = na ** 2 + ng ** 2
        return float(diff ** 2 / denominator) if denominator > 0 else 0.0
    denominator = denominators[kind]
    if denominator == 0:
        return 0.0 if diff == 0 else float("inf")
    return float(diff / denominator)


# --- 1-D ---------------------------------------------------------------------------------------

def _one_d(x, forward, backward):
    forward = forward or forward_propagation
    backward = backward or backward_propagation

    def cost(theta_vec):
        return float(np.asarray(forward(x, float(theta_vec[0, 0]))))
    return cost, forward, backward


def gradient_check(x, theta, epsilon=1e-7, print_msg=False, *, forward=None, backward=None
                   ) -> float:
    """Relative difference between ``backward(x, theta)`` and the two-sided difference of
    ``forward(x, .)`` at ``theta`` (default: ``J = theta * x``)."""
    cost, _, backward = _one_d(x, forward, backward)
    approx = approximate(cost, np.array([[theta]]), epsilon)
    grad = np.array([[float(np.asarray(backward(x, theta)))]])
    difference = relative_difference(approx, grad)
    if print_msg:
        print(_verdict(difference))
    return difference


# --- N-D ---------------------------------------------------------------------------------------

def _n_d(parameters, X, Y, forward):
    forward = forward or gradcheck.forward_propagation_n
    theta, _ = gradcheck.dictionary_to_vector(parameters)
    layout = tuple((k, np.shape(parameters[k])) for k in gradcheck.parameter_names(parameters))

    def cost(theta_vec):
        return forward(X, Y, gradcheck.vector_to_dictionary(theta_vec, layout))[0]
    return cost, theta, layout


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False, *,
                     forward=None) -> float:
    """Relative difference between ``gradients`` and the two-sided differences of
    ``forward(X, Y, parameters)[0]`` (default: the 3-layer model's cost)."""
    cost, theta, _ = _n_d(parameters, X, Y, forward)
    approx = approximate(cost, theta, epsilon)
    difference = relative_difference(approx, gradcheck.gradients_to_vector(gradients))
    if print_msg:
        print(_verdict(difference))
    return difference


def numerical_gradients_n(parameters, X, Y, epsilon=1e-7, *, forward=None, kind="two_sided"
                          ) -> dict:
    """The two-sided differences as a dict ``dW1, db1, ...`` shaped like ``parameters``."""
    cost, theta, layout = _n_d(parameters, X, Y, forward)
    approx = approximate(cost, theta, epsilon, kind)
    as_dict = gradcheck.vector_to_dictionary(approx, layout)
    return {"d" + k: v for k, v in as_dict.items()}


def _verdict(difference: float) -> str:
    if difference < 1e-7:
        return f"Your backward propagation works perfectly fine! difference = {difference:.3g}"
    return f"There is a mistake in the backward propagation! difference = {difference:.3g}"


# --- what the usual mistakes return ------------------------------------------------------------

_APPROX_MISTAKES = ("one_sided", "no_division", "divided_by_eps", "plus_twice", "aliased")
_DIFFERENCE_MISTAKES = ("no_denominator", "squared", "approx_only", "grad_only", "norm_of_sum")


def _mistakes(cost, theta, grad, epsilon) -> dict[str, float]:
    right = approximate(cost, theta, epsilon)
    values = {kind: relative_difference(approximate(cost, theta, epsilon, kind), grad)
              for kind in _APPROX_MISTAKES}
    values.update({kind: relative_difference(right, grad, kind) for kind in _DIFFERENCE_MISTAKES})
    values["one_sided_no_denominator"] = relative_difference(
        approximate(cost, theta, epsilon, "one_sided"), grad, "no_denominator")
    return values


def difference_mistakes(x, theta, epsilon=1e-7, *, forward=None, backward=None
                        ) -> dict[str, float]:
    """Mistake name -> the difference ``gradient_check`` returns with that mistake, plus
    ``"linear_forward"`` (J = theta * x computed inline instead of calling
    ``forward_propagation``) and ``"grad_is_x"`` (``x`` instead of ``backward_propagation``)."""
    cost, _, backward = _one_d(x, forward, backward)
    theta_vec = np.array([[theta]])
    grad = np.array([[float(np.asarray(backward(x, theta)))]])
    values = _mistakes(cost, theta_vec, grad, epsilon)
    values["linear_forward"] = gradient_check(x, theta, epsilon, backward=backward)
    values["grad_is_x"] = gradient_check(x, theta, epsilon, forward=forward,
                                         backward=backward_propagation)
    return values


def difference_mistakes_n(parameters, gradients, X, Y, epsilon=1e-7, *, forward=None
                          ) -> dict[str, float]:
    """Mistake name -> the difference ``gradient_check_n`` returns with that mistake."""
    cost, theta, _ = _n_d(parameters, X, Y, forward)
    return _mistakes(cost, theta, gradcheck.gradients_to_vector(gradients), epsilon)


def approximation_mistakes_n(parameters, X, Y, epsilon=1e-7, *, forward=None
                             ) -> dict[str, dict]:
    """Mistake name -> the dict ``numerical_gradients_n`` returns with that mistake."""
    return {kind: numerical_gradients_n(parameters, X, Y, epsilon, forward=forward, kind=kind)
            for kind in _APPROX_MISTAKES}
