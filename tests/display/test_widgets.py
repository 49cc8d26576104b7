"""The slider machinery without a front end: frames, caching, blitting, the display handle, the
widgets' callbacks, and the sliders of the notebooks (tagged "lesson", so autograde skips them)."""

from __future__ import annotations

import io
from pathlib import Path

import nbformat
import numpy as np
import pytest
from PIL import Image

from course_lib.core import nn
from course_lib.display import widgets

ROOT = Path(__file__).resolve().parents[2]
PNG = b"\x89PNG\r\n\x1a\n"


class Recorder:
    """Stands in for IPython's display: records what is shown and the handle's updates."""

    def __init__(self):
        self.shown = []
        self.updates = []

    def __call__(self, obj, display_id=False):
        self.shown.append(obj)
        if display_id:
            recorder = self

            class Handle:
                def update(self, new):
                    recorder.updates.append(new)

            return Handle()
        return None


def _line_figure(animated=True):
    fig = widgets.new_figure((4, 3), dpi=50)
    ax = fig.subplots()
    ax.set_xlim(0, 1)
    ax.set_ylim(-3, 3)
    x = np.linspace(0, 1, 50)
    line, = ax.plot(x, np.sin(x))
    title = ax.set_title("a = 0")
    calls = []

    def update(key):
        calls.append(dict(key))
        line.set_ydata(key["a"] * np.sin(6 * x) + (1 if key["shift"] == "up" else 0))
        title.set_text(f"a = {key['a']}, {key['shift']}")

    slider = widgets.SliderFigure(fig, {"shift": ["up", "down"], "a": [0.5, 1.0, 2.0]}, update,
                                  initial={"a": 1.0},
                                  animated=[line, title] if animated else ())
    return slider, calls


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)


def test_frames_are_png_and_cached():
    slider, calls = _line_figure()
    first = slider.frame()
    assert first.startswith(PNG)
    assert calls == [{"shift": "up", "a": 1.0}]
    assert slider.frame() is first and len(calls) == 1  # cached: no second update
    second = slider.set(a=2.0)
    assert second != first and slider.key == {"shift": "up", "a": 2.0}
    assert slider.set(a=1.0) is first and len(calls) == 2
    assert len(slider.latencies) == 2 and all(t >= 0 for t in slider.latencies)


def test_blitted_frames_equal_full_redraws():
    blitted, _ = _line_figure(animated=True)
    full, _ = _line_figure(animated=False)
    for key in ({"a": 1.0}, {"a": 2.0, "shift": "down"}, {"a": 0.5}):
        a, b = _pixels(blitted.set(**key)), _pixels(full.set(**key))
        assert a.shape == b.shape
        assert np.mean(np.abs(a - b)) < 1.0  # antialiasing may differ by a hair


def test_unknown_controls_and_values_are_refused():
    slider, _ = _line_figure()
    with pytest.raises(ValueError):
        slider.set(a=3.0)
    with pytest.raises(KeyError):
        slider.set(b=1.0)
    with pytest.raises(ValueError):
        widgets.SliderFigure(widgets.new_figure((2, 2)), {}, lambda key: None)


def test_show_displays_controls_then_a_static_frame_and_follows_the_widgets():
    slider, _ = _line_figure()
    display = Recorder()
    slider.show(display=display)
    assert len(display.shown) == 2
    controls, image = display.shown
    assert image.data.startswith(PNG)  # without a front end, this first frame stays
    assert set(slider.widgets) == {"shift", "a"}
    slider.widgets["a"].value = 2.0  # what a slider move does
    slider.widgets["shift"].value = "down"
    assert len(display.updates) == 2
    assert slider.key == {"shift": "down", "a": 2.0}
    assert display.updates[-1].data == slider.frame({"shift": "down", "a": 2.0})
    assert type(slider.widgets["shift"]).__name__ == "ToggleButtons"
    assert type(slider.widgets["a"]).__name__ == "SelectionSlider"
    assert type(controls).__name__ == "VBox"


def test_explorers_build_headless_frames():
    from course_lib.instructor.reference import dropout as drop
    from course_lib.instructor.reference import regularization as reg
    from course_lib.lessons.dropout import keep_prob_explorer
    from course_lib.lessons.regularization import lambda_explorer

    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(2, 40))
    Y = (X[1:] > 0.3 * X[:1]).astype(float)
    parameters = nn.initialize_parameters([2, 6, 4, 1], rng)
    display = Recorder()
    lam = lambda_explorer(
        X, Y, X, Y, parameters,
        {"L2": (reg.compute_cost_with_regularization,
                reg.backward_propagation_with_regularization)},
        lambds=[0.0, 1.0], iterations=5, steps=15, initial=1.0, display=display)
    assert lam.key == {"penalty": "L2", "lambd": 1.0}
    assert display.shown[-1].data.startswith(PNG)
    lam.widgets["lambd"].value = 0.0
    assert len(display.updates) == 1
    np.random.seed(0)
    keep = keep_prob_explorer(
        X, Y, X, Y, parameters, drop.forward_propagation_with_dropout,
        drop.backward_propagation_with_dropout, keep_probs=[1.0, 0.5], iterations=5, steps=15,
        display=display)
    assert keep.set(keep_prob=0.5).startswith(PNG)


@pytest.mark.parametrize("assignment", ["regularization", "dropout"])
def test_slider_cells_are_lesson_cells(assignment):
    nb = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    slider_cells = [c for c in nb.cells if c.cell_type == "code" and "_explorer(" in c.source]
    assert slider_cells, "no slider in the notebook"
    for cell in slider_cells:
        assert "lesson" in cell.metadata.get("tags", [])
        assert not cell.metadata.get("nbgrader", {}).get("grade")
