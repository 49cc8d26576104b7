"""Bias and variance from three numbers, and the basic recipe that follows from them.

Errors are fractions in ``[0, 1]`` (``0.11`` for 11 %). The *avoidable bias* is how far the
training error sits above the best achievable error (human-level error as a stand-in for the
Bayes error); the *variance* is how much worse the dev error is than the training error:

    avoidable_bias = train_error - human_error      (clipped at 0)
    variance       = dev_error   - train_error

Each is "high" when it exceeds ``tolerance`` (2 percentage points by default: a judgement call
that depends on the application, not a law). The chapter's table, with humans at ~0 %:

    ========  ======  =====================
    train     dev     diagnosis
    ========  ======  =====================
    1 %       11 %    high variance
    15 %      16 %    high bias
    15 %      30 %    high bias and high variance
    0.5 %     1 %     low bias and low variance
    ========  ======  =====================

With humans at 15 % (blurry images), 15 % / 16 % is no longer high bias: the same numbers mean
something else when the best possible error changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["BIAS_RECIPE", "VARIANCE_RECIPE", "Diagnosis", "diagnose", "recipe"]

BIAS_RECIPE = (
    "bigger network (more hidden units, more layers)",
    "train longer",
    "better optimization algorithm",
    "try another architecture (NN architecture search)",
)
VARIANCE_RECIPE = (
    "more data",
    "regularization (L2, dropout, data augmentation, early stopping)",
    "try another architecture (NN architecture search)",
)
DONE = "done: low bias and low variance"


@dataclass(frozen=True)
class Diagnosis:
    """What :func:`diagnose` finds. ``regime`` is one of ``"high variance"``, ``"high bias"``,
    ``"high bias and high variance"``, ``"low bias and low variance"``."""

    avoidable_bias: float
    variance: float
    high_bias: bool
    high_variance: bool
    regime: str
    advice: tuple[str, ...] = field(default_factory=tuple)

    @property
    def focus(self) -> str | None:
        """``"bias"`` or ``"variance"``, whichever is larger among the high ones (work on the
        bigger problem first), or ``None`` when neither is high."""
        if not (self.high_bias or self.high_variance):
            return None
        if self.high_bias and (not self.high_variance or self.avoidable_bias >= self.variance):
            return "bias"
        return "variance"

    def __str__(self) -> str:
        lines = [f"{self.regime}: avoidable bias {100 * self.avoidable_bias:.1f} points, "
                 f"variance {100 * self.variance:.1f} points"]
        lines += [f"  - {a}" for a in self.advice]
        return "\n".join(lines)


def _check(name: str, value: float) -> float:
    value = float(value)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be a fraction in [0, 1] (0.11 for 11 %), got {value}")
    return value


def recipe(high_bias: bool, high_variance: bool) -> tuple[str, ...]:
    """The basic recipe: fix bias first (training-set performance), then variance (dev-set
    performance); when neither is high you are done."""
    if high_bias and high_variance:
        # The architecture search appears in both lists; say it once.
        return BIAS_RECIPE + tuple(a for a in VARIANCE_RECIPE if a not in BIAS_RECIPE)
    if high_bias:
        return BIAS_RECIPE
    if high_variance:
        return VARIANCE_RECIPE
    return (DONE,)


def diagnose(train_error: float, dev_error: float, human_error: float = 0.0, *,
             tolerance: float = 0.02) -> Diagnosis:
    """Diagnose a model from its train and dev error and the human (or Bayes) error.

    All errors are fractions in ``[0, 1]``. Returns a :class:`Diagnosis` with the avoidable
    bias, the variance, the two flags, the regime name and the basic-recipe advice.
    ``diagnose(0.01, 0.11).regime == "high variance"``.
    """
    train_error = _check("train_error", train_error)
    dev_error = _check("dev_error", dev_error)
    human_error = _check("human_error", human_error)
    avoidable_bias = max(train_error - human_error, 0.0)
    variance = dev_error - train_error
    high_bias = avoidable_bias > tolerance
    high_variance = variance > tolerance
    if high_bias and high_variance:
        regime = "high bias and high variance"
    elif high_bias:
        regime = "high bias"
    elif high_variance:
        regime = "high variance"
    else:
        regime = "low bias and low variance"
    return Diagnosis(avoidable_bias, variance, high_bias, high_variance, regime,
                     recipe(high_bias, high_variance))
