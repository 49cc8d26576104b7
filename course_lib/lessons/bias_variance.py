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

The experiments of the lecture (``notebooks/03_bias_variance``) live here too, so that the
notebook and the test of its claims (``tests/lessons/test_claims_lectures.py``) run the same
code: :func:`field_sets` (the data and its Bayes error), :func:`run` (train one
:class:`Model` and diagnose it), :func:`learning_curves` and :func:`lambd_sweep` (over
several seeds).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from course_lib.core import data
from course_lib.lessons import experiments

__all__ = ["BIAS_RECIPE", "VARIANCE_RECIPE", "Diagnosis", "diagnose", "recipe", "FLIP",
           "field_sets", "bayes_error", "Model", "SMALL", "MODERATE", "BIG_ON_30", "BIG",
           "SMALL_100", "BIG_100", "Run", "run", "Curves", "learning_curves", "lambd_sweep",
           "diagnosis_bars", "set_diagnosis_bars", "diagnosis_explorer"]

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

    def summary(self, say_why: bool = True) -> str:
        """The regime and both gaps in percentage points, on one line. A dev error below the
        training error is no variance: ``variance 0.0 points``, never a negative one, followed
        (with ``say_why``) by ``(dev error below training error)``."""
        text = (f"{self.regime}: avoidable bias {100 * self.avoidable_bias:.1f} points, "
                f"variance {100 * max(self.variance, 0.0):.1f} points")
        if say_why and self.variance < 0:
            text += " (dev error below training error)"
        return text

    def __str__(self) -> str:
        lines = [self.summary()]
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


# --- the lecture's experiments -----------------------------------------------------------------

#: Share of swapped labels in the lecture's data: the Bayes error is about this.
FLIP = 0.05


def bayes_error(X: np.ndarray, Y: np.ndarray) -> float:
    """Error of the best possible rule on the field data ``X (2, m)``, ``Y (1, m)``: the true
    frontier of :func:`course_lib.core.data.make_field` (swapped labels are its only errors)."""
    best = X[1] - data._field_boundary(X[0]) > 0
    return float(np.mean(best != (Y[0] == 1.0)))


def field_sets(seed: int, m_train: int = 1000, m_dev: int = 2000):
    """``(X, Y, X_dev, Y_dev, bayes)``: the football-field data with ``FLIP`` of the labels
    swapped, ``X (2, m_train)``, ``X_dev (2, m_dev)``, and the Bayes error on the dev set."""
    rng = np.random.default_rng(seed)
    X, Y = data.make_field(m_train, flip=FLIP, rng=rng)
    X_dev, Y_dev = data.make_field(m_dev, flip=FLIP, rng=rng)
    return X, Y, X_dev, Y_dev, bayes_error(X_dev, Y_dev)


@dataclass(frozen=True)
class Model:
    """A network and how it is trained: on the first ``examples`` training examples, by
    batch gradient descent (``experiments.fit``)."""

    name: str
    layers_dims: tuple[int, ...]
    examples: int
    num_iterations: int
    learning_rate: float
    lambd: float = 0.0

    def fit(self, X: np.ndarray, Y: np.ndarray, seed: int) -> dict:
        """Parameters after training on ``X (2, m)``, ``Y (1, m)`` from a He start drawn
        from ``seed``."""
        parameters, _ = experiments.fit(
            X, Y, self.layers_dims, np.random.default_rng((seed, 1)),
            learning_rate=self.learning_rate, num_iterations=self.num_iterations,
            record_every=self.num_iterations, lambd=self.lambd)
        return parameters


SMALL = Model("small network [2, 1]", (2, 1), 1000, 100, 2.0)
MODERATE = Model("moderate network [2, 10, 5, 1]", (2, 10, 5, 1), 1000, 1500, 0.5)
BIG_ON_30 = Model("big network [2, 30, 30, 1], 30 examples", (2, 30, 30, 1), 30, 1000, 0.3)
#: For learning curves (the sizes replace ``examples``).
BIG = Model("big network [2, 30, 30, 1]", (2, 30, 30, 1), 400, 400, 0.6)
#: The basic recipe's comparison, on 100 examples.
SMALL_100 = Model("small network [2, 3, 1]", (2, 3, 1), 100, 800, 0.5)
BIG_100 = Model("big network [2, 30, 30, 1]", (2, 30, 30, 1), 100, 800, 0.5)


@dataclass
class Run:
    """One trained model, its errors (fractions) and their diagnosis."""

    model: Model
    parameters: dict
    train_error: float
    dev_error: float
    diagnosis: Diagnosis


def run(model: Model, sets: tuple, seed: int) -> Run:
    """Train ``model`` on :func:`field_sets` ``sets`` and diagnose it against their Bayes
    error."""
    X, Y, X_dev, Y_dev, bayes = sets
    X, Y = X[:, :model.examples], Y[:, :model.examples]
    parameters = model.fit(X, Y, seed)
    train, dev = experiments.error(X, Y, parameters), experiments.error(X_dev, Y_dev, parameters)
    return Run(model, parameters, train, dev, diagnose(train, dev, bayes))


@dataclass
class Curves:
    """Learning curves over several runs: errors ``(runs, len(sizes))`` (fractions) and the
    Bayes error of each run's dev set ``(runs,)``."""

    sizes: list[int]
    train_error: np.ndarray
    dev_error: np.ndarray
    bayes: np.ndarray


def learning_curves(model: Model, sizes: Sequence[int], seeds: Sequence[int]) -> Curves:
    """:func:`course_lib.lessons.experiments.learning_curve` of ``model`` once per seed (new
    data and a new start each time)."""
    train, dev, bayes = [], [], []
    for seed in seeds:
        X, Y, X_dev, Y_dev, b = field_sets(seed)
        curve = experiments.learning_curve(X, Y, X_dev, Y_dev, sizes,
                                           lambda Xp, Yp, s=seed: model.fit(Xp, Yp, s))
        train.append(curve.train_error)
        dev.append(curve.dev_error)
        bayes.append(b)
    return Curves(list(sizes), np.array(train), np.array(dev), np.array(bayes))


def lambd_sweep(model: Model, lambds: Sequence[float], seeds: Sequence[int]
                ) -> tuple[np.ndarray, np.ndarray]:
    """Train and dev errors ``(len(seeds), len(lambds))`` of ``model`` trained with each
    ``lambd`` (weight decay) on each seed's data."""
    train = np.empty((len(seeds), len(lambds)))
    dev = np.empty_like(train)
    for i, seed in enumerate(seeds):
        sets = field_sets(seed)
        for j, lambd in enumerate(lambds):
            r = run(replace(model, lambd=lambd), sets, seed)
            train[i, j], dev[i, j] = r.train_error, r.dev_error
    return train, dev


# --- the diagnosis, drawn ------------------------------------------------------------------------

_PARTS = (("human / Bayes error", "0.7"), ("avoidable bias", "C1"), ("variance", "C0"))


def diagnosis_bars(ax, train_pct: float, dev_pct: float, human_pct: float):
    """One horizontal bar on ``ax``: human error, then avoidable bias, then variance (all in
    percent). Returns the three bar patches (move them with :func:`set_diagnosis_bars`)."""
    bars = [ax.barh(0, 0, color=color, label=label, height=0.6)[0] for label, color in _PARTS]
    set_diagnosis_bars(bars, train_pct, dev_pct, human_pct)
    ax.set_yticks([])
    ax.set_ylim(-0.6, 0.6)
    ax.set_xlabel("error (%)")
    return bars


def set_diagnosis_bars(bars, train_pct: float, dev_pct: float, human_pct: float) -> Diagnosis:
    """Resize ``bars`` for these errors (percent); returns their :func:`diagnose`."""
    d = diagnose(train_pct / 100, dev_pct / 100, human_pct / 100)
    spans = ((0.0, human_pct), (human_pct, 100 * d.avoidable_bias),
             (max(train_pct, human_pct), max(100 * d.variance, 0.0)))
    for bar, (left, width) in zip(bars, spans, strict=True):
        bar.set_x(left)
        bar.set_width(width)
    return d


def _text_pixels(text: str, dpi: float, **style) -> np.ndarray:
    """``text`` drawn once on white, as an RGBA array ``(h, w, 4)`` cropped to its box: pasting
    it costs far less than drawing its glyphs again on every frame."""
    from course_lib.display.widgets import new_figure

    fig = new_figure((9, 3), dpi=dpi)
    artist = fig.text(0, 1, text, va="top", **style)
    fig.canvas.draw()
    box = artist.get_window_extent()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    top, bottom = rgba.shape[0] - int(np.ceil(box.y1)), rgba.shape[0] - int(box.y0)
    return rgba[max(top, 0):bottom, int(box.x0):int(np.ceil(box.x1))].copy()


#: The two steps of the basic recipe, as the explorer shows them side by side.
_STEPS = (("1. High bias? (training set)", BIAS_RECIPE),
          ("2. High variance? (dev set)", VARIANCE_RECIPE))


def _step_text(question: str, actions: Sequence[str], high: bool, chars: int) -> str:
    """One step of the recipe as lines of text: the question with its answer, then the
    actions (each wrapped at ``chars`` characters), to try only when the answer is yes."""
    import textwrap

    lines = [f"{question}  {'yes: try' if high else 'no'}"]
    for action in actions:
        lines += textwrap.wrap(action, chars, initial_indent="  - ", subsequent_indent="    ")
    return "\n".join(lines)


def _step_pixels(step: int, dpi: float, width: float) -> dict[bool, np.ndarray]:
    """``{high: RGBA (h, w, 4)}``: step ``step`` of the recipe drawn once in black (its answer
    is yes) and once in light grey (no), its actions wrapped to fit ``width`` pixels (the
    wrapping is measured on one laid-out text, without drawing it)."""
    from course_lib.display.widgets import new_figure

    question, actions = _STEPS[step]
    fig = new_figure((9, 3), dpi=dpi)
    probe = fig.text(0, 1, "", fontsize=10)
    renderer = fig.canvas.get_renderer()

    def measure(text: str) -> float:
        probe.set_text(text)
        return probe.get_window_extent(renderer).width

    for chars in range(72, 20, -1):
        texts = {high: _step_text(question, actions, high, chars) for high in (False, True)}
        if max(measure(text) for text in texts.values()) <= width:
            return {high: _text_pixels(text, dpi, fontsize=10,
                                       color="black" if high else "0.68")
                    for high, text in texts.items()}
    raise ValueError("the recipe does not fit: make the figure wider")


#: The explorer's layout in pixels: width (within the notebook column), margin on each side,
#: gap between the two columns of the recipe, height of the legend over the bar, of the bar, of
#: the space under it (tick labels, axis label) and of the headline.
_W, _MARGIN, _GAP, _LEGEND, _BAR, _UNDER_BAR, _HEADLINE = 820, 20, 24, 34, 44, 58, 26


def _steps_placed(dpi: float) -> list[tuple[int, dict[bool, np.ndarray]]]:
    """The two steps of the recipe as ``(x in pixels, {high: RGBA})``: the first as wide as
    its longest line when it fits in half the figure, the second in the rest of the width."""
    room = _W - 2 * _MARGIN - _GAP
    first = _step_pixels(0, dpi, room / 2)
    width = max(p.shape[1] for p in first.values())
    return [(_MARGIN, first),
            (_MARGIN + width + _GAP, _step_pixels(1, dpi, room - width))]


def _explorer_figure(steps_height: int) -> tuple:
    """The figure of :func:`diagnosis_explorer`, tall enough for steps ``steps_height``
    pixels high: ``(fig, bar axes, headline y, top of the steps)`` (y in pixels from the
    bottom)."""
    from course_lib.display.plotting import DPI
    from course_lib.display.widgets import new_figure

    below = steps_height + 12  # the steps and a bottom margin
    height = _LEGEND + _BAR + _UNDER_BAR + _HEADLINE + below
    fig = new_figure((_W / DPI, height / DPI), dpi=DPI)
    fig.set_layout_engine("none")  # placed by hand, whatever pyplot's defaults
    bar_bottom = height - _LEGEND - _BAR
    ax = fig.add_axes((_MARGIN / _W, bar_bottom / height, 1 - 2 * _MARGIN / _W, _BAR / height))
    return fig, ax, bar_bottom - _UNDER_BAR, below


def diagnosis_explorer(initial: tuple[int, int, int] = (1, 11, 0)):
    """A :class:`~course_lib.display.widgets.SliderFigure`: sliders for the train, dev and
    human error (whole percents) over the diagnosis bar, the regime, and the basic recipe in
    two columns (bias, then variance), black where its answer is yes and grey where it is no.
    The figure keeps one height for every position, filled by the two columns; their four
    looks are drawn once, up front."""
    from course_lib.display.plotting import DPI
    from course_lib.display.widgets import SliderFigure

    steps = _steps_placed(DPI)
    fig, ax, headline_y, top = _explorer_figure(
        max(p.shape[0] for _, step in steps for p in step.values()))
    train, dev, human = initial
    bars = diagnosis_bars(ax, train, dev, human)
    # The dev error itself, so that moving it always shows (below the training error the
    # variance part is empty).
    dev_mark = ax.plot([dev, dev], [-0.45, 0.45], color="black", lw=2, label="dev error")[0]
    ax.set_xlim(0, 42)
    ax.legend([*bars, dev_mark], [label for label, _ in _PARTS] + ["dev error"],
              loc="lower left", bbox_to_anchor=(0, 1.05), ncol=4, borderaxespad=0)
    headline = fig.text(_MARGIN / _W, headline_y / fig.bbox.height, " ", va="top",
                        fontsize=11, fontweight="bold")
    images = [fig.figimage(step[False], xo=x, yo=top - step[False].shape[0], origin="upper")
              for x, step in steps]

    def update(key: dict) -> None:
        d = set_diagnosis_bars(bars, key["train %"], key["dev %"], key["human %"])
        dev_mark.set_xdata([key["dev %"]] * 2)
        done = "" if d.high_bias or d.high_variance else f"  ({DONE.split(':')[0]})"
        headline.set_text(d.summary(say_why=False) + done)  # one line of the figure
        for image, (_, step), high in zip(images, steps, (d.high_bias, d.high_variance),
                                          strict=True):
            image.set_data(step[high])
            image.oy = top - step[high].shape[0]

    percents = list(range(0, 41))
    controls = {"train %": percents, "dev %": percents, "human %": list(range(0, 31))}
    initial_key = {"train %": train, "dev %": dev, "human %": human}
    update(initial_key)
    return SliderFigure(fig, controls, update, initial=initial_key,
                        animated=[*bars, dev_mark, headline, *images],
                        formats={name: (lambda v: f"{v} %") for name in controls})
