"""What the browser showed wrong under the sliders, pinned without a browser: the
``<SliderFigure at 0x...>`` line under a figure, a cut control name, 10 px labels."""

from __future__ import annotations

from course_lib.display import widgets


class Shown:
    def __init__(self):
        self.objects = []

    def __call__(self, obj, display_id=False):
        self.objects.append(obj)
        return None


def _figure():
    fig = widgets.new_figure((2, 2), dpi=30)
    ax = fig.subplots()
    line, = ax.plot([0, 1], [0, 1])
    return widgets.SliderFigure(fig, {"learning_rate": [0.01, 0.1, 1.0]},
                                lambda key: line.set_ydata([0, key["learning_rate"]]))


def test_a_shown_figure_as_last_expression_displays_nothing_more():
    slider, shown = _figure(), Shown()
    assert slider.show(display=shown) is slider  # callers keep the object
    before = list(shown.objects)
    slider._ipython_display_()  # what IPython calls for a cell's last expression
    assert shown.objects == before


def test_a_figure_not_yet_shown_shows_itself(monkeypatch):
    slider, calls = _figure(), []
    monkeypatch.setattr(slider, "show", lambda display=None: calls.append(display))
    slider._ipython_display_()
    assert calls == [None]


def test_control_names_are_never_cut_and_labels_are_readable():
    slider, shown = _figure(), Shown()
    slider.show(display=shown)
    box = shown.objects[0]
    control = slider.widgets["learning_rate"]
    assert control.style.description_width == "initial"
    assert widgets.CONTROL_CLASS in box._dom_classes
    css = box.children[0].value
    assert "font-size: 14px" in css and widgets.CONTROL_CLASS in css
