"""Hidden checks of the gradient-checking assignment.

``J = theta * x`` is linear, so every finite difference of it is exact and an all-zero or
one-sided answer would look right. The probes therefore swap the notebook's helpers for
non-linear stand-ins while they call the student's function (plain data picks them by name, see
:data:`course_lib.core.gradcheck.TOY_COSTS`), then put the notebook's own back:

- ``gradient_check(x, theta, epsilon)`` runs with ``forward_propagation`` /
  ``backward_propagation`` replaced by a non-linear cost and its derivative, scaled or shifted
  when the case plants a bug;
- ``gradient_check_n`` and ``numerical_gradients_n`` run with the course's
  ``forward_propagation_n`` and vector helpers bound, on several layer sizes, with correct and
  with deliberately wrong gradients, and the probe returns the ``parameters`` and ``gradients``
  dicts after the call so the judge can see whether they were modified.

A larger ``epsilon`` (1e-2 .. 1e-4) makes the truncation error dominate rounding, so the two-sided
difference is told apart from the one-sided one; the default ``epsilon = 1e-7`` is used with wrong
gradients, where the difference is large and stable.
"""

from __future__ import annotations

import numpy as np

from course_lib.core import gradcheck, plain
from course_lib.grading.sandbox.probes import call_each
from course_lib.grading.sandbox.probes.gradient_checking import (
    probe_gradient_check,
    probe_network,
    stand_ins,
)
from course_lib.instructor.hidden_checks import Check
from course_lib.judges import compare_scalar, fail, first_failure
from course_lib.judges.gradient_checking import (
    BACKWARD_SLIPS,
    FORWARD_SLIPS,
    judge_difference,
    judge_gradient_dict,
    judge_unchanged,
    noise_floor,
)

# --- the 1-D pair --------------------------------------------------------------------------------


def scalar_inputs(rng):
    cases = []
    for _ in range(4):
        x, theta = np.round(rng.uniform(-4, 4, size=2), 3)
        if abs(x - theta) < 0.5 or abs(x) < 0.3:
            x = float(np.round(x + 1.7, 3))
        cases.append({"args": [float(x), float(theta)]})
    return cases


def _judge_scalar_each(expected_of, hints):
    def run(inputs, outputs):
        verdicts = []
        for case, out in zip(inputs, outputs, strict=True):
            x, theta = case["args"]
            expected = expected_of(x, theta)
            verdict = compare_scalar(out, expected, f"for x = {x}, theta = {theta}, the result",
                                     rtol=1e-9, atol=1e-12)
            if not verdict:
                for value_of, hint in hints:
                    if compare_scalar(out, value_of(x, theta), "", rtol=1e-9, atol=1e-12):
                        verdict = fail(f"{verdict.message}: {hint}")
                        break
            verdicts.append(verdict)
        return first_failure(verdicts)
    return run


def judge_forward(inputs, outputs):
    from course_lib.instructor.reference.gradient_checking import forward_propagation

    return _judge_scalar_each(forward_propagation, FORWARD_SLIPS)(inputs, outputs)


def judge_backward(inputs, outputs):
    from course_lib.instructor.reference.gradient_checking import backward_propagation

    return _judge_scalar_each(backward_propagation, BACKWARD_SLIPS)(inputs, outputs)


# --- gradient_check: non-linear stand-ins ----------------------------------------------------


def _one_d_case(rng, cost, epsilon, scale=1.0, shift=0.0):
    x = float(np.round(rng.uniform(0.6, 1.4) * rng.choice([-1, 1]), 3))
    theta = float(np.round(rng.uniform(0.5, 1.6) * rng.choice([-1, 1]), 3))
    case = {"cost": cost, "x": x, "theta": theta, "scale": scale, "shift": shift}
    if epsilon is not None:
        case["epsilon"] = epsilon
    return case


def two_sided_inputs(rng):
    costs = [str(c) for c in rng.permutation(sorted(gradcheck.TOY_COSTS))]
    return [_one_d_case(rng, costs[0], 1e-2), _one_d_case(rng, costs[1], 1e-3),
            _one_d_case(rng, costs[2], 1e-2)]


def finds_bugs_inputs(rng):
    costs = [str(c) for c in rng.permutation(sorted(gradcheck.TOY_COSTS))]
    return [_one_d_case(rng, costs[0], None, scale=2.0),
            _one_d_case(rng, costs[1], None, shift=0.3),
            _one_d_case(rng, costs[2], 1e-4, scale=-1.0),
            _one_d_case(rng, costs[3], None)]


def _describe_one_d(case) -> str:
    bug = "" if (case["scale"], case["shift"]) == (1.0, 0.0) else " (with a wrong derivative)"
    eps = f", epsilon={case['epsilon']}" if "epsilon" in case else ""
    return (f"gradient_check({case['x']}, {case['theta']}{eps}) on the cost "
            f"'{case['cost']}'{bug}")


def _skipped(out) -> list[str]:
    """The names of the stand-ins (bound for ``forward_propagation`` and
    ``backward_propagation``) that the check never called."""
    calls = out.get("calls") if isinstance(out, dict) else None
    if not isinstance(calls, dict):
        return []
    return [name for name in ("forward_propagation", "backward_propagation")
            if not calls.get(name)]


def judge_gradient_check(inputs, outputs):
    from course_lib.instructor.reference.gradient_checking import (
        difference_mistakes,
        gradient_check,
    )

    verdicts = []
    for case, out in zip(inputs, outputs, strict=True):
        forward, backward = stand_ins(case)
        eps = case.get("epsilon", 1e-7)
        x, theta = case["x"], case["theta"]
        expected = gradient_check(x, theta, eps, forward=forward, backward=backward)
        def mistakes(x=x, theta=theta, eps=eps, forward=forward, backward=backward):
            return difference_mistakes(x, theta, eps, forward=forward, backward=backward)
        floor = noise_floor(float(forward(x, theta)), eps, 1, abs(float(backward(x, theta))))
        result = out.get("result") if isinstance(out, dict) and "calls" in out else out
        skipped = _skipped(out)
        verdict = judge_difference(result, expected, _describe_one_d(case),
                                   None if skipped else mistakes, floor=floor)
        if skipped and not verdict:
            verdict = fail("gradient_check must call forward_propagation and "
                           f"backward_propagation, but it never called {' nor '.join(skipped)}"
                           f": with other functions bound, {verdict.message}")
        verdicts.append(verdict)
    return first_failure(verdicts)


# --- gradient_check_n and numerical_gradients_n ----------------------------------------------

SIZES = ((4, 5, 3), (2, 3, 2), (3, 4, 4), (5, 2, 3), (2, 6, 1), (6, 3, 2))
#: Planted bugs: gradient name -> factor.
BUGS = ({"dW2": 2.0, "db1": 4.0}, {"dW1": -1.0}, {"db3": 0.5}, {"dW3": 1.2}, {"db2": 3.0})


def network_case(rng, sizes, epsilon=None, bug=None) -> dict:
    """A 3-layer network of ``sizes = (n_x, n[1], n[2])``, a small batch, and its gradients
    (times the factors of ``bug``); drawn again until every gradient has some size, so that a
    planted bug always shows, and until no output saturates (``A3`` within 1e-6 of 0 or 1
    makes the cost of a nudged parameter infinite, and the check meaningless)."""
    n_x, n1, n2 = (int(n) for n in sizes)
    dims = [n_x, n1, n2, 1]
    while True:
        m = int(rng.integers(4, 7))
        parameters = {}
        for l in range(1, 4):
            parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * 0.9
            parameters[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.3
        X = rng.standard_normal((n_x, m))
        Y = np.zeros((1, m))
        Y[0, rng.permutation(m)[: m // 2]] = 1.0
        A3, _ = gradcheck.forward_propagation(X, parameters)
        if np.min(A3) < 1e-6 or np.max(A3) > 1 - 1e-6:
            continue
        _, cache = gradcheck.forward_propagation_n(X, Y, parameters)
        gradients = gradcheck.backward_propagation_n(X, Y, cache)
        norms = [np.linalg.norm(gradients["d" + k]) / np.sqrt(np.size(v))
                 for k, v in parameters.items()]
        if min(norms) > 0.02:
            break
    for key, factor in (bug or {}).items():
        gradients[key] = gradients[key] * factor
    case = {"parameters": parameters, "gradients": gradients, "X": X, "Y": Y,
            "bug": dict(bug or {})}
    if epsilon is not None:
        case["epsilon"] = epsilon
    return case


def _sizes(rng, k):
    return [SIZES[i] for i in rng.choice(len(SIZES), size=k, replace=False)]


def n_two_sided_inputs(rng):
    a, b = _sizes(rng, 2)
    return [network_case(rng, a, 1e-3), network_case(rng, b, 1e-4)]


def n_finds_bugs_inputs(rng):
    a, b, c = _sizes(rng, 3)
    bugs = rng.choice(len(BUGS), size=2, replace=False)
    return [network_case(rng, a, None, BUGS[bugs[0]]), network_case(rng, b, 1e-5, BUGS[bugs[1]]),
            network_case(rng, c, None)]


def n_inputs_unchanged(rng):
    (a,) = _sizes(rng, 1)
    return [network_case(rng, a, 1e-4, BUGS[0])]


def n_gradients_inputs(rng):
    a, b = _sizes(rng, 2)
    return [network_case(rng, a, 1e-3), network_case(rng, b, None)]


def _describe_n(case, function) -> str:
    sizes = "x".join(str(np.shape(case["parameters"][f"W{l}"])[1]) for l in (1, 2, 3))
    bug = ""
    if case["bug"]:
        bug = " with wrong " + ", ".join(f"{k} (x{v:g})" for k, v in case["bug"].items())
    eps = f", epsilon={case['epsilon']:g}" if "epsilon" in case else ""
    return f"{function} on a {sizes}x1 network{bug}{eps}"


def _args(case):
    return case["parameters"], case["gradients"], case["X"], case["Y"]


def judge_gradient_check_n(inputs, outputs):
    from course_lib.instructor.reference.gradient_checking import (
        difference_mistakes_n,
        gradient_check_n,
    )

    verdicts = []
    for case, out in zip(inputs, outputs, strict=True):
        eps = case.get("epsilon", 1e-7)
        expected = gradient_check_n(*_args(case), eps)
        def mistakes(case=case, eps=eps):
            return difference_mistakes_n(*_args(case), eps)
        cost, _ = gradcheck.forward_propagation_n(case["X"], case["Y"], case["parameters"])
        grad = gradcheck.gradients_to_vector(case["gradients"])
        floor = noise_floor(cost, eps, grad.size, float(np.linalg.norm(grad)))
        verdicts.append(judge_difference(out["result"], expected,
                                         _describe_n(case, "gradient_check_n"), mistakes,
                                         floor=floor))
    return first_failure(verdicts)


def judge_inputs_unchanged(inputs, outputs):
    verdicts = []
    for case, out in zip(inputs, outputs, strict=True):
        if isinstance(out.get("result"), plain.CallError):
            verdicts.append(fail(f"the call raised {out['result']}"))
            continue
        verdicts.append(judge_unchanged(case["parameters"], out["parameters"], "parameters"))
        verdicts.append(judge_unchanged(case["gradients"], out["gradients"], "gradients"))
    return first_failure(verdicts, "parameters and gradients are unchanged")


def judge_numerical_gradients_n(inputs, outputs):
    from course_lib.instructor.reference.gradient_checking import (
        approximation_mistakes_n,
        numerical_gradients_n,
    )

    verdicts = []
    for case, out in zip(inputs, outputs, strict=True):
        eps = case.get("epsilon", 1e-7)
        p, X, Y = case["parameters"], case["X"], case["Y"]
        expected = numerical_gradients_n(p, X, Y, eps)
        def mistakes(p=p, X=X, Y=Y, eps=eps):
            return approximation_mistakes_n(p, X, Y, eps)
        # With epsilon = 1e-7 the approximation carries rounding noise of about 1e-9.
        atol = 1e-9 if eps >= 1e-4 else 1e-6
        verdicts.append(judge_gradient_dict(out["result"], expected,
                                            _describe_n(case, "numerical_gradients_n"),
                                            mistakes, rtol=1e-6, atol=atol))
    return first_failure(verdicts)


CHECKS = [
    Check("forward_propagation", "values", "forward_propagation: J = theta * x",
          scalar_inputs, judge_forward, call_each, points=1),
    Check("backward_propagation", "values", "backward_propagation: dtheta = x",
          scalar_inputs, judge_backward, call_each, points=1),
    Check("gradient_check", "two_sided",
          "gradient_check: two-sided difference and relative difference on non-linear costs",
          two_sided_inputs, judge_gradient_check, probe_gradient_check, points=2),
    Check("gradient_check", "finds_bugs",
          "gradient_check: the difference for wrong and for right derivatives",
          finds_bugs_inputs, judge_gradient_check, probe_gradient_check, points=1),
    Check("gradient_check_n", "two_sided",
          "gradient_check_n: two-sided differences on networks of several sizes",
          n_two_sided_inputs, judge_gradient_check_n, probe_network, points=2),
    Check("gradient_check_n", "finds_bugs",
          "gradient_check_n: the difference for wrong and for right gradients",
          n_finds_bugs_inputs, judge_gradient_check_n, probe_network, points=1),
    Check("gradient_check_n", "inputs_unchanged",
          "gradient_check_n: parameters and gradients are not modified",
          n_inputs_unchanged, judge_inputs_unchanged, probe_network, points=1),
    Check("numerical_gradients_n", "values",
          "numerical_gradients_n: two-sided differences as a dict shaped like gradients",
          n_gradients_inputs, judge_numerical_gradients_n, probe_network, points=2),
    Check("numerical_gradients_n", "inputs_unchanged",
          "numerical_gradients_n: parameters are not modified",
          n_inputs_unchanged, judge_inputs_unchanged, probe_network, points=1),
]

__all__ = ["CHECKS", "stand_ins", "network_case", "probe_gradient_check", "probe_network"]
