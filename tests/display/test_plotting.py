"""The figure rules (plotting.figure_problems) catch what they name, and the helpers that keep
figures readable (place_legend, plot_band) do their job."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_lib.display import plotting


@pytest.fixture(autouse=True)
def _style():
    with plt.rc_context():
        plotting.use_course_style()
        yield
    plt.close("all")


def _clean_figure():
    fig, ax = plt.subplots(figsize=(6, 3))
    x = np.linspace(0, 1, 50)
    ax.plot(x, x**2, label="train")
    ax.set_xlabel("iteration (gradient steps)")
    ax.set_ylabel("cost (cross-entropy)")
    plotting.place_legend(ax)
    return fig, ax


def test_a_clean_figure_has_no_problems():
    fig, _ = _clean_figure()
    assert plotting.figure_problems(fig) == []


def test_each_rule_is_checked():
    fig, ax = _clean_figure()
    ax.set_ylabel("")
    assert any("y axis has numbers but no label" in p for p in plotting.figure_problems(fig))

    fig, ax = _clean_figure()
    fig.set_dpi(72)
    assert any("dpi" in p for p in plotting.figure_problems(fig))

    fig, ax = _clean_figure()
    fig.set_size_inches(12, 3)
    assert any("px wide" in p for p in plotting.figure_problems(fig))

    fig, ax = _clean_figure()
    ax.plot([0.0, 0.2], [0.9, 0.9], label="high")  # data in the upper left corner ...
    ax.legend(loc="upper left")  # ... and the legend put over it by hand
    assert any("legend covers" in p for p in plotting.figure_problems(fig))

    fig, ax = _clean_figure()
    ax.set_xticks(np.linspace(0, 1, 40))  # 40 tick labels on 6 inches run into each other
    assert any("runs into" in p for p in plotting.figure_problems(fig))

    fig, ax = _clean_figure()
    fig.text(0.98, 0.5, "a long note that leaves the figure")
    assert any("cut off" in p for p in plotting.figure_problems(fig, tight=False))


def test_place_legend_avoids_data_and_goes_outside_when_it_must():
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot([0, 1], [1, 1], label="top")  # a line along the top: upper corners are taken
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("x (units)")
    ax.set_ylabel("y (units)")
    plotting.place_legend(ax)
    assert plotting.figure_problems(fig) == []
    fig, ax = plt.subplots(figsize=(5, 3))
    rng = np.random.default_rng(0)
    ax.scatter(rng.uniform(size=2000), rng.uniform(size=2000), label="everywhere")
    ax.set_xlabel("x (units)")
    ax.set_ylabel("y (units)")
    plotting.place_legend(ax)
    assert not any("legend covers" in p for p in plotting.figure_problems(fig))


def test_plot_band_draws_mean_and_range():
    fig, ax = plt.subplots()
    samples = np.array([[1.0, 2.0, 3.0], [3.0, 4.0, 5.0]])
    line = plotting.plot_band(ax, [1, 2, 3], samples, "train", scale=100)
    np.testing.assert_allclose(line.get_ydata(), [200, 300, 400])
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    assert band.min() == pytest.approx(100) and band.max() == pytest.approx(500)
