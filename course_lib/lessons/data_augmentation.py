"""Digit-like images drawn in code, and the data augmentations of the chapter.

Images are stacks of shape ``(m, h, w)`` with values in ``[0, 1]`` (ink = 1); the network wants
columns, so :func:`to_columns` turns a stack into ``X`` of shape ``(h * w, m)``. Nothing is
downloaded: :func:`make_digits` draws each digit as a few pen strokes with a random pen width,
size, slant, tilt, position and a little hand tremor, so two draws of the same digit differ the
way two people's handwriting does.

Augmentations take a stack and return a new stack of the same shape:
:func:`flip_horizontal`, :func:`flip_vertical`, :func:`shift` (whole pixels, zero fill),
:func:`rotate` (degrees, about the image centre, bilinear), :func:`elastic` (a smooth random
displacement field) and :func:`augment`, which makes random copies with all of these.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "DIGIT_STROKES", "draw_digits", "make_digits", "to_columns", "flip_horizontal",
    "flip_vertical", "shift", "warp", "rotate", "elastic", "augment", "DIGITS", "VARIATION",
    "ORIGINALS", "COPIES", "CONDITIONS", "experiment", "transform_explorer",
]


# --- drawing --------------------------------------------------------------------------------

def _arc(cx, cy, rx, ry, a0, a1, n=9):
    """Points of an elliptic arc in the unit box (u right, v down), angles in degrees,
    counter-clockwise as seen on screen."""
    a = np.radians(np.linspace(a0, a1, n))
    return np.column_stack([cx + rx * np.cos(a), cy - ry * np.sin(a)])


def _line(*points):
    return np.array(points, dtype=float)


# Each digit is a list of polylines in a unit box: u from left (0) to right (1), v from top (0)
# to bottom (1).
DIGIT_STROKES: dict[int, list[np.ndarray]] = {
    0: [_arc(0.5, 0.5, 0.42, 0.5, 0, 360, 17)],
    1: [_line((0.25, 0.25), (0.55, 0.0), (0.55, 1.0))],
    2: [np.vstack([_arc(0.5, 0.3, 0.45, 0.3, 160, -30, 9), _line((0.0, 1.0), (1.0, 1.0))])],
    3: [_arc(0.48, 0.25, 0.42, 0.25, 150, -90, 10), _arc(0.48, 0.73, 0.48, 0.27, 90, -150, 11)],
    4: [_line((0.72, 1.0), (0.72, 0.0), (0.0, 0.68), (1.0, 0.68))],
    5: [np.vstack([_line((0.95, 0.0), (0.12, 0.0), (0.05, 0.45)),
                   _arc(0.48, 0.68, 0.47, 0.31, 135, -150, 11)])],
    6: [np.vstack([_arc(0.62, 0.45, 0.55, 0.45, 70, 180, 6),
                   _arc(0.5, 0.7, 0.43, 0.3, 180, 540, 15)])],
    7: [_line((0.0, 0.0), (1.0, 0.0), (0.35, 1.0))],
    8: [_arc(0.5, 0.24, 0.36, 0.24, -90, 270, 13), _arc(0.5, 0.73, 0.45, 0.27, 90, 450, 15)],
    9: [np.vstack([_arc(0.5, 0.3, 0.43, 0.3, 0, 360, 15),
                   _line((0.93, 0.3), (0.9, 1.0))])],
}


def _segments(strokes):
    """All pen segments of a digit as two arrays of start and end points, each ``(k, 2)``."""
    starts = np.vstack([s[:-1] for s in strokes])
    ends = np.vstack([s[1:] for s in strokes])
    return starts, ends


def _render(starts, ends, widths, size):
    """Anti-aliased ink of segments on size x size grids, one image per row: ``starts`` and
    ``ends`` are ``(m, k, 2)`` pixel coordinates (x right, y down; rows padded with segments
    far outside the grid), ``widths (m,)`` pen widths. Returns ``(m, size, size)``."""
    ys, xs = np.mgrid[0:size, 0:size]
    px, py = xs.reshape(1, -1, 1).astype(float), ys.reshape(1, -1, 1).astype(float)  # 1, p, 1
    ax, ay = starts[:, None, :, 0], starts[:, None, :, 1]  # (m, 1, k)
    bx, by = ends[:, None, :, 0] - ax, ends[:, None, :, 1] - ay
    t = ((px - ax) * bx + (py - ay) * by) / np.maximum(bx * bx + by * by, 1e-12)
    np.clip(t, 0.0, 1.0, out=t)
    dx, dy = px - ax - t * bx, py - ay - t * by
    d = np.sqrt((dx * dx + dy * dy).min(axis=2))  # (m, p): distance to the nearest segment
    ink = np.clip(widths[:, None] / 2 + 0.5 - d, 0.0, 1.0)
    return ink.reshape(-1, size, size)


def _pen_path(digit: int, rng: np.random.Generator, size: int, v: float):
    """One digit's segments in pixel coordinates and its pen width, with the random size,
    aspect, slant, tilt, offset, width and tremor of a hand (``v`` scales them)."""
    starts, ends = _segments(DIGIT_STROKES[digit])
    scale = 0.72 * size * (1 + v * rng.uniform(-0.12, 0.08))
    aspect = 0.62 * (1 + v * rng.uniform(-0.15, 0.15))
    slant = v * rng.uniform(-0.25, 0.25)
    tilt = np.radians(v * rng.uniform(-10, 10))
    offset = v * rng.uniform(-1.0, 1.0, size=2)
    width = 1.25 + v * rng.uniform(-0.35, 0.55)
    c, s = np.cos(tilt), np.sin(tilt)
    M = np.array([[c, -s], [s, c]]) @ np.array([[aspect, -slant], [0.0, 1.0]]) * scale
    pts = np.vstack([starts, ends]) - 0.5
    pts = pts + v * rng.normal(0.0, 0.025, size=pts.shape)  # tremor
    pts = pts @ M.T + (size - 1) / 2 + offset
    k = len(starts)
    return pts[:k], pts[k:], width


def draw_digits(labels: Sequence[int], rng: np.random.Generator, size: int = 12,
                variation: float = 1.0) -> np.ndarray:
    """Draw one image per label: returns ``(m, size, size)`` floats in ``[0, 1]``.

    ``variation`` scales every random choice (pen width, size, slant, tilt, offset, tremor):
    0 draws every instance of a digit identically, centred; 1 is ordinary handwriting.
    """
    labels = np.asarray(labels, dtype=int).ravel()
    if labels.size and (labels.min() < 0 or labels.max() > 9):
        raise ValueError("labels must be digits 0..9")
    paths = [_pen_path(int(digit), rng, size, float(variation)) for digit in labels]
    k = max((len(a) for a, _, _ in paths), default=1)
    starts = np.full((labels.size, k, 2), 1e6)  # padding: far from every pixel
    ends = np.full((labels.size, k, 2), 1e6)
    for i, (a, b, _) in enumerate(paths):
        starts[i, :len(a)], ends[i, :len(b)] = a, b
    widths = np.array([w for _, _, w in paths])
    chunks = [_render(starts[i:i + 200], ends[i:i + 200], widths[i:i + 200], size)
              for i in range(0, labels.size, 200)]
    return np.concatenate(chunks) if chunks else np.empty((0, size, size))


def make_digits(m: int, digits: Sequence[int] = (3, 8), rng: np.random.Generator | None = None,
                size: int = 12, variation: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """``m`` handwritten-looking images of the two ``digits`` for a binary classifier.

    Returns ``(images, Y)``: ``images (m, size, size)`` and ``Y (1, m)`` with ``1.0`` for
    ``digits[1]`` and ``0.0`` for ``digits[0]``; classes alternate before shuffling, so they are
    balanced to within one example.
    """
    if rng is None:
        raise TypeError("pass rng=np.random.default_rng(seed)")
    if len(digits) != 2:
        raise ValueError("digits must name two digits, e.g. (3, 8)")
    Y = (np.arange(m) % 2).astype(float)
    Y = Y[rng.permutation(m)]
    labels = np.where(Y == 1.0, digits[1], digits[0])
    return draw_digits(labels, rng, size=size, variation=variation), Y.reshape(1, m)


def to_columns(images: np.ndarray) -> np.ndarray:
    """A stack ``(m, h, w)`` as the network's input ``X (h * w, m)``, one image per column."""
    m = images.shape[0]
    return images.reshape(m, -1).T.copy()


# --- augmentations --------------------------------------------------------------------------

def flip_horizontal(images: np.ndarray) -> np.ndarray:
    """Mirror left-right. Fine for cats; for digits it usually makes a non-digit."""
    return images[:, :, ::-1].copy()


def flip_vertical(images: np.ndarray) -> np.ndarray:
    """Mirror top-bottom."""
    return images[:, ::-1, :].copy()


def shift(images: np.ndarray, dy, dx) -> np.ndarray:
    """Move each image by whole pixels (``dy`` down, ``dx`` right; scalars or one per image);
    pixels that come in from outside are 0."""
    m, h, w = images.shape
    dy = np.broadcast_to(np.asarray(dy, dtype=int), (m,))
    dx = np.broadcast_to(np.asarray(dx, dtype=int), (m,))
    out = np.zeros_like(images)
    for i in range(m):
        a, b = int(dy[i]), int(dx[i])
        if abs(a) >= h or abs(b) >= w:
            continue
        out[i, max(a, 0):h + min(a, 0), max(b, 0):w + min(b, 0)] = \
            images[i, max(-a, 0):h + min(-a, 0), max(-b, 0):w + min(-b, 0)]
    return out


def warp(images: np.ndarray, src_y: np.ndarray, src_x: np.ndarray) -> np.ndarray:
    """Resample: output pixel ``(i, y, x)`` is the input read at ``(src_y, src_x)[i, y, x]``
    with bilinear interpolation, 0 outside the image. ``src_y, src_x`` have shape ``(m, h, w)``.
    """
    m, h, w = images.shape
    padded = np.zeros((m, h + 2, w + 2))
    padded[:, 1:-1, 1:-1] = images
    y = np.clip(src_y + 1.0, 0.0, h + 1.0)
    x = np.clip(src_x + 1.0, 0.0, w + 1.0)
    y0 = np.clip(np.floor(y).astype(int), 0, h)
    x0 = np.clip(np.floor(x).astype(int), 0, w)
    fy, fx = y - y0, x - x0
    idx = np.arange(m)[:, None, None]
    top = padded[idx, y0, x0] * (1 - fx) + padded[idx, y0, x0 + 1] * fx
    bottom = padded[idx, y0 + 1, x0] * (1 - fx) + padded[idx, y0 + 1, x0 + 1] * fx
    return top * (1 - fy) + bottom * fy


def _turned_sources(ys: np.ndarray, xs: np.ndarray, degrees, h: int, w: int):
    """Where rotating an ``h x w`` image counter-clockwise by ``degrees`` about its centre
    reads the pixels it puts at ``(ys, xs)`` (arrays ``(m, h, w)``; ``degrees`` a scalar or
    ``(m,)``): ``(src_y, src_x)``, each ``(m, h, w)``."""
    m = ys.shape[0]
    a = np.radians(np.broadcast_to(np.asarray(degrees, dtype=float), (m,)))[:, None, None]
    cy, cx = (h - 1) / 2, (w - 1) / 2
    ys, xs = ys - cy, xs - cx
    # Inverse map: rotating the output grid clockwise finds where each pixel came from
    # (y grows downwards, so counter-clockwise on screen is +a with this sign convention).
    return np.sin(a) * xs + np.cos(a) * ys + cy, np.cos(a) * xs - np.sin(a) * ys + cx


def rotate(images: np.ndarray, degrees) -> np.ndarray:
    """Rotate each image counter-clockwise by ``degrees`` (a scalar or one per image) about its
    centre, bilinear, 0 outside. ``rotate(x, 90)`` equals ``np.rot90`` of each image."""
    m, h, w = images.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(float)
    ys, xs = np.broadcast_to(ys, (m, h, w)), np.broadcast_to(xs, (m, h, w))
    return warp(images, *_turned_sources(ys, xs, degrees, h, w))


def _blur_matrix(n: int, sigma: float) -> np.ndarray:
    """``(n, n)`` matrix whose product with a vector blurs it with a Gaussian of ``sigma``."""
    t = np.arange(n)
    return np.exp(-(t[:, None] - t[None, :]) ** 2 / (2 * sigma**2))


def _smooth(field: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian blur over the last two axes ``(h, w)`` (zero padding outside)."""
    h, w = field.shape[-2:]
    return _blur_matrix(h, sigma) @ field @ _blur_matrix(w, sigma).T


def _elastic_field(rng: np.random.Generator, shape: tuple[int, int, int], alpha: float,
                   sigma: float) -> np.ndarray:
    """Smooth random displacements ``(2, m, h, w)`` (rows, then columns) for ``shape = (m, h,
    w)``: white noise blurred with ``sigma`` pixels, scaled so each image's largest move is
    ``alpha`` pixels."""
    d = _smooth(rng.uniform(-1.0, 1.0, size=(2, *shape)), sigma)
    d *= alpha / np.maximum(np.abs(d).max(axis=(0, 2, 3), keepdims=True), 1e-12)
    return d


def elastic(images: np.ndarray, rng: np.random.Generator, alpha: float = 1.5,
            sigma: float = 2.0) -> np.ndarray:
    """Elastic-ish distortion: every pixel reads from a point displaced by a smooth random field
    (white noise blurred with ``sigma`` pixels, scaled so its largest move is ``alpha`` pixels).
    ``alpha = 0`` returns the images unchanged."""
    m, h, w = images.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(float)
    if alpha == 0:
        return images.copy()
    d = _elastic_field(rng, images.shape, alpha, sigma)
    return warp(images, ys[None] + d[0], xs[None] + d[1])


def augment(images: np.ndarray, Y: np.ndarray, rng: np.random.Generator, copies: int = 4, *,
            max_shift: int = 1, max_degrees: float = 12.0, alpha: float = 1.0,
            flip: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The originals followed by ``copies`` random variants of each: a shift of up to
    ``max_shift`` pixels, a rotation of up to ``max_degrees``, an elastic distortion of up to
    ``alpha`` pixels and, if ``flip``, a left-right mirror half of the time.

    ``images (m, h, w)``, ``Y (1, m)``; returns ``(m * (1 + copies), h, w)`` images and
    ``(1, m * (1 + copies))`` labels (a variant keeps the label of its original).
    """
    m = images.shape[0]
    out, labels = [images], [Y]
    for _ in range(copies):
        x = rotate(images, rng.uniform(-max_degrees, max_degrees, size=m))
        if alpha:
            x = elastic(x, rng, alpha=alpha)
        x = shift(x, rng.integers(-max_shift, max_shift + 1, size=m),
                  rng.integers(-max_shift, max_shift + 1, size=m))
        if flip:
            mirror = rng.uniform(size=m) < 0.5
            x[mirror] = flip_horizontal(x[mirror])
        out.append(np.clip(x, 0.0, 1.0))
        labels.append(Y)
    return np.concatenate(out), np.concatenate(labels, axis=1)


# --- the lecture's experiment and slider ---------------------------------------------------------

#: The experiment of ``notebooks/04_data_augmentation``: 3 versus 8 (label 1 for an 8), few
#: originals drawn with a sloppy hand, three kinds of extra training data of the same size.
DIGITS = (3, 8)
VARIATION = 1.2
ORIGINALS = 20
COPIES = 3
CONDITIONS = ("originals only", "+ augmented copies", "+ augmented, with flips",
              "+ new images")


def experiment(seed: int, *, m_dev: int = 1000, num_iterations: int = 400) -> dict[str, float]:
    """Dev error (a fraction) of a ``[144, 20, 1]`` network trained on each of
    ``CONDITIONS``, all from the same start: the ``ORIGINALS`` images alone, then with
    ``COPIES`` augmented copies of each (without and with left-right flips), then with as many
    new, independent images instead."""
    from course_lib.lessons import experiments

    rng = np.random.default_rng(seed)
    images, Y = make_digits(ORIGINALS, DIGITS, rng, variation=VARIATION)
    dev_images, Y_dev = make_digits(m_dev, DIGITS, rng, variation=VARIATION)
    new_images, Y_new = make_digits(ORIGINALS * COPIES, DIGITS, rng, variation=VARIATION)
    training = dict(zip(CONDITIONS, (
        (images, Y),
        augment(images, Y, rng, copies=COPIES),
        augment(images, Y, rng, copies=COPIES, flip=True),
        (np.concatenate([images, new_images]), np.hstack([Y, Y_new])),
    ), strict=True))
    X_dev = to_columns(dev_images)
    errors = {}
    for name, (imgs, labels) in training.items():
        parameters, _ = experiments.fit(to_columns(imgs), labels, [imgs[0].size, 20, 1],
                                        np.random.default_rng((seed, 1)), learning_rate=0.3,
                                        num_iterations=num_iterations,
                                        record_every=num_iterations)
        errors[name] = experiments.error(X_dev, Y_dev, parameters)
    return errors


def _explorer_frames(base: np.ndarray, degrees: list, shifts: list, alphas: list,
                     seed: int) -> dict:
    """``{(degrees, dx, alpha): (h, w) image}`` of ``base (1, h, w)``: turned, bent by the same
    random field (scaled to ``alpha`` pixels; one field per angle), then shifted. The turn and
    the bend are composed and read from ``base`` once: two bilinear readings in a row would
    soften a 12-pixel digit twice."""
    _, h, w = base.shape
    n = len(degrees)
    grid = np.mgrid[0:h, 0:w].astype(float)[:, None]  # (2, 1, h, w)
    field = _elastic_field(np.random.default_rng(seed), (n, h, w), 1.0, 2.0)  # largest move 1
    many = np.repeat(base, n, axis=0)
    frames = {}
    for alpha in alphas:
        ys, xs = grid + alpha * field
        bent = np.clip(warp(many, *_turned_sources(ys, xs, degrees, h, w)), 0.0, 1.0)
        for dx in shifts:
            frames.update({(d, dx, alpha): img
                           for d, img in zip(degrees, shift(bent, 0, dx), strict=True)})
    return frames


#: The explorer's layout, in pixels: each image pixel drawn as a ``ZOOM`` x ``ZOOM`` block (an
#: exact multiple, no resampling), two panels with ``GAP`` between them and ``MARGIN`` around.
ZOOM, GAP, MARGIN, TITLE = 30, 40, 20, 36


def _pixel_panels(size: int):
    """A figure with two square axes of ``size * ZOOM`` pixels at whole-pixel positions (so an
    ``interpolation="nearest"`` image fills whole blocks), ticks off."""
    from course_lib.display.plotting import DPI
    from course_lib.display.widgets import new_figure

    side = size * ZOOM
    width, height = 2 * (side + MARGIN) + GAP, side + TITLE + MARGIN
    fig = new_figure((width / DPI, height / DPI), dpi=DPI)
    fig.set_layout_engine("none")  # placed by hand, whatever pyplot's defaults
    axes = [fig.add_axes((left / width, MARGIN / height, side / width, side / height))
            for left in (MARGIN, MARGIN + side + GAP)]
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    return fig, axes


def transform_explorer(base: np.ndarray, *, degrees: Sequence[float] = range(-180, 181, 15),
                       shifts: Sequence[int] = range(-3, 4),
                       alphas: Sequence[float] = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0),
                       initial: dict | None = None, seed: int = 0):
    """A :class:`~course_lib.display.widgets.SliderFigure` of ``base (1, h, w)`` (square)
    beside its transform: a rotation, then an elastic distortion (the same random field,
    scaled to ``alpha`` pixels), then a shift. Every transformed image is computed up front;
    pixels are drawn as sharp ``ZOOM``-pixel blocks."""
    from course_lib.display.widgets import SliderFigure

    degrees, shifts, alphas = list(degrees), list(shifts), list(alphas)
    frames = _explorer_frames(base, degrees, shifts, alphas, seed)
    fig, axes = _pixel_panels(base.shape[1])
    style = {"cmap": "gray_r", "vmin": 0, "vmax": 1, "interpolation": "nearest"}
    axes[0].imshow(base[0], **style)
    axes[0].set_title("original")
    image = axes[1].imshow(base[0], **style)
    title = axes[1].set_title(" ")

    def update(key: dict) -> None:
        image.set_data(frames[(key["rotate"], key["shift x"], key["elastic"])])
        title.set_text(f"rotate {key['rotate']:g}°, shift {key['shift x']:+d} px, "
                       f"elastic {key['elastic']:g} px")

    controls = {"rotate": degrees, "shift x": shifts, "elastic": alphas}
    key = {"rotate": degrees[0], "shift x": shifts[0], "elastic": alphas[0]} | (initial or {})
    update(key)
    # The frame (spines) is drawn over the image, which would otherwise cover its edges.
    return SliderFigure(fig, controls, update, initial=key,
                        animated=[image, *axes[1].spines.values(), title],
                        formats={"rotate": lambda v: f"{v:g}°",
                                 "shift x": lambda v: f"{v:+d} px",
                                 "elastic": lambda v: f"{v:g} px"})
