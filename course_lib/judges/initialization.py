"""Judges of the initialization assignment: properties of a parameters dict.

Random initializers are judged by properties, never by one random stream: keys, shapes and
float dtype, zero biases, and per layer the mean and spread of the weights, with a band that
shrinks with the number of entries. A spread that matches a known mistake is named.
"""

from __future__ import annotations

import numpy as np

from course_lib.judges import (
    BAND_Z,
    Verdict,
    check_returned,
    describe,
    fail,
    first_failure,
    ok,
)

__all__ = ["SCHEMES", "expected_std", "judge_structure", "judge_all_zero", "judge_scale"]

#: name -> (std of W[l] as a function of (fan_in, fan_out), how students write it)
SCHEMES = {
    "zeros": (lambda n_in, n_out: 0.0, "zeros"),
    "random": (lambda n_in, n_out: 10.0, "randn * 10"),
    "he": (lambda n_in, n_out: np.sqrt(2.0 / n_in), "randn * sqrt(2 / layers_dims[l-1])"),
    "xavier": (lambda n_in, n_out: np.sqrt(1.0 / n_in), "randn * sqrt(1 / layers_dims[l-1])"),
}

# Scales students reach for by mistake, with the question that names the slip.
_MISTAKES = (
    (lambda n_in, n_out: np.sqrt(2.0 / n_in), "that is He's scale sqrt(2 / layers_dims[l-1])"),
    (lambda n_in, n_out: np.sqrt(1.0 / n_in),
     "that is Xavier's scale sqrt(1 / layers_dims[l-1])"),
    (lambda n_in, n_out: np.sqrt(2.0 / n_out),
     "did you use layers_dims[l] (fan-out) instead of layers_dims[l-1]?"),
    (lambda n_in, n_out: np.sqrt(1.0 / n_out),
     "did you use layers_dims[l] (fan-out) instead of layers_dims[l-1]?"),
    (lambda n_in, n_out: np.sqrt(2.0 / (n_in + n_out)),
     "that is the sqrt(2 / (n[l-1] + n[l])) variant, not the one asked for"),
    (lambda n_in, n_out: 2.0 / n_in, "did you forget the square root?"),
    (lambda n_in, n_out: 1.0 / n_in, "did you forget the square root?"),
    (lambda n_in, n_out: 1.0, "did you forget to scale randn?"),
    (lambda n_in, n_out: 10.0, "that is the large random scale randn * 10"),
    (lambda n_in, n_out: 0.01, "randn * 0.01 is a different initialization"),
)

MIN_ENTRIES_FOR_SPREAD = 200


def expected_std(scheme: str, n_in: int, n_out: int) -> float:
    return float(SCHEMES[scheme][0](n_in, n_out))


def judge_structure(parameters, layers_dims) -> Verdict:
    """Keys ``W1, b1 .. WL, bL`` exactly, ``Wl (n[l], n[l-1])``, ``bl (n[l], 1)``, float dtype,
    finite values, zero biases."""
    what = f"the call with layers_dims={list(layers_dims)}"
    bad = check_returned(parameters, what)
    if not bad:
        return bad
    if not isinstance(parameters, dict):
        return fail(f"{what} should return a dict, but it returned {describe(parameters)}")
    L = len(layers_dims) - 1
    expected_keys = [f"{p}{l}" for l in range(1, L + 1) for p in "Wb"]
    missing = [k for k in expected_keys if k not in parameters]
    if missing:
        return fail(f"{what}: missing {', '.join(missing)} (there should be one W and one b "
                    f"per layer, l = 1 .. {L}; does your loop start at 1 and run to "
                    "len(layers_dims) - 1?)")
    extra = sorted(set(parameters) - set(expected_keys))
    if extra:
        return fail(f"{what}: unexpected key(s) {', '.join(extra)}: did the loop include "
                    "l = 0 or l = len(layers_dims)?")
    return first_failure(_judge_layer(parameters, layers_dims, l) for l in range(1, L + 1))


def _judge_layer(parameters: dict, layers_dims, l: int) -> Verdict:
    n_out, n_in = layers_dims[l], layers_dims[l - 1]
    for name, shape in ((f"W{l}", (n_out, n_in)), (f"b{l}", (n_out, 1))):
        value = parameters[name]
        if not isinstance(value, np.ndarray):
            return fail(f"{name} should be a numpy array of shape {shape}, "
                        f"but it is {describe(value)}")
        if value.shape != shape:
            hint = " (transposed?)" if value.shape == shape[::-1] else ""
            if name.startswith("b") and value.shape == (n_out,):
                hint = ": use shape (layers_dims[l], 1), a column"
            return fail(f"{name} has shape {value.shape} but should be {shape}{hint}")
        if value.dtype.kind != "f":
            return fail(f"{name} has dtype {value.dtype}; parameters must be floats "
                        "(np.zeros(shape) is float, np.zeros(shape, dtype=int) is not)")
        if not np.all(np.isfinite(value)):
            return fail(f"{name} contains nan or inf")
    b = parameters[f"b{l}"]
    if np.any(b != 0):
        return fail(f"b{l} is not all zeros: biases start at zero (random W already breaks "
                    "symmetry)")
    return ok()


def judge_all_zero(parameters, layers_dims) -> Verdict:
    """Every ``W`` and ``b`` is exactly zero (after :func:`judge_structure` passed)."""
    structure = judge_structure(parameters, layers_dims)
    if not structure:
        return structure
    for l in range(1, len(layers_dims)):
        if np.any(parameters[f"W{l}"] != 0):
            return fail(f"W{l} is not all zeros")
    return ok()


def judge_scale(parameters, layers_dims, scheme: str) -> Verdict:
    """Per layer with at least ``MIN_ENTRIES_FOR_SPREAD`` weights: mean near 0 (within ``BAND_Z``
    standard errors of the weights' own spread) and standard deviation near the scheme's."""
    structure = judge_structure(parameters, layers_dims)
    if not structure:
        return structure
    scale_rule, how = SCHEMES[scheme]
    for l in range(1, len(layers_dims)):
        n_in, n_out = layers_dims[l - 1], layers_dims[l]
        W = parameters[f"W{l}"].astype(float)
        if W.size < MIN_ENTRIES_FOR_SPREAD:
            continue
        target = float(scale_rule(n_in, n_out))
        std, mean = float(W.std()), float(W.mean())
        if not np.any(W != W.flat[0]):
            return fail(f"all entries of W{l} are equal ({W.flat[0]:.4g}): random weights "
                        "are needed to break symmetry")
        tolerance = max(BAND_Z / np.sqrt(2.0 * W.size), 0.03)
        # Judged against the weights' own spread: a scale off the target is a spread mistake,
        # named below, not an off-centre distribution.
        if abs(mean) > BAND_Z * std / np.sqrt(W.size) + 1e-12:
            return fail(f"W{l} has mean {mean:.3g}, far from 0: use a normal distribution "
                        "centred on 0 (np.random.randn), not np.random.rand")
        if abs(std / target - 1.0) > tolerance:
            return fail(f"W{l} has std {std:.3g} but {how} for fan-in n[{l - 1}] = {n_in} "
                        f"gives {target:.3g}{_name_mistake(std, n_in, n_out, tolerance)}")
    return ok()


def _name_mistake(std: float, n_in: int, n_out: int, tolerance: float) -> str:
    for rule, question in _MISTAKES:
        if abs(std / float(rule(n_in, n_out)) - 1.0) <= tolerance:
            return f": {question}"
    return ""
