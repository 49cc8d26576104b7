"""Plain data crosses from student code to a judge as JSON: no pickle, no code."""

from __future__ import annotations

import json

import numpy as np
import pytest

from course_lib.core import plain


def test_round_trip_keeps_types_shapes_and_values():
    value = {"W1": np.arange(6, dtype=np.float32).reshape(2, 3), "n": 3, "x": 0.1,
             "t": (np.float64(2.5), [True, None, "s"]), "mask": np.array([[True, False]]),
             "nan": float("nan"), "err": plain.CallError("ValueError", "bad")}
    back = plain.loads(plain.dumps(value))
    assert back["W1"].dtype == np.float32 and back["W1"].shape == (2, 3)
    np.testing.assert_array_equal(back["W1"], value["W1"])
    assert back["n"] == 3 and back["x"] == 0.1
    assert isinstance(back["t"], tuple) and back["t"][0].shape == () and back["t"][1] == [
        True, None, "s"]
    assert back["mask"].dtype == bool
    assert np.isnan(back["nan"])
    assert back["err"] == plain.CallError("ValueError", "bad")


def test_objects_become_unsupported_markers():
    back = plain.loads(plain.dumps({"f": lambda: 1, "o": np.array([object()]), 1: 2}))
    assert back == plain.Unsupported("dict with a int key")
    back = plain.loads(plain.dumps([print, np.array(["a"])]))
    assert back[0] == plain.Unsupported("builtin_function_or_method")
    assert isinstance(back[1], plain.Unsupported)


@pytest.mark.parametrize("text", [
    '{"__array__": {"dtype": "|O", "shape": [1], "data": ""}}',
    '{"__pickle__": "gASV"}',
    '{"a": 1, "b": 2}',
    "[" * 50 + "]" * 50,
    '{"__array__": {"dtype": "<f8", "shape": [3], "data": "AAAA"}}',
])
def test_malformed_or_dangerous_input_is_refused(text):
    with pytest.raises((ValueError, RecursionError)):
        plain.loads(text)


def test_dumps_is_json():
    assert json.loads(plain.dumps({"a": np.zeros((1, 1))}))["__dict__"]["a"]["__array__"]


# --------------------------------------------------------------------------- fuzzing loads
# Whatever a forged probe result holds, plain.loads raises ValueError and nothing else: the
# trusted grader turns that into a failed check with a reason (never an unhandled error).

import itertools  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

TAGS = ("__float__", "__array__", "__error__", "__unsupported__", "__tuple__", "__dict__",
        "__pickle__", "", "__ARRAY__")
ODD = [None, True, 0, -1, 2**80, 1e308, "", "x" * 5000, [], [1], ["a"], ["a", "b", "c"],
       {}, {"a": 1}, {"dtype": "<f8"}, {"dtype": "<f8", "shape": [1]},
       {"dtype": "<f8", "shape": "1", "data": ""}, {"dtype": "<f8", "shape": [-1], "data": ""},
       {"dtype": "<f8", "shape": [2**62, 2**62], "data": ""},
       {"dtype": "<f8", "shape": [True], "data": "AAAAAAAAAAA="},
       {"dtype": "f8,i4", "shape": [1], "data": "AAAAAAAAAAAAAAAA"},
       {"dtype": "(2,)f8", "shape": [1], "data": ""}, {"dtype": None, "shape": [], "data": ""},
       {"dtype": "<f8", "shape": [1], "data": "not base64!"},
       {"dtype": [], "shape": [], "data": ""}]


def _loads_or_value_error(text):
    try:
        plain.loads(text)
    except ValueError:
        pass


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(TAGS) | st.text(max_size=8), inner, max_size=3),
    max_leaves=30)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_loads_of_random_json_raises_only_value_error(value):
    _loads_or_value_error(json.dumps(value))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(TAGS), st.sampled_from(ODD), st.integers(0, 12))
def test_loads_of_tagged_values_of_the_wrong_type_raises_only_value_error(tag, value, depth):
    obj = {tag: value}
    for _ in range(depth):
        obj = {"__dict__": {"outputs": obj}}
    _loads_or_value_error(json.dumps(obj))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_loads_of_random_text_raises_only_value_error(text):
    _loads_or_value_error(text)


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000, '{"__tuple__": ' * 5000 + "[]" + "}" * 5000,
    "1" + "0" * 5000, "1e999999", "-1e999999", "NaN", "[NaN, Infinity, -Infinity]",
    '"' + "x" * 5_000_000 + '"', '{"\\ud800": 1}', '{"__dict__": {"\\u0000": [1]}}',
    '{"__dict__": {"a": 1}, "__tuple__": []}', b'{"__float__": "1.5"}', None, 3, [],
])
def test_loads_of_adversarial_json_raises_only_value_error(text):
    _loads_or_value_error(text)


def test_every_tag_with_every_odd_value_raises_only_value_error():
    for tag, value in itertools.product(TAGS, ODD):
        _loads_or_value_error(json.dumps({"__dict__": {"outputs": {tag: value}}}))


plain_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**62, 2**62) | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.builds(lambda xs: np.array(xs, dtype=np.float64), st.lists(st.floats(), max_size=6)),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=20)


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(
            a, b, equal_nan=True)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@settings(max_examples=200, deadline=None)
@given(plain_values)
def test_round_trip_of_random_plain_data(value):
    assert _same(value, plain.loads(plain.dumps(value)))


# --------------------------------------------------------------------------- round_trip
# plain.round_trip skips base64 for checks run in one process; it must give what
# loads(dumps(x)) gives, type for type and byte for byte, whatever student code returned.

class _Int(int):
    pass


class _Float(float):
    def __repr__(self):
        return "1.5"


class _Str(str):
    pass


def _identical(a, b) -> bool:
    """The same types all the way down, arrays with the same dtype, shape and bytes, floats
    with the same repr (nan, -0.0), containers in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return (a.dtype.str == b.dtype.str and a.shape == b.shape
                and a.flags.c_contiguous == b.flags.c_contiguous and a.tobytes() == b.tobytes())
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(map(_identical, a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_identical(a[k], b[k]) for k in a)
    if isinstance(a, float):
        return repr(a) == repr(b)
    return a == b


_arrays = st.sampled_from(["<f8", ">f8", "<f4", "<i8", "|i1", "<u2", "|b1", "<c16", "<U3",
                           "|O"]).flatmap(lambda dtype: st.builds(
    lambda xs, view: view(np.array(xs).astype(dtype)),
    st.lists(st.integers(-3, 3), min_size=0, max_size=12),
    st.sampled_from([lambda a: a, lambda a: a[::2], lambda a: a.reshape(-1, 1).T,
                     lambda a: np.asarray(a[0]) if a.size else a])))
_scalars = st.sampled_from([np.float64(0.1), np.float32(-0.0), np.int16(7), np.bool_(True),
                            np.complex64(1j), _Int(3), _Float(2.0), _Str("s"), 2**70,
                            -2**63, float("nan"), float("-inf"), -0.0, print, object()])
odd_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | _arrays
    | _scalars | st.builds(plain.CallError, st.text(max_size=5), st.text(max_size=5)),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=4) | st.integers(0, 2), inner, max_size=3),
    max_leaves=25)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_values)
def test_round_trip_is_loads_of_dumps(value):
    assert _identical(plain.round_trip(value), plain.loads(plain.dumps(value)))


def test_round_trip_is_loads_of_dumps_deep_and_large():
    deep = [1.5]
    for _ in range(plain.MAX_DEPTH + 3):
        deep = (deep, {"k": deep})
    big = {"W": np.random.default_rng(0).standard_normal((300, 200)), "deep": deep}
    assert _identical(plain.round_trip(big), plain.loads(plain.dumps(big)))
    assert _identical(plain.round_trip(deep), plain.loads(plain.dumps(deep)))


def test_identical_can_tell_apart():
    assert not _identical(np.zeros(2), np.zeros(2, dtype=np.float32))
    assert not _identical((1,), [1]) and not _identical(-0.0, 0.0)
    assert not _identical(_Int(1), 1) and _identical(float("nan"), float("nan"))
