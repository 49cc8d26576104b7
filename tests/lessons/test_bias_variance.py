"""The bias/variance diagnosis on the chapter's table and around it."""

from __future__ import annotations

import pytest

from course_lib.lessons import bias_variance as diagnosis

# The chapter's table (humans at ~0 %).
TABLE = [
    (0.01, 0.11, "high variance"),
    (0.15, 0.16, "high bias"),
    (0.15, 0.30, "high bias and high variance"),
    (0.005, 0.01, "low bias and low variance"),
]


@pytest.mark.parametrize("train,dev,regime", TABLE)
def test_chapter_table(train, dev, regime):
    d = diagnosis.diagnose(train, dev, 0.0)
    assert d.regime == regime
    assert d.high_bias == ("high bias" in regime)
    assert d.high_variance == ("high variance" in regime)
    assert d.avoidable_bias == pytest.approx(train)
    assert d.variance == pytest.approx(dev - train)


def test_advice_follows_the_recipe():
    assert diagnosis.diagnose(0.01, 0.11).advice == diagnosis.VARIANCE_RECIPE
    assert diagnosis.diagnose(0.15, 0.16).advice == diagnosis.BIAS_RECIPE
    both = diagnosis.diagnose(0.15, 0.30).advice
    assert set(both) == set(diagnosis.BIAS_RECIPE) | set(diagnosis.VARIANCE_RECIPE)
    assert len(both) == len(set(both))
    assert diagnosis.diagnose(0.005, 0.01).advice == (diagnosis.DONE,)
    assert "more data" in diagnosis.diagnose(0.01, 0.11).advice
    assert "more data" not in diagnosis.diagnose(0.15, 0.16).advice
    assert any("bigger network" in a for a in diagnosis.diagnose(0.15, 0.16).advice)


def test_human_error_changes_the_diagnosis():
    # Blurry images: humans get 15 % wrong, so 15 % / 16 % is as good as it gets.
    d = diagnosis.diagnose(0.15, 0.16, human_error=0.15)
    assert d.regime == "low bias and low variance"
    assert d.avoidable_bias == pytest.approx(0.0)
    # Train error below human error: no avoidable bias (never negative).
    assert diagnosis.diagnose(0.10, 0.11, human_error=0.12).avoidable_bias == 0.0


def test_tolerance_is_strict_and_adjustable():
    assert diagnosis.diagnose(0.02, 0.04).regime == "low bias and low variance"  # exactly 2 pts
    assert diagnosis.diagnose(0.021, 0.05).regime == "high bias and high variance"
    assert diagnosis.diagnose(0.01, 0.11, tolerance=0.2).regime == "low bias and low variance"


def test_focus_is_the_bigger_problem():
    assert diagnosis.diagnose(0.15, 0.30).focus == "bias"  # 15 vs 15: bias first
    assert diagnosis.diagnose(0.05, 0.30).focus == "variance"
    assert diagnosis.diagnose(0.47, 0.50).focus == "bias"
    assert diagnosis.diagnose(0.005, 0.01).focus is None


def test_dev_better_than_train_is_not_variance():
    d = diagnosis.diagnose(0.10, 0.08, human_error=0.09)
    assert d.variance < 0 and not d.high_variance


@pytest.mark.parametrize("args", [(11, 1), (0.1, -0.1), (0.1, 0.2, 1.5), (float("nan"), 0.1)])
def test_errors_must_be_fractions(args):
    with pytest.raises(ValueError):
        diagnosis.diagnose(*args)


def test_str_names_regime_and_advice():
    text = str(diagnosis.diagnose(0.01, 0.11))
    assert "high variance" in text and "more data" in text and "10.0" in text
