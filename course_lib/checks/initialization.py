"""Visible checks of the initialization assignment (properties only)."""

from __future__ import annotations

from course_lib.checks.messages import visible_check
from course_lib.core.plain import to_plain
from course_lib.judges import Verdict, enforce, fail, first_failure, ok
from course_lib.judges.initialization import judge_all_zero, judge_scale, judge_structure

_SMALL = [3, 2, 1]
_LARGE = [50, 200, 25, 1]


def _judge_own_work(fn) -> Verdict:
    """The function does not hand its exercise to the course's ``nn.initialize_parameters``
    (the grader gives no point for that either)."""
    helper = getattr(fn, "__globals__", {}).get("initialize_parameters")
    own = getattr(helper, "__module__", None) == "__main__"
    if "initialize_parameters" in getattr(fn, "__code__", None).co_names and not own:
        return fail("it calls the course's nn.initialize_parameters, which does this exercise "
                    "for you: write the computation yourself")
    return ok()


def _call(fn, layers_dims):
    return to_plain(fn(list(layers_dims)))


@visible_check
def check_initialize_parameters_zeros(fn) -> None:
    """Shapes, float dtype and all zeros for ``[3, 2, 1]`` and ``[50, 200, 25, 1]``."""
    enforce(first_failure([_judge_own_work(fn)]
                          + [judge_all_zero(_call(fn, dims), dims) for dims in (_SMALL, _LARGE)]),
            "All visible checks passed.")


def _check_scheme(fn, scheme: str) -> None:
    enforce(first_failure([_judge_own_work(fn), judge_structure(_call(fn, _SMALL), _SMALL),
                           judge_scale(_call(fn, _LARGE), _LARGE, scheme)]),
            "All visible checks passed.")


@visible_check
def check_initialize_parameters_random(fn) -> None:
    """Shapes, zero biases and ``randn * 10`` spread."""
    _check_scheme(fn, "random")


@visible_check
def check_initialize_parameters_he(fn) -> None:
    """Shapes, zero biases and He spread ``sqrt(2 / n[l-1])`` per layer."""
    _check_scheme(fn, "he")


@visible_check
def check_initialize_parameters_xavier(fn) -> None:
    """Shapes, zero biases and Xavier spread ``sqrt(1 / n[l-1])`` per layer."""
    _check_scheme(fn, "xavier")
