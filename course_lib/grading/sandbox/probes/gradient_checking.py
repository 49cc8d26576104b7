"""Probes of the gradient-checking checks: ``gradient_check`` with non-linear stand-ins for the
notebook's forward and backward functions, and ``gradient_check_n`` / ``numerical_gradients_n``
with the course's vector helpers bound."""

from __future__ import annotations

import numpy as np

from course_lib.core import gradcheck, plain
from course_lib.grading.sandbox.probes import call_function, call_quietly, resolve


def stand_ins(case: dict):
    """``(forward, backward)`` of a case: a toy cost and its derivative times ``scale`` plus
    ``shift`` (scale 1, shift 0 is the right derivative)."""
    J, dJ = gradcheck.TOY_COSTS[case["cost"]]
    scale, shift = float(case["scale"]), float(case["shift"])

    def backward(x, theta):
        return scale * dJ(x, theta) + shift
    return J, backward


def probe_gradient_check(namespace, function, inputs):
    outputs = []
    for case in inputs:
        forward, backward = stand_ins(case)
        kwargs = {"epsilon": case["epsilon"]} if "epsilon" in case else {}
        outputs.append(call_function(namespace, function, (case["x"], case["theta"]), kwargs,
                                     swaps={"forward_propagation": forward,
                                            "backward_propagation": backward}))
    return outputs


def _helpers() -> dict:
    return {"forward_propagation_n": gradcheck.forward_propagation_n,
            "dictionary_to_vector": gradcheck.dictionary_to_vector,
            "vector_to_dictionary": gradcheck.vector_to_dictionary,
            "gradients_to_vector": gradcheck.gradients_to_vector}


def probe_network(namespace, function, inputs):
    """Call ``gradient_check_n(parameters, gradients, X, Y[, epsilon])`` or
    ``numerical_gradients_n(parameters, X, Y[, epsilon])`` with the course's helpers bound;
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
        args = ((parameters, gradients, X, Y) if function == "gradient_check_n"
                else (parameters, X, Y))
        with gradcheck.swapped(namespace, **_helpers()):
            result = call_quietly(fn, *args, **kwargs)
        outputs.append({"result": result, "parameters": plain.to_plain(parameters),
                        "gradients": plain.to_plain(gradients)})
    return outputs
