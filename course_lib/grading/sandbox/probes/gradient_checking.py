"""Probes of the gradient-checking checks: ``gradient_check`` with non-linear stand-ins for the
notebook's forward and backward functions, and ``gradient_check_n`` / ``numerical_gradients_n``
with the course's vector helpers bound."""

from __future__ import annotations

import numpy as np

from course_lib.core import gradcheck, plain
from course_lib.grading.sandbox.probes import call_bound, call_function, resolve


def stand_ins(case: dict):
    """``(forward, backward)`` of a case: a toy cost and its derivative times ``scale`` plus
    ``shift`` (scale 1, shift 0 is the right derivative)."""
    J, dJ = gradcheck.TOY_COSTS[case["cost"]]
    scale, shift = float(case["scale"]), float(case["shift"])

    def backward(x, theta):
        return scale * dJ(x, theta) + shift
    return J, backward


def _counted(fn, calls: dict, name: str):
    def counted(*args, **kwargs):
        calls[name] += 1
        return fn(*args, **kwargs)
    return counted


def probe_gradient_check(namespace, function, inputs):
    """Call ``gradient_check`` with ``forward_propagation`` / ``backward_propagation`` bound to
    the case's stand-ins; return ``{"result", "calls"}``, ``calls`` counting the stand-ins'
    calls (a check that computes ``J = theta * x`` itself never calls them)."""
    outputs = []
    for case in inputs:
        forward, backward = stand_ins(case)
        calls = {"forward_propagation": 0, "backward_propagation": 0}
        kwargs = {"epsilon": case["epsilon"]} if "epsilon" in case else {}
        swaps = {name: _counted(fn, calls, name) for name, fn in
                 (("forward_propagation", forward), ("backward_propagation", backward))}
        result = call_function(namespace, function, (case["x"], case["theta"]), kwargs,
                               swaps=swaps)
        outputs.append({"result": result, "calls": dict(calls)})
    return outputs


def _helpers() -> dict:
    return {"forward_propagation_n": gradcheck.forward_propagation_n,
            "dictionary_to_vector": gradcheck.dictionary_to_vector,
            "vector_to_dictionary": gradcheck.vector_to_dictionary,
            "gradients_to_vector": gradcheck.gradients_to_vector}


def probe_network(namespace, function, inputs):
    """Call ``gradient_check_n(parameters, gradients, X, Y[, epsilon])`` or
    ``numerical_gradients_n(parameters, X, Y[, epsilon])`` with the course's helpers bound (and
    ``vector_to_dictionary``'s default layout set to the case's);
    return ``{"result", "parameters", "gradients"}`` (the dicts as they are after the call)."""
    outputs = []
    for case in inputs:
        fn = resolve(namespace, function)
        if isinstance(fn, plain.CallError):
            outputs.append({"result": fn})
            continue
        parameters = {k: np.array(v, dtype=float) for k, v in case["parameters"].items()}
        gradients = {k: np.array(v, dtype=float) for k, v in case["gradients"].items()}
        X, Y = np.array(case["X"], dtype=float), np.array(case["Y"], dtype=float)
        kwargs = {"epsilon": case["epsilon"]} if "epsilon" in case else {}
        # vector_to_dictionary(theta) reads the layout of the last dictionary flattened: as in
        # the notebook, where the network's parameters were flattened before any check, it is
        # this case's layout even for a check that flattens the parameters by hand.
        gradcheck.dictionary_to_vector(parameters)
        args = ((parameters, gradients, X, Y) if function == "gradient_check_n"
                else (parameters, X, Y))
        result = call_bound(namespace, function, fn, args, kwargs, swaps=_helpers())
        outputs.append({"result": result, "parameters": plain.to_plain(parameters),
                        "gradients": plain.to_plain(gradients)})
    return outputs
