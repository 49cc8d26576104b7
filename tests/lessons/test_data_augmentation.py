"""Digits drawn in code and the augmentations: shapes, value ranges, exact inverses, labels."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.lessons import data_augmentation as augment


@pytest.fixture
def digits():
    return augment.draw_digits(range(10), np.random.default_rng(0))


def test_draw_shapes_values_and_ink(digits):
    assert digits.shape == (10, 12, 12)
    assert digits.dtype == float
    assert digits.min() >= 0.0 and digits.max() <= 1.0
    ink = digits.sum(axis=(1, 2))
    assert np.all(ink > 8) and np.all(ink < 0.6 * 144)  # strokes, not blank and not filled
    # The border row/column is nearly empty: the digit sits inside the canvas.
    assert digits[:, 0, :].sum() + digits[:, -1, :].sum() < 0.1 * digits.sum()
    assert augment.draw_digits([3], np.random.default_rng(0), size=20).shape == (1, 20, 20)


def test_draw_is_reproducible_and_varies(digits):
    again = augment.draw_digits(range(10), np.random.default_rng(0))
    np.testing.assert_array_equal(digits, again)
    other = augment.draw_digits(range(10), np.random.default_rng(1))
    assert not np.allclose(digits, other)
    fixed = augment.draw_digits([7, 7], np.random.default_rng(2), variation=0.0)
    np.testing.assert_allclose(fixed[0], fixed[1])


def test_digits_are_told_apart_by_their_templates():
    # Every noisy draw is closest to its own digit's template: the classes are well defined.
    templates = augment.draw_digits(range(10), np.random.default_rng(0), variation=0.0)
    labels = np.repeat(np.arange(10), 5)
    draws = augment.draw_digits(labels, np.random.default_rng(3), variation=0.5)
    dist = ((draws[:, None] - templates[None]) ** 2).sum(axis=(2, 3))
    assert np.mean(dist.argmin(axis=1) == labels) >= 0.9


def test_make_digits_labels_and_balance():
    images, Y = augment.make_digits(101, (1, 7), np.random.default_rng(0))
    assert images.shape == (101, 12, 12) and Y.shape == (1, 101)
    assert set(np.unique(Y)) == {0.0, 1.0}
    assert abs(Y.sum() - 50.5) <= 0.5
    with pytest.raises(ValueError):
        augment.make_digits(10, (1, 2, 3), np.random.default_rng(0))
    with pytest.raises(TypeError):
        augment.make_digits(10, (1, 7))
    with pytest.raises(ValueError):
        augment.draw_digits([10], np.random.default_rng(0))


def test_to_columns(digits):
    X = augment.to_columns(digits)
    assert X.shape == (144, 10)
    np.testing.assert_array_equal(X[:, 4].reshape(12, 12), digits[4])


def test_flips_are_involutions(digits):
    np.testing.assert_array_equal(augment.flip_horizontal(augment.flip_horizontal(digits)), digits)
    np.testing.assert_array_equal(augment.flip_vertical(augment.flip_vertical(digits)), digits)
    np.testing.assert_array_equal(augment.flip_horizontal(digits)[:, :, 0], digits[:, :, -1])
    assert not np.allclose(augment.flip_horizontal(digits[[3]]), digits[[3]])  # 3 is asymmetric


def test_shift_moves_and_undoes(digits):
    moved = augment.shift(digits, 1, -1)
    np.testing.assert_array_equal(moved[:, 1:, :-1], digits[:, :-1, 1:])
    assert np.all(moved[:, 0, :] == 0) and np.all(moved[:, :, -1] == 0)
    # Undo is exact when nothing fell off the edge.
    pad = np.zeros((10, 16, 16))
    pad[:, 2:14, 2:14] = digits
    np.testing.assert_array_equal(augment.shift(augment.shift(pad, 2, -2), -2, 2), pad)
    per_image = augment.shift(digits[:2], [1, 0], [0, 1])
    np.testing.assert_array_equal(per_image[0], augment.shift(digits[:1], 1, 0)[0])
    np.testing.assert_array_equal(per_image[1], augment.shift(digits[1:2], 0, 1)[0])
    assert np.all(augment.shift(digits[:1], 12, 0) == 0)


def test_rotate_identity_quarter_turns_and_inverse(digits):
    np.testing.assert_allclose(augment.rotate(digits, 0), digits, atol=1e-12)
    np.testing.assert_allclose(augment.rotate(digits, 90), np.rot90(digits, 1, axes=(1, 2)),
                               atol=1e-9)
    np.testing.assert_allclose(augment.rotate(digits, 180), digits[:, ::-1, ::-1], atol=1e-9)
    np.testing.assert_allclose(augment.rotate(digits, -90), np.rot90(digits, -1, axes=(1, 2)),
                               atol=1e-9)
    # A small rotation and back only blurs a little (two bilinear resamplings): much less
    # change than a one-pixel shift, and the ink is kept.
    back = augment.rotate(augment.rotate(digits, 10), -10)
    one_pixel = np.abs(augment.shift(digits, 0, 1) - digits).mean()
    assert np.abs(back - digits).mean() < 0.5 * one_pixel
    assert back.sum() == pytest.approx(digits.sum(), rel=0.05)
    r = augment.rotate(digits, np.linspace(-20, 20, 10))
    assert r.shape == digits.shape and r.min() >= 0 and r.max() <= 1 + 1e-12


def test_rotation_turns_a_6_into_a_9():
    six = augment.draw_digits([6], np.random.default_rng(0), variation=0.0)
    nine = augment.draw_digits([9], np.random.default_rng(0), variation=0.0)
    turned = augment.rotate(six, 180)
    assert np.sum((turned - nine) ** 2) < np.sum((six - nine) ** 2)


def test_warp_integer_offsets_equal_shift(digits):
    ys, xs = np.mgrid[0:12, 0:12].astype(float)
    src_y = np.broadcast_to(ys - 1, digits.shape)
    src_x = np.broadcast_to(xs + 2, digits.shape)
    np.testing.assert_allclose(augment.warp(digits, src_y, src_x), augment.shift(digits, 1, -2),
                               atol=1e-12)


def test_elastic(digits):
    rng = np.random.default_rng(0)
    np.testing.assert_array_equal(augment.elastic(digits, rng, alpha=0), digits)
    d = augment.elastic(digits, np.random.default_rng(0), alpha=1.5)
    assert d.shape == digits.shape and d.min() >= 0 and d.max() <= 1 + 1e-12
    assert not np.allclose(d, digits)
    # A mild distortion keeps most of the ink and keeps the image close to the original.
    assert 0.8 < d.sum() / digits.sum() < 1.2
    assert np.abs(d - digits).mean() < np.abs(augment.rotate(digits, 90) - digits).mean()
    np.testing.assert_array_equal(d, augment.elastic(digits, np.random.default_rng(0), alpha=1.5))


def test_augment_keeps_originals_and_labels(digits):
    Y = np.arange(10, dtype=float).reshape(1, 10)
    out, labels = augment.augment(digits, Y, np.random.default_rng(0), copies=3)
    assert out.shape == (40, 12, 12) and labels.shape == (1, 40)
    np.testing.assert_array_equal(out[:10], digits)
    np.testing.assert_array_equal(labels, np.tile(Y, 4))
    assert out.min() >= 0 and out.max() <= 1
    assert not np.allclose(out[10:20], digits)
    # Mild variants stay closer to their own original than to the other digits.
    copies = augment.augment(digits, Y, np.random.default_rng(0), copies=1, max_shift=0,
                             max_degrees=5, alpha=0.5)[0][10:]
    dist = ((copies[:, None] - digits[None]) ** 2).sum(axis=(2, 3))
    assert np.mean(dist.argmin(axis=1) == np.arange(10)) >= 0.8


def test_augment_with_flip_mirrors_some():
    three = np.repeat(augment.draw_digits([3], np.random.default_rng(0), variation=0.0), 40, 0)
    Y = np.zeros((1, 40))
    plain, _ = augment.augment(three, Y, np.random.default_rng(1), copies=1, max_shift=0,
                               max_degrees=0, alpha=0)
    flipped, _ = augment.augment(three, Y, np.random.default_rng(1), copies=1, max_shift=0,
                                 max_degrees=0, alpha=0, flip=True)
    np.testing.assert_allclose(plain[40:], three, atol=1e-12)
    mirrored = [np.allclose(f, augment.flip_horizontal(three[:1])[0]) for f in flipped[40:]]
    assert 5 < sum(mirrored) < 35


def test_draw_digits_batches_like_one_at_a_time():
    many = augment.draw_digits([3, 8, 1, 0], np.random.default_rng(7))
    rng = np.random.default_rng(7)
    one_by_one = np.concatenate([augment.draw_digits([d], rng) for d in (3, 8, 1, 0)])
    np.testing.assert_allclose(many, one_by_one, atol=1e-12)
    assert augment.draw_digits([], np.random.default_rng(0)).shape == (0, 12, 12)


def test_transform_explorer_precomputes_every_frame():
    from course_lib.display import plotting

    five = augment.draw_digits([5], np.random.default_rng(4), variation=0.0)
    ex = augment.transform_explorer(five, degrees=[-15, 0, 15], shifts=[0, 1],
                                    alphas=[0.0, 1.0], initial={"rotate": 0})
    assert ex.key == {"rotate": 0, "shift x": 0, "elastic": 0.0}
    still = ex.frame()
    assert ex.set(rotate=15) != still and ex.set(rotate=0) is still
    assert not plotting.figure_problems(ex.fig, tight=False)


def test_experiment_reports_a_dev_error_per_condition():
    errors = augment.experiment(0, m_dev=100, num_iterations=20)
    assert list(errors) == list(augment.CONDITIONS)
    assert all(0.0 <= e <= 1.0 for e in errors.values())


def test_transform_explorer_draws_sharp_pixel_blocks():
    """Each image pixel is a uniform ``ZOOM`` x ``ZOOM`` block of the frame (no resampling by
    matplotlib, no upscaling by the browser: the figure fits the notebook column), and the
    frame of the transformed panel stays drawn over the image."""
    import io

    from PIL import Image

    from course_lib.display import plotting

    five = augment.draw_digits([5], np.random.default_rng(4), variation=0.0)
    ex = augment.transform_explorer(five, initial={"rotate": 15, "shift x": 1, "elastic": 0.5})
    gray = np.asarray(Image.open(io.BytesIO(ex.frame())).convert("L")).astype(int)
    height, width = gray.shape
    assert width <= plotting.COLUMN_PX - 60
    side, top = 12 * augment.ZOOM, height - augment.MARGIN - 12 * augment.ZOOM
    for left in (augment.MARGIN, augment.MARGIN + side + augment.GAP):
        panel = gray[top:top + side, left:left + side]
        blocks = panel.reshape(12, augment.ZOOM, 12, augment.ZOOM)[:, 2:-2, :, 2:-2]
        assert np.ptp(blocks, axis=(1, 3)).max() == 0, "a pixel block is not uniform"
        rows, cols = gray[top - 2:top + side + 2, left + 4:left + side - 4], \
            gray[top + 4:top + side - 4, left - 2:left + side + 2].T
        for lines in (rows[:4], rows[-4:], cols[:4], cols[-4:]):  # about each edge
            assert lines.max(axis=1).min() < 100, "a side of the panel's frame is hidden"
    # Without the bend, the right panel is the turned and shifted digit, block for block.
    png = ex.set(elastic=0.0)
    gray = np.asarray(Image.open(io.BytesIO(png)).convert("L")).astype(int)
    shown = gray[top + 2:top + side - 2, left + 2:left + side - 2]
    frame = np.clip(augment.shift(augment.rotate(five, 15), 0, 1)[0], 0, 1)
    expected = 255 * (1 - np.kron(frame, np.ones((augment.ZOOM, augment.ZOOM))))
    assert np.abs(shown - expected[2:-2, 2:-2]).max() <= 2  # gray_r: ink 1 is black


def test_explorer_frames_read_the_original_once():
    """The explorer's turn and bend are composed: without a bend a frame is exactly
    :func:`rotate`, and with one it keeps more ink than turning, then bending (two bilinear
    readings: the same ink, spread over fewer pixels)."""
    five = augment.draw_digits([5], np.random.default_rng(4), variation=0.0)
    frames = augment._explorer_frames(five, [-30, 15], [0, 2], [0.0, 0.5], seed=0)
    for degrees in (-30, 15):
        turned = np.clip(augment.rotate(five, degrees)[0], 0, 1)
        np.testing.assert_allclose(frames[(degrees, 0, 0.0)], turned, atol=1e-12)
        np.testing.assert_allclose(frames[(degrees, 2, 0.0)],
                                   augment.shift(turned[None], 0, 2)[0], atol=1e-12)
    twice = augment.elastic(augment.rotate(np.repeat(five, 2, axis=0), [-30, 15]),
                            np.random.default_rng(0), alpha=0.5)
    for i, degrees in enumerate((-30, 15)):
        once = frames[(degrees, 0, 0.5)]
        assert abs(once.sum() - twice[i].sum()) < 0.02 * once.sum()  # the same ink ...
        assert (once**2).sum() > 1.08 * (twice[i] ** 2).sum()  # ... less spread out
