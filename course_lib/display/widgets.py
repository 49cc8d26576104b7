"""Figures that follow sliders: precomputed frames, cheap redraws, a static first frame.

A :class:`SliderFigure` owns a matplotlib ``Figure`` (made without pyplot, so the inline backend
never shows it a second time) and one or more controls, each a list of values. Moving a control
calls ``update(key)``, where ``key`` maps every control name to its current value; ``update``
changes the figure's artists in place (``set_data``, ``set_text``, ``set_xdata`` ...; nothing is
re-plotted). The figure is then rendered to PNG once per key (and cached), and the image shown
under the controls is replaced through a display handle.

Drawing a whole figure (axes, ticks, labels) costs far more than the few artists that change, so
the artists that ``update`` touches can be listed as ``animated``: the rest of the figure is drawn
once and kept as a background, and each frame only pastes the background and draws those
artists on top, in the order given (blitting). Without a front end (nbconvert,
nbclient, autograde) nothing moves, and the first frame stays in the notebook as a static
figure.

Whatever is slow (training, predictions on a grid) belongs before the figure: compute each
frame's data up front and keep ``update`` to assignments. ``SliderFigure.latencies`` records how
long each move took to redraw (``benchmarks/sliders.py`` reports them).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Hashable, Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

__all__ = ["SliderFigure", "new_figure", "render_png"]


def new_figure(figsize: tuple[float, float], dpi: float = 72) -> Figure:
    """A figure with an Agg canvas that pyplot does not know about (never shown twice)."""
    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def _encode_png(canvas) -> bytes:
    from PIL import Image as PILImage

    rgba = np.asarray(canvas.buffer_rgba())
    buffer = io.BytesIO()
    PILImage.fromarray(rgba[..., :3]).save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def render_png(fig: Figure) -> bytes:
    """Draw all of ``fig`` with Agg and encode it as PNG (fast compression: speed over size)."""
    fig.canvas.draw()
    return _encode_png(fig.canvas)


# The front ends draw widget labels and readouts at about 10 px: larger, for reading at a glance.
CONTROL_CLASS = "course-slider-controls"
CONTROL_CSS = (f"<style>.{CONTROL_CLASS} .widget-label, .{CONTROL_CLASS} .widget-readout, "
               f".{CONTROL_CLASS} .widget-toggle-button {{font-size: 14px;}}</style>")


def _default_format(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class SliderFigure:
    """A figure redrawn from precomputed data as controls move.

    - ``fig``: a figure from :func:`new_figure`, with its artists already drawn;
    - ``controls``: ``{name: values}``, in display order; a list of strings becomes toggle
      buttons, any other list a slider over its values (any spacing: 0, 0.01, 0.1, 1 ...);
    - ``update(key)``: set the artists for ``key = {name: value}``; cheap;
    - ``initial``: the first key (default: the first value of each control);
    - ``formats``: ``{name: value -> label}`` for the slider readouts;
    - ``animated``: the artists ``update`` changes, drawn in this order over a background that
      holds everything else (see the module's docstring); empty: redraw the whole figure.
    """

    def __init__(self, fig: Figure, controls: dict[str, Sequence], update: Callable[[dict], None],
                 *, initial: dict | None = None,
                 formats: dict[str, Callable[[object], str]] | None = None,
                 animated: Sequence = ()):
        if not controls:
            raise ValueError("a SliderFigure needs at least one control")
        self.fig = fig
        self.controls = {name: list(values) for name, values in controls.items()}
        for name, values in self.controls.items():
            if not values:
                raise ValueError(f"control {name!r} has no values")
        self.update = update
        self.formats = {name: _default_format for name in self.controls}
        self.formats.update(formats or {})
        self.key = {name: values[0] for name, values in self.controls.items()}
        for name, value in (initial or {}).items():
            self._check(name, value)
            self.key[name] = value
        self.animated = list(animated)
        self._background = None
        self.latencies: list[float] = []
        self.widgets: dict[str, object] = {}
        self._cache: dict[tuple[Hashable, ...], bytes] = {}
        self._handle = None
        self._shown = False

    def _check(self, name: str, value) -> None:
        if name not in self.controls:
            raise KeyError(f"no control named {name!r}")
        if value not in self.controls[name]:
            raise ValueError(f"{value!r} is not one of the values of {name!r}")

    def _cache_key(self, key: dict) -> tuple:
        return tuple(self.controls[name].index(key[name]) for name in self.controls)

    def frame(self, key: dict | None = None) -> bytes:
        """The PNG of ``key`` (default: the current key), rendered once and cached."""
        key = dict(self.key if key is None else key)
        cache_key = self._cache_key(key)
        png = self._cache.get(cache_key)
        if png is None:
            self.update(key)
            png = self._render()
            self._cache[cache_key] = png
        return png

    def _render(self) -> bytes:
        if not self.animated:
            return render_png(self.fig)
        canvas = self.fig.canvas
        if self._background is None:
            for artist in self.animated:
                artist.set_animated(True)
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self.animated:
            self.fig.draw_artist(artist)
        return _encode_png(canvas)

    def set(self, **values) -> bytes:
        """Move controls (as a slider would) and redraw; returns the new frame's PNG."""
        for name, value in values.items():
            self._check(name, value)
        start = time.perf_counter()
        self.key.update(values)
        png = self.frame()
        if self._handle is not None:
            self._handle.update(self._image(png))
        self.latencies.append(time.perf_counter() - start)
        return png

    @staticmethod
    def _image(png: bytes):
        from IPython.display import Image

        return Image(data=png, format="png")

    def _make_widgets(self):
        import ipywidgets

        rows = []
        for name, values in self.controls.items():
            fmt = self.formats[name]
            options = [(fmt(v), v) for v in values]
            # description_width "initial": the whole name shows ("learning_rate", not
            # "learning_r...").
            style = {"description_width": "initial"}
            if all(isinstance(v, str) for v in values):
                widget = ipywidgets.ToggleButtons(options=options, value=self.key[name],
                                                  description=name, style=style)
            else:
                widget = ipywidgets.SelectionSlider(
                    options=options, value=self.key[name], description=name,
                    continuous_update=True, readout=True, style=style,
                    layout=ipywidgets.Layout(width="560px"))

            def on_change(change, name=name):
                self.set(**{name: change["new"]})

            widget.observe(on_change, names="value")
            self.widgets[name] = widget
            rows.append(widget)
        box = ipywidgets.VBox([ipywidgets.HTML(CONTROL_CSS), *rows])
        box.add_class(CONTROL_CLASS)
        return box

    def show(self, display: Callable | None = None) -> SliderFigure:
        """Display the controls, then the current frame through a display handle.

        ``display`` defaults to IPython's; tests pass their own (it must accept
        ``display_id=True`` and return a handle with ``update``, or None).
        """
        if display is None:
            from IPython.display import display
        png = self.frame()
        display(self._make_widgets())
        self._handle = display(self._image(png), display_id=True)
        self._shown = True
        return self

    def _ipython_display_(self):
        """As a cell's last expression (``SliderFigure(...).show()``): nothing more if already
        shown (no ``<SliderFigure at 0x...>`` under the figure), else :meth:`show`."""
        if not self._shown:
            self.show()
