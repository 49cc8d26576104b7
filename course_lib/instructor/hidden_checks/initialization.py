"""Hidden checks of the initialization assignment.

Shapes come from a pool of ``layers_dims`` (shallow, deep, wide, fan-in far from fan-out) so
that a transposed matrix, a fan-out scale or a missing layer cannot pass by luck. Random
initializers are judged by properties (:mod:`course_lib.judges.initialization`), so ``randn``,
``normal``, ``default_rng`` and a seed inside the function all pass.
"""

from __future__ import annotations

import numpy as np

from course_lib.instructor.hidden_checks import Check
from course_lib.judges import compare_dict, first_failure
from course_lib.judges.initialization import judge_all_zero, judge_scale, judge_structure

# Small and odd shapes for structure; every layer of the scale pool has >= 200 weights, and
# fan-in differs from fan-out by 2x or more where it matters.
STRUCTURE_POOL = ([2, 4, 1], [3, 2, 2, 1], [5, 7, 3, 1], [1, 3, 1], [4, 1], [2, 10, 5, 3, 1],
                  [6, 6, 6, 6, 6, 1], [3, 8, 2])
SCALE_POOL = ([40, 160, 20], [30, 120, 240, 60], [200, 25, 400], [64, 512, 16],
              [20, 100, 100, 100, 100, 100, 100, 20], [300, 100, 50])


def _cases(rng: np.random.Generator, pool, k: int) -> list[dict]:
    picks = rng.choice(len(pool), size=k, replace=False)
    return [{"args": [list(pool[i])]} for i in sorted(picks)]


def structure_inputs(rng):
    return _cases(rng, STRUCTURE_POOL, 4)


def scale_inputs(rng):
    return _cases(rng, SCALE_POOL, 3)


def _dims(case) -> list[int]:
    return case["args"][0]


def judge_each(judge):
    def run(inputs, outputs):
        return first_failure(judge(out, _dims(case)) for case, out in zip(inputs, outputs,
                                                                          strict=True))
    return run


def judge_zeros_values(inputs, outputs):
    from course_lib.instructor.reference.initialization import initialize_parameters_zeros

    return first_failure(
        v for case, out in zip(inputs, outputs, strict=True)
        for v in (judge_all_zero(out, _dims(case)),
                  compare_dict(out, initialize_parameters_zeros(_dims(case)), "parameters")))


def judge_scale_of(scheme: str):
    def run(inputs, outputs):
        return first_failure(judge_scale(out, _dims(case), scheme)
                             for case, out in zip(inputs, outputs, strict=True))
    return run


def _structure(function: str, name: str) -> Check:
    return Check(function, "structure",
                 f"{name}: one W and b per layer, right shapes, float dtype, zero biases",
                 structure_inputs, judge_each(judge_structure), points=1)


CHECKS = [
    _structure("initialize_parameters_zeros", "Zero initialization"),
    Check("initialize_parameters_zeros", "values", "Zero initialization: every entry is 0.0",
          structure_inputs, judge_zeros_values, points=1),
    _structure("initialize_parameters_random", "Large random initialization"),
    Check("initialize_parameters_random", "scale",
          "Large random initialization: weights spread like randn * 10",
          scale_inputs, judge_scale_of("random"), points=2),
    _structure("initialize_parameters_he", "He initialization"),
    Check("initialize_parameters_he", "scale",
          "He initialization: each layer's weights spread like randn * sqrt(2 / n[l-1])",
          scale_inputs, judge_scale_of("he"), points=2),
    _structure("initialize_parameters_xavier", "Xavier initialization"),
    Check("initialize_parameters_xavier", "scale",
          "Xavier initialization: each layer's weights spread like randn * sqrt(1 / n[l-1])",
          scale_inputs, judge_scale_of("xavier"), points=2),
]
