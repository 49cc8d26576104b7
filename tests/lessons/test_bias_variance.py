"""The bias/variance diagnosis on the chapter's table and around it."""

from __future__ import annotations

import numpy as np
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


def test_str_never_shows_a_negative_variance():
    """Dev error 13 points below training error: no variance, said as such, not "-13.0"."""
    d = diagnosis.diagnose(0.20, 0.07)
    headline = str(d).splitlines()[0]
    assert d.variance < 0 and "-" not in headline, headline
    assert headline.endswith("variance 0.0 points (dev error below training error)"), headline
    assert "below" not in str(diagnosis.diagnose(0.07, 0.07))


def test_explorer_headline_clamps_the_variance_and_fits():
    """The slider's headline at dev < train: no minus sign, and on the figure's width."""
    ex = diagnosis.diagnosis_explorer()
    renderer = ex.fig.canvas.get_renderer()
    for train, dev in ((2, 0), (40, 12)):
        ex.set(**{"train %": train, "dev %": dev, "human %": 0})
        (headline,) = [t for t in ex.fig.texts if t.get_text().strip()]
        assert "variance 0.0 points" in headline.get_text() and "-" not in headline.get_text()
        assert headline.get_window_extent(renderer).x1 <= ex.fig.bbox.width - 10


# --- the lecture's experiments and slider --------------------------------------------------------

def test_field_sets_and_bayes_error():
    X, Y, X_dev, Y_dev, bayes = diagnosis.field_sets(0, m_train=50, m_dev=4000)
    assert X.shape == (2, 50) and Y.shape == (1, 50) and X_dev.shape == (2, 4000)
    assert 0.02 < bayes < 0.08  # about FLIP: the swapped labels are the best rule's errors
    again = diagnosis.field_sets(0, m_train=50, m_dev=4000)
    assert np.array_equal(X, again[0]) and bayes == again[4]


def test_diagnosis_bars_follow_the_numbers():
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    bars = diagnosis.diagnosis_bars(ax, 8, 11, 2)
    spans = [(b.get_x(), b.get_width()) for b in bars]
    assert spans == [(0, 2), (2, pytest.approx(6)), (8, pytest.approx(3))]
    d = diagnosis.set_diagnosis_bars(bars, 10, 5, 0)  # dev below train: no variance bar
    assert bars[2].get_width() == 0 and d.regime == "high bias"
    plt.close("all")


def test_diagnosis_explorer_frames_and_advice():
    from course_lib.display import plotting

    ex = diagnosis.diagnosis_explorer(initial=(1, 11, 0))
    assert ex.key == {"train %": 1, "dev %": 11, "human %": 0}
    first = ex.frame()
    assert ex.set(**{"dev %": 2}) != first  # low bias and low variance: other advice
    assert ex.set(**{"dev %": 11}) is first  # cached
    assert not plotting.figure_problems(ex.fig, tight=False)


def test_every_step_of_every_slider_shows():
    """One step of any slider changes the figure, also where the dev error is below the
    training error (the variance part is empty there; the dev error's mark still moves)."""
    ex = diagnosis.diagnosis_explorer(initial=(1, 11, 0))
    for start in ({"train %": 15, "dev %": 3, "human %": 0},
                  {"train %": 4, "dev %": 9, "human %": 2}):
        for name in start:
            here = dict(start)
            moved = dict(start, **{name: start[name] + 1})
            assert ex.frame(moved) != ex.frame(here), (name, start)


#: Height of the band at the bottom of the diagnosis figure that holds only the recipe.
_STEPS_PX = 70


def _ink_rows(png: bytes) -> np.ndarray:
    """Indices of the rows of a frame that hold anything darker than near-white."""
    import io

    from PIL import Image

    gray = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    return np.nonzero((gray < 235).any(axis=1))[0]


def test_diagnosis_explorer_is_tidy_in_every_regime():
    """One frame size for every position (the page does not jump), the recipe filling the
    bottom of the figure whatever the regime (no band of empty space under short advice), each
    step of the recipe black when its answer is yes and grey when it is no, the figure drawn at
    the size the notebook column shows it, and each position its own look."""
    import io

    from PIL import Image

    from course_lib.display import plotting

    ex = diagnosis.diagnosis_explorer(initial=(1, 11, 0))
    columns = diagnosis._steps_placed(plotting.DPI)
    regimes = {"high variance": (1, 11, 0), "high bias": (15, 16, 0),
               "high bias and high variance": (15, 30, 0), "low bias and low variance": (1, 2, 0),
               "low bias and low variance, humans at 15 %": (15, 16, 15)}
    frames, sizes = {}, set()
    for name, (train, dev, human) in regimes.items():
        png = ex.set(**{"train %": train, "dev %": dev, "human %": human})
        width, height = (int.from_bytes(png[i:i + 4], "big") for i in (16, 20))  # PNG header
        sizes.add((width, height))
        assert height - 1 - _ink_rows(png).max() <= 16, f"{name}: empty space under the text"
        frames[name] = png
        d = diagnosis.diagnose(train / 100, dev / 100, human / 100)
        gray = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
        steps = gray[-_STEPS_PX:]  # the two columns of the recipe, under the headline
        for (x, _), high in zip(columns, (d.high_bias, d.high_variance), strict=True):
            darkest = steps[:, x:x + 40].min()
            assert (darkest < 60) == high, f"{name}: a column at x={x} shows {darkest}"
    assert len(sizes) == 1, sizes
    assert width <= plotting.COLUMN_PX - 60  # JupyterLab's column is narrower than COLUMN_PX
    assert len(set(frames.values())) == len(frames)


def test_recipe_steps_fit_side_by_side():
    from course_lib.display.plotting import DPI

    steps = diagnosis._steps_placed(DPI)
    (x0, first), (x1, second) = steps
    assert x0 + max(p.shape[1] for p in first.values()) < x1
    assert x1 + max(p.shape[1] for p in second.values()) <= diagnosis._W - diagnosis._MARGIN
    heights = {p.shape[0] for step in (first, second) for p in step.values()}
    assert max(heights) - min(heights) <= 20  # the columns are about equally tall


def test_lambd_sweep_shapes():
    model = diagnosis.Model("tiny", (2, 3, 1), 40, 20, 0.5)
    train, dev = diagnosis.lambd_sweep(model, [0, 1], [0, 1])
    assert train.shape == dev.shape == (2, 2)
    assert np.all((0 <= train) & (train <= 1))
