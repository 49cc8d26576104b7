"""The self-check helper: right answers pass, wrong ones fail, and the stored answers agree with
the course's own helpers and with the notebooks that ask the questions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from course_lib.display import selfcheck
from course_lib.lessons import bias_variance as diagnosis
from course_lib.lessons import train_dev_test as splits

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"

# The plain answers; selfcheck._BLOB must encode exactly this.
ANSWERS = {
    "tdt_dev_size": {"kind": "number", "value": 10000, "tol": 0.5},
    "tdt_test_size": {"kind": "number", "value": 1000, "tol": 0.5},
    "tdt_name": {"kind": "choice", "accept": [
        "dev", "dev set", "a dev set", "the dev set", "development set", "development",
        "hold-out", "holdout", "hold-out set", "hold-out cross validation set",
        "hold-out cross-validation set", "cross validation set", "cross-validation set",
        "validation set", "validation"]},
    "tdt_optimistic": {"kind": "choice", "accept": ["b", "(b)", "optimistic"]},
    "mm_target": {"kind": "choice", "accept": ["b", "(b)", "app"]},
    "mm_same": {"kind": "bool", "value": False},
    "bv_case_a": {"kind": "choice", "accept": ["high bias"]},
    "bv_case_b": {"kind": "choice", "accept": ["low bias and low variance",
                                               "low variance and low bias"]},
    "bv_case_c": {"kind": "choice", "accept": ["high variance"]},
    "bv_more_data": {"kind": "bool", "value": False},
    "aug_flip_digits": {"kind": "bool", "value": False},
    "aug_rotation": {"kind": "number", "value": 180, "tol": 0.5, "modulo": 360},
    "aug_worth": {"kind": "choice", "accept": ["b", "(b)", "less", "less than"]},
    "es_pick": {"kind": "choice", "accept": ["b", "(b)", "dev cost", "the dev cost"]},
    "es_coupled": {"kind": "choice", "accept": ["early stopping"]},
    "tdt_two_models": {"kind": "bool", "value": False},
    "tdt_dev_needed": {"kind": "number", "value": 10000, "tol": 1000},
    "mm_shuffled_share": {"kind": "number", "value": 119, "tol": 12},
    "bv_focus": {"kind": "choice", "accept": ["bias", "avoidable bias", "the bias"]},
    "bv_curve": {"kind": "bool", "value": True},
    "aug_which_error": {"kind": "choice", "accept": ["variance", "the variance"]},
    "es_longer": {"kind": "bool", "value": False},
    "wr_l1_weight": {"kind": "number", "value": 0, "tol": 0.01},
    "wr_l2_weight": {"kind": "number", "value": 0.278, "tol": 0.01},
}

# The numbers in the bias/variance questions (train, dev, human error) and the regime each
# question expects; the diagnosis helper must agree.
BV_CASES = {"bv_case_a": (0.05, 0.06, 0.0), "bv_case_b": (0.15, 0.16, 0.15),
            "bv_case_c": (0.02, 0.09, 0.01)}


def test_blob_encodes_the_answers():
    assert selfcheck._answers() == ANSWERS, "paste selfcheck._encode(ANSWERS) into _BLOB"
    assert json.loads(selfcheck._decode(selfcheck._encode(ANSWERS))) == ANSWERS


def test_every_question_has_a_hint_and_an_explanation():
    for qid in selfcheck.questions():
        assert selfcheck.HINTS.get(qid), qid
        assert selfcheck.EXPLANATIONS.get(qid), qid


@pytest.mark.parametrize("qid,right,wrong", [
    ("tdt_dev_size", 10_000, 1_000),
    ("tdt_dev_size", "10,000", "100000"),
    ("tdt_dev_size", np.int64(10_000), 10_001),
    ("tdt_name", "  Dev Set. ", "test set"),
    ("tdt_optimistic", "B", "a"),
    ("mm_same", False, True),
    ("mm_same", "no", "yes"),
    ("bv_more_data", np.bool_(False), np.bool_(True)),
    ("aug_rotation", -180, 90),
    ("aug_rotation", 540, 0),
    ("es_coupled", "Early stopping", "l2"),
])
def test_right_passes_wrong_fails(qid, right, wrong):
    assert selfcheck.is_correct(qid, right) is True
    assert selfcheck.is_correct(qid, wrong) is False


def test_garbage_is_wrong_not_an_error():
    for value in ("", "ten thousand", float("nan"), [1, 2], {"a": 1}, True):
        assert selfcheck.is_correct("tdt_dev_size", value) is False
    assert selfcheck.is_correct("mm_same", "maybe") is False


def test_answer_prints_and_returns(capsys):
    assert selfcheck.answer("tdt_test_size", 1000) is True
    assert "Correct" in capsys.readouterr().out
    assert selfcheck.answer("tdt_test_size", 999) is False
    assert "Hint" in capsys.readouterr().out
    assert selfcheck.answer("tdt_test_size", None) is None
    assert "not answered yet" in capsys.readouterr().out


def test_unknown_question_fails_loudly():
    with pytest.raises(KeyError):
        selfcheck.answer("no_such_question", 1)
    with pytest.raises(KeyError):
        selfcheck.answer("no_such_question", None)


def test_answers_agree_with_the_helpers():
    assert selfcheck.is_correct("tdt_dev_size", splits.split_sizes(1_000_000, splits.BIG_DATA)[1])
    assert selfcheck.is_correct("tdt_test_size", splits.split_sizes(5_000, splits.CLASSICAL)[2])
    for qid, (train, dev, human) in BV_CASES.items():
        assert selfcheck.is_correct(qid, diagnosis.diagnose(train, dev, human).regime), qid
    # High bias, low variance: the recipe does not say "more data".
    advice = diagnosis.diagnose(0.15, 0.16).advice
    assert selfcheck.is_correct("bv_more_data", "more data" in advice)


def test_reasoning_answers_follow_from_their_numbers():
    """Each reasoning question's answer, worked out from the numbers the question gives."""
    stderr = np.sqrt(0.91 * 0.09 / 500)
    assert selfcheck.is_correct("tdt_two_models", bool(0.918 - 0.910 > 2 * stderr))
    assert selfcheck.is_correct("tdt_dev_needed", round(0.9 * 0.1 / 0.003**2))
    assert selfcheck.is_correct("mm_shuffled_share", 2_500 * 10_000 / 210_000)
    focus = diagnosis.diagnose(0.08, 0.11, 0.02)
    assert focus.regime == "high bias and high variance"  # as the question says
    assert selfcheck.is_correct("bv_focus", focus.focus)
    gap_1000, gap_2000 = 0.12 - 0.03, 0.09 - 0.04
    assert selfcheck.is_correct("bv_curve", gap_2000 < gap_1000 and 0.04 - 0.02 <= 0.02)
    assert selfcheck.is_correct("aug_which_error", "variance")
    a, lam = 0.5, 0.8  # 06_why_regularization_works: one weight, L1 and L2
    assert selfcheck.is_correct("wr_l1_weight", np.sign(a) * max(abs(a) - lam, 0))
    assert selfcheck.is_correct("wr_l2_weight", a / (1 + lam))


def test_every_notebook_asks_for_reasoning():
    assert selfcheck.REASONING <= set(selfcheck.questions())
    for name, text in _notebook_sources():
        asked = set(re.findall(r'selfcheck\.answer\("([a-z0-9_]+)"', text))
        assert asked & selfcheck.REASONING, f"{name} asks only for recall"


def _notebook_sources():
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = json.loads(path.read_text())
        yield path.name, "\n".join("".join(c["source"]) for c in nb["cells"])


def test_notebooks_ask_only_known_questions_and_all_of_them():
    asked = {}
    for name, text in _notebook_sources():
        for qid in re.findall(r'selfcheck\.answer\("([a-z0-9_]+)"', text):
            asked[qid] = name
    assert asked, "no notebook uses selfcheck"
    assert set(asked) <= set(selfcheck.questions()), set(asked) - set(selfcheck.questions())
    assert set(selfcheck.questions()) <= set(asked), set(selfcheck.questions()) - set(asked)


def test_bias_variance_numbers_in_the_notebook_match():
    text = dict(_notebook_sources()).get("03_bias_variance.ipynb", "")
    for qid, (train, dev, human) in BV_CASES.items():
        line = next(ln for ln in text.splitlines() if f"`{qid}`" in ln)
        pct = [f"{100 * v:g} %" for v in (train, dev, human)]
        assert all(p in line for p in pct), (qid, line, pct)
