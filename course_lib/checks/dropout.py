"""Visible checks of the dropout assignment.

The forward pass is judged by properties (the judges of :mod:`course_lib.judges.dropout`) on a
network with 40 and 30 hidden units and 200 examples. The backward pass is compared with numbers
stored below: a small dropout cache (``layers_dims = [3, 4, 3, 1]``, ``m = 5``,
``keep_prob = 0.8``) and its gradients (``tests/judges/test_dropout.py`` asserts that they equal the
reference).
"""

from __future__ import annotations

import numpy as np

from course_lib.checks.messages import visible_check
from course_lib.core import nn
from course_lib.core.plain import to_plain
from course_lib.judges import enforce, first_failure
from course_lib.judges.dropout import (
    judge_backward,
    judge_fresh,
    judge_identity,
    judge_keep_rate,
    judge_masks,
    judge_output_layer,
    judge_structure,
)

__all__ = ["forward_case", "check_forward_propagation_with_dropout",
           "check_backward_propagation_with_dropout", "KEEP_PROB", "BACKWARD_KEEP_PROB",
           "BACKWARD_X", "BACKWARD_Y", "BACKWARD_CACHE", "BACKWARD_EXPECTED"]

KEEP_PROB = 0.7
SEED = 7


def forward_case() -> tuple[np.ndarray, dict]:
    """``X (3, 200)`` and the parameters of ``[3, 40, 30, 1]`` (fixed seed)."""
    rng = np.random.default_rng(SEED)
    parameters = nn.initialize_parameters([3, 40, 30, 1], rng)
    for l in (1, 2, 3):
        parameters[f"b{l}"] = parameters[f"b{l}"] + 0.1
    return rng.standard_normal((3, 200)), parameters


def _call(fn, X, parameters, *keep_prob):
    return to_plain(fn(X.copy(), {k: v.copy() for k, v in parameters.items()}, *keep_prob))


@visible_check
def check_forward_propagation_with_dropout(fn) -> None:
    """Structure, masks, keep rate, fresh masks, no dropout on the output, keep_prob = 1."""
    X, parameters = forward_case()
    first = _call(fn, X, parameters, KEEP_PROB)
    second = _call(fn, X, parameters, KEEP_PROB)
    judges = (
        lambda: judge_structure(first, X, parameters),
        lambda: judge_masks(first, X, parameters, KEEP_PROB),
        lambda: judge_keep_rate(first, X, parameters, KEEP_PROB),
        lambda: judge_fresh(first, second, X, parameters),
        lambda: judge_output_layer(first, X, parameters),
        lambda: judge_identity(_call(fn, X, parameters, 1.0), X, parameters,
                               nn.forward_propagation(X, parameters)[0]),
    )
    enforce(first_failure(judge() for judge in judges), "All visible checks passed.")


# Fixtures: a dropout cache and the reference's gradients for it (see tests/judges/test_dropout.py).
BACKWARD_KEEP_PROB = 0.8
BACKWARD_X = [
    [-0.893, -1.323, 0.018, -1.265, 0.742],
    [-0.794, 0.094, 1.506, 2.02, -2.268],
    [-0.501, -0.406, 0.853, -0.439, -0.931],
]
BACKWARD_Y = [[1.0, 0.0, 0.0, 1.0, 1.0]]
BACKWARD_CACHE = (
    # Z1
    [
        [0.28010100000000004, -0.39692500000000003, -0.272576, -1.974553, 1.257734],
        [1.6635680000000002, 1.1030049999999998, -1.1009489999999997, -1.1557419999999998,
         1.5985269999999996],
        [-2.8153669999999997, -2.1206289999999997, 3.1570660000000004, 0.3687010000000001,
         -3.122706],
        [-0.13835099999999997, -0.566643, 0.20869400000000005, -1.2345169999999999,
         0.7864399999999999],
    ],
    # D1
    [[0, 1, 1, 1, 1], [1, 0, 1, 1, 1], [1, 1, 1, 1, 1], [1, 0, 1, 1, 1]],
    # A1
    [
        [0.0, 0.0, 0.0, 0.0, 1.5721674999999997],
        [2.07946, 0.0, 0.0, 0.0, 1.9981587499999993],
        [0.0, 0.0, 3.9463325000000005, 0.4608762500000001, 0.0],
        [0.0, 0.0, 0.26086750000000003, 0.0, 0.9830499999999999],
    ],
    # W1
    [
        [0.105, -0.807, 0.892],
        [-0.929, -1.136, 0.513],
        [1.319, 1.276, 1.356],
        [0.403, -0.349, 0.578],
    ],
    # b1
    [
        [0.18],
        [0.189],
        [0.055],
        [0.234],
    ],
    # Z2
    [
        [-2.1047763, 0.297, -1.4569407775000003, 0.12924104499999994, -2.789048651249999],
        [1.58449606, 0.106, -0.201826155, 0.04101644874999999, 5.2557070012499985],
        [-1.10754408, 0.032, 0.11227000000000002, 0.04536541125, -0.9150690649999997],
    ],
    # D2
    [[1, 1, 1, 1, 1], [1, 1, 0, 0, 1], [1, 1, 1, 0, 0]],
    # A2
    [
        [0.0, 0.37124999999999997, 0.0, 0.16155130624999992, 0.0],
        [1.9806200749999998, 0.13249999999999998, 0.0, 0.0, 6.569633751562498],
        [0.0, 0.04, 0.14033750000000003, 0.0, 0.0],
    ],
    # W2
    [
        [0.266, -1.155, -0.364, -1.217],
        [1.776, 0.711, -0.141, 0.953],
        [0.176, -0.548, 0.029, -0.131],
    ],
    # b2
    [
        [0.297],
        [0.106],
        [0.032],
    ],
    # Z3
    [
        [-2.40530221945, 0.27409375, 0.024667837499999956, 0.34490985189374995,
         -8.490334354571873],
    ],
    # A3
    [
        [0.08276926832051283, 0.5680976372576568, 0.5061666466766619, 0.5853826894693813,
         0.00020540235850702123],
    ],
    # W3
    [
        [0.767, -1.326, -1.399],
    ],
    # b3
    [
        [0.221],
    ],
)
BACKWARD_EXPECTED = {
    "dZ3": [
        [-0.9172307316794872, 0.5680976372576568, 0.5061666466766619, -0.4146173105306187,
         -0.999794597641493],
    ],
    "dW3": [
        [0.028784855944364363, -1.6619393993860183, 0.018751613453658465],
    ],
    "db3": [
        [-0.25147567118345604],
    ],
    "dA2": [
        [-0.8793949639977083, 0.5446636097207784, 0.4852872725012496, -0.39751434647123063,
         -0.9585530704887815],
        [1.52030993775875, -0.9416218337545662, -0.0, 0.0, 1.6571595455907746],
        [1.6040072420245033, -0.9934607431543274, -0.8851589233758125, 0.0, 0.0],
    ],
    "dZ2": [
        [0.0, 0.5446636097207784, 0.0, -0.39751434647123063, 0.0],
        [1.52030993775875, -0.9416218337545662, 0.0, 0.0, 1.6571595455907746],
        [0.0, -0.9934607431543274, -0.8851589233758125, 0.0, 0.0],
    ],
    "dW2": [
        [0.0, 0.0, -0.03664098426457231, 0.0],
        [0.5210664759785167, 1.2945383098680079, 0.0, 0.32581413825860217],
        [0.0, 0.0, -0.6986262853965958, -0.046181839088747956],
    ],
    "db2": [
        [0.02942985264990956],
        [0.44716952991899167],
        [-0.375723933306028],
    ],
    "dA1": [
        [0.0, -2.12786118419693, -0.1947349631426787, -0.13217352020168419, 3.6788941912115196],
        [1.3511754571830887, -0.0, 0.6063338625124316, 0.5739113377178392, 1.472800546143801],
        [-0.26795462652997964, -0.11787404616305626, -0.0320870109723732, 0.1808690276444099,
         -0.292074369910374],
        [1.8110692133551105, -0.0, 0.1449447737027893, 0.6047186995693596, 1.97409130868501],
    ],
    "dZ1": [
        [0.0, 0.0, 0.0, 0.0, 3.6788941912115196],
        [1.3511754571830887, -0.0, 0.0, 0.0, 1.472800546143801],
        [0.0, 0.0, -0.0320870109723732, 0.1808690276444099, 0.0],
        [0.0, 0.0, 0.1449447737027893, 0.0, 1.97409130868501],
    ],
    "dW1": [
        [0.5459478979757895, -1.668746405133545, -0.685010098403585],
        [-0.0227563356051596, -0.8826289903315025, -0.4096232425017212],
        [-0.04587537723353625, 0.0634064794634628, -0.02135434469906606],
        [0.29347695139418556, -0.8517904517802404, -0.342848223283453],
    ],
    "db1": [
        [0.735778838242304],
        [0.564795200665378],
        [0.02975640333440734],
        [0.4238072164775598],
    ],
}


@visible_check
def check_backward_propagation_with_dropout(fn) -> None:
    """Every gradient for a fixed cache (same masks, 1 / keep_prob scaling)."""
    X, Y = np.array(BACKWARD_X), np.array(BACKWARD_Y)
    cache = tuple(np.array(a) for a in BACKWARD_CACHE)
    out = to_plain(fn(X.copy(), Y.copy(), tuple(a.copy() for a in cache), BACKWARD_KEEP_PROB))
    expected = {k: np.array(v) for k, v in BACKWARD_EXPECTED.items()}
    enforce(judge_backward(out, expected, cache, BACKWARD_KEEP_PROB),
            "All visible checks passed.")
