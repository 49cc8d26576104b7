"""Judges of the dropout assignment: masks are judged by their properties, never by one random
stream, so ``rand < keep_prob`` (bool or int), ``rand > 1 - keep_prob``, ``binomial`` and
``default_rng`` all pass.

The forward pass returns ``(A3, cache)`` with
``cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)``; ``A1``, ``A2`` are stored
after masking and scaling, and only the two hidden layers are dropped. The judges check that
the cache is consistent with itself (``Z2 = W2 A1 + b2`` with the stored ``A1`` ...), that each
``A`` is ``relu(Z) * D / keep_prob`` with a 0/1 mask ``D``, the share of kept units (a binomial
band), that two calls draw different masks, and that examples get masks of their own.
"""

from __future__ import annotations

import numpy as np

from course_lib.judges import (
    BAND_Z,
    Verdict,
    check_returned,
    compare_array,
    describe,
    fail,
    first_failure,
    gradient_dict,
    ok,
)

__all__ = ["CACHE_NAMES", "unpack_forward", "judge_structure", "judge_masks",
           "judge_keep_rate", "judge_fresh", "judge_output_layer", "judge_identity",
           "judge_backward", "keep_rate_band"]

CACHE_NAMES = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3",
               "b3")
BACKWARD_ORDER = ("dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1")
_TOL = {"rtol": 1e-6, "atol": 1e-9}


def _relu(Z: np.ndarray) -> np.ndarray:
    return np.maximum(Z, 0.0)


def _sigmoid(Z: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-Z))


def unpack_forward(out, X: np.ndarray, parameters: dict) -> dict | Verdict:
    """The student's ``(A3, cache)`` as ``{"A3_out": ..., "Z1": ..., ...}`` with every shape
    checked, or a failing verdict that says what is wrong."""
    bad = check_returned(out, "forward_propagation_with_dropout")
    if not bad:
        return bad
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        return fail(f"forward_propagation_with_dropout should return a pair (A3, cache), but "
                    f"it returned {describe(out)}"
                    + (f" of length {len(out)}" if isinstance(out, (tuple, list)) else ""))
    A3, cache = out
    if not isinstance(cache, (tuple, list)) or len(cache) != len(CACHE_NAMES):
        size = f" of length {len(cache)}" if isinstance(cache, (tuple, list)) else ""
        return fail(f"the cache is {describe(cache)}{size}; expected the 14 entries "
                    f"({', '.join(CACHE_NAMES)})")
    m = X.shape[1]
    n1, n2 = parameters["W1"].shape[0], parameters["W2"].shape[0]
    shapes = {"Z1": (n1, m), "D1": (n1, m), "A1": (n1, m), "Z2": (n2, m), "D2": (n2, m),
              "A2": (n2, m), "Z3": (1, m), "A3": (1, m)}
    for name in ("W1", "b1", "W2", "b2", "W3", "b3"):
        shapes[name] = parameters[name].shape
    parts = {"A3_out": A3}
    for i, name in enumerate(CACHE_NAMES):
        value = cache[i]
        if not isinstance(value, np.ndarray) or value.dtype.kind not in "biuf":
            return fail(f"cache entry {i} ({name}) should be an array of numbers, but it is "
                        f"{describe(value)}; the order is ({', '.join(CACHE_NAMES)})")
        if value.shape != shapes[name]:
            return fail(f"cache entry {i} ({name}) has shape {value.shape} but should be "
                        f"{shapes[name]}; the order is ({', '.join(CACHE_NAMES)})")
        parts[name] = value
    if not isinstance(A3, np.ndarray) or A3.shape != (1, m):
        return fail(f"A3 should be an array of shape (1, {m}), but it is {describe(A3)}")
    return parts


def judge_structure(out, X: np.ndarray, parameters: dict) -> Verdict:
    """A pair ``(A3, cache)``, shapes, the parameters in the cache, and every ``Z`` computed from
    the ``A`` stored before it."""
    parts = unpack_forward(out, X, parameters)
    if isinstance(parts, Verdict):
        return parts
    checks = []
    for name in ("W1", "b1", "W2", "b2", "W3", "b3"):
        checks.append(compare_array(parts[name], parameters[name], f"cache's {name}",
                                    **_TOL))
    steps = (("Z1", X, "W1", "b1", "X"), ("Z2", parts["A1"], "W2", "b2", "A1"),
             ("Z3", parts["A2"], "W3", "b3", "A2"))
    for z, A_prev, W, b, a_name in steps:
        expected = parameters[W] @ A_prev.astype(float) + parameters[b]
        if not np.allclose(parts[z], expected, **_TOL):
            hint = (": is the input X dropped? Dropout applies to the hidden layers only"
                    if z == "Z1" else
                    f": store {a_name} after masking and scaling, and compute {z} from that "
                    f"{a_name}")
            checks.append(fail(f"{z} is not {W} @ {a_name} + {b} with the {a_name} in the "
                               f"cache{hint}"))
    checks.append(compare_array(parts["A3_out"], parts["A3"], "the A3 returned (vs the cache's "
                                "A3)", **_TOL))
    return first_failure(checks)


def _mask_values(D: np.ndarray, name: str) -> Verdict:
    values = np.unique(D.astype(float))
    if not np.all(np.isin(values, (0.0, 1.0))):
        shown = ", ".join(f"{v:.3g}" for v in values[:4])
        if values.size > 10:
            hint = ("it holds the random numbers themselves: compare them with keep_prob, "
                    "D = np.random.rand(...) < keep_prob")
        else:
            hint = "keep D a 0/1 mask and divide A by keep_prob separately"
        return fail(f"{name} should hold only 0 and 1 (or False and True), but it holds "
                    f"{shown}{'...' if values.size > 4 else ''}: {hint}")
    return ok()


def judge_masks(out, X: np.ndarray, parameters: dict, keep_prob: float) -> Verdict:
    """``D1``, ``D2`` are 0/1 masks and ``A = relu(Z) * D / keep_prob`` on both hidden layers."""
    parts = unpack_forward(out, X, parameters)
    if isinstance(parts, Verdict):
        return parts
    for l in (1, 2):
        Z, D, A = parts[f"Z{l}"], parts[f"D{l}"], parts[f"A{l}"].astype(float)
        verdict = _mask_values(D, f"D{l}")
        if not verdict:
            return verdict
        mask = D.astype(float)
        expected = _relu(Z) * mask / keep_prob
        if np.allclose(A, expected, **_TOL):
            continue
        slips = (
            (_relu(Z) * mask, f"A{l} is masked but not divided by keep_prob (inverted dropout "
                              "scales the kept units by 1 / keep_prob)"),
            (_relu(Z) * mask * keep_prob, f"A{l} is multiplied by keep_prob; divide by it"),
            (_relu(Z), f"A{l} is not masked: multiply it by D{l} (and divide by keep_prob)"),
            (_relu(Z) / keep_prob, f"A{l} is scaled but not masked: multiply it by D{l}"),
            (_relu(Z) * mask / keep_prob ** 2, f"A{l} is divided by keep_prob twice"),
        )
        for candidate, message in slips:
            if np.allclose(A, candidate, **_TOL):
                return fail(message)
        return fail(f"A{l} is not relu(Z{l}) * D{l} / keep_prob (keep_prob = {keep_prob:g})")
    return ok()


def keep_rate_band(keep_prob: float, n: int) -> float:
    """Half-width of the accepted band for the share of kept units among ``n`` independent
    draws: ``BAND_Z`` binomial standard deviations, and never less than 0.01."""
    return max(BAND_Z * np.sqrt(keep_prob * (1.0 - keep_prob) / n), 0.01)


def judge_keep_rate(out, X: np.ndarray, parameters: dict, keep_prob: float,
                    label: str = "") -> Verdict:
    """The share of ones in ``D1`` and in ``D2`` is ``keep_prob`` within a binomial band."""
    parts = unpack_forward(out, X, parameters)
    if isinstance(parts, Verdict):
        return parts
    for l in (1, 2):
        D = parts[f"D{l}"].astype(float)
        verdict = _mask_values(D, f"D{l}")
        if not verdict:
            return verdict
        rate = float(D.mean())
        band = keep_rate_band(keep_prob, D.size)
        if abs(rate - keep_prob) <= band:
            continue
        where = f" {label}" if label else ""
        message = (f"D{l} keeps {rate:.1%} of the units{where}, but keep_prob = {keep_prob:g} "
                   f"should keep about {keep_prob:.0%} (within {band:.1%})")
        if abs(rate - (1.0 - keep_prob)) <= band:
            message += (": units are kept with probability 1 - keep_prob; keep a unit when "
                        "rand < keep_prob")
        elif rate == 1.0:
            message += f": no unit of layer {l} is dropped"
        elif rate == 0.0:
            message += f": every unit of layer {l} is dropped"
        return fail(message)
    return ok()


def judge_fresh(out_first, out_second, X: np.ndarray, parameters: dict) -> Verdict:
    """Two calls draw different masks; the examples (columns) and the units (rows) of one mask
    are not all the same."""
    first = unpack_forward(out_first, X, parameters)
    if isinstance(first, Verdict):
        return first
    second = unpack_forward(out_second, X, parameters)
    if isinstance(second, Verdict):
        return second
    for l in (1, 2):
        D1, D2 = first[f"D{l}"].astype(float), second[f"D{l}"].astype(float)
        if np.array_equal(D1, D2):
            return fail(f"two calls drew the same mask D{l}: is there a seed inside the "
                        "function (np.random.seed, default_rng(<number>))? Dropout needs a "
                        "fresh mask on every forward pass, so each iteration trains a "
                        "different thinned network")
        for D in (D1, D2):
            if D.shape[1] > 1 and np.all(D == D[:, :1]):
                return fail(f"D{l} gives every example the same mask: draw one number per "
                            f"unit and example, with the shape of A{l} (n[{l}], m)")
            if D.shape[0] > 1 and np.all(D == D[:1, :]):
                return fail(f"D{l} drops all units of layer {l} together: draw one number "
                            f"per unit and example, with the shape of A{l}")
    return ok()


def judge_output_layer(out, X: np.ndarray, parameters: dict) -> Verdict:
    """No dropout on the output: ``A3 = sigmoid(Z3)`` and ``Z3 = W3 A2 + b3`` exactly."""
    parts = unpack_forward(out, X, parameters)
    if isinstance(parts, Verdict):
        return parts
    Z3 = parameters["W3"] @ parts["A2"].astype(float) + parameters["b3"]
    A3 = parts["A3_out"].astype(float)
    if not np.allclose(parts["Z3"], Z3, **_TOL):
        return fail("Z3 is not W3 @ A2 + b3 with the A2 in the cache")
    if np.allclose(A3, _sigmoid(Z3), **_TOL):
        return ok()
    if np.any(A3 == 0) or np.any(A3 > 1):
        return fail("A3 has dropped (0) or scaled (> 1) entries: no dropout on the output "
                    "layer, A3 = sigmoid(Z3)")
    return fail("A3 is not sigmoid(Z3): the output layer is LINEAR -> SIGMOID, without "
                "dropout")


def judge_identity(out, X: np.ndarray, parameters: dict, plain_A3: np.ndarray) -> Verdict:
    """With ``keep_prob = 1`` nothing is dropped: ``A3`` equals the forward pass without
    dropout and every mask entry is 1."""
    parts = unpack_forward(out, X, parameters)
    if isinstance(parts, Verdict):
        return parts
    for l in (1, 2):
        D = parts[f"D{l}"].astype(float)
        if not np.all(D == 1):
            return fail(f"with keep_prob = 1, D{l} should keep every unit, but it drops "
                        f"{np.mean(D != 1):.0%} of them (keep a unit when rand < keep_prob)")
    verdict = compare_array(parts["A3_out"], plain_A3, "with keep_prob = 1, A3", **_TOL)
    if not verdict:
        return fail(f"{verdict.message}: with keep_prob = 1 the network should compute the "
                    "same as without dropout")
    return ok()


def _ratio_hint(actual: np.ndarray, expected: np.ndarray, keep_prob: float) -> str:
    mask = np.abs(expected) > 1e-9
    if not mask.any() or actual.shape != expected.shape:
        return ""
    ratios = actual[mask] / expected[mask]
    c = float(np.median(ratios))
    if not np.allclose(ratios, c, rtol=1e-4):
        return ""
    for value, hint in ((keep_prob, "did you forget to divide by keep_prob in the backward "
                                     "pass?"),
                        (keep_prob ** 2, "multiply by the mask and divide by keep_prob, as in "
                                         "the forward pass"),
                        (1 / keep_prob, "is it divided by keep_prob twice?")):
        if np.isclose(c, value, rtol=1e-4) and not np.isclose(c, 1.0):
            return hint
    return ""


def judge_backward(actual, expected: dict, cache, keep_prob: float) -> Verdict:
    """Every gradient equals the reference's for the same cache (same masks). ``dA1``, ``dA2``
    may be given before or after masking (both are common)."""
    bad = gradient_dict(actual, BACKWARD_ORDER, "backward_propagation_with_dropout")
    if not bad:
        return bad
    D = {2: np.asarray(cache[6], float), 1: np.asarray(cache[1], float)}
    W = {3: np.asarray(cache[12], float), 2: np.asarray(cache[8], float)}
    for key in BACKWARD_ORDER:
        exp = np.asarray(expected[key], float)
        verdict = compare_array(actual[key], exp, f"gradients['{key}']")
        if verdict:
            continue
        value = actual[key]
        if key in ("dA2", "dA1"):
            l = int(key[-1])
            unmasked = W[l + 1].T @ np.asarray(expected[f"dZ{l + 1}"], float)
            if compare_array(value, unmasked, key):
                continue  # the gradient before masking: also right
        if isinstance(value, np.ndarray) and value.shape == exp.shape:
            if key in ("dZ2", "dZ1", "dA2", "dA1"):
                l = int(key[-1])
                dropped = D[l] == 0
                if np.any(np.abs(value[dropped]) > 1e-12):
                    return fail(f"{verdict.message}: {key} is not zero where the forward pass "
                                f"dropped the unit (D{l} = 0); multiply dA{l} by the same "
                                f"mask D{l}, the one stored in the cache")
            hint = _ratio_hint(value.astype(float), exp, keep_prob)
            if hint:
                return fail(f"{verdict.message}: {hint}")
        return verdict
    return ok()
