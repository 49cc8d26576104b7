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
