"""Self-check exercises of the lecture notebooks: say whether an answer is right, no grading.

In a notebook::

    my_answer = None  # replace None with your answer
    selfcheck.answer("tdt_dev_size", my_answer)

prints whether the answer is right and, if it is, why; if not, a hint. ``None`` means "not
answered yet" and is not an error, so the notebooks run top to bottom untouched.

The expected answers are stored encoded (base64 of JSON) so that a glance at this file does
not give them away; nothing depends on it, it is a courtesy to the reader. To change them,
edit the dict passed to :func:`_encode` (see ``tests/display/test_selfcheck.py``, which holds the
plain answers and checks this blob against them) and paste the output into ``_BLOB``.
"""

from __future__ import annotations

import base64
import json
import math
from functools import cache

__all__ = ["answer", "is_correct", "questions", "HINTS", "EXPLANATIONS", "REASONING"]

_BLOB = (
    "eyJ0ZHRfZGV2X3NpemUiOnsia2luZCI6Im51bWJlciIsInZhbHVlIjoxMDAwMCwidG9sIjowLjV9LCJ0ZHRfdGVzdF9zaXpl"
    "Ijp7ImtpbmQiOiJudW1iZXIiLCJ2YWx1ZSI6MTAwMCwidG9sIjowLjV9LCJ0ZHRfbmFtZSI6eyJraW5kIjoiY2hvaWNlIiwi"
    "YWNjZXB0IjpbImRldiIsImRldiBzZXQiLCJhIGRldiBzZXQiLCJ0aGUgZGV2IHNldCIsImRldmVsb3BtZW50IHNldCIsImRl"
    "dmVsb3BtZW50IiwiaG9sZC1vdXQiLCJob2xkb3V0IiwiaG9sZC1vdXQgc2V0IiwiaG9sZC1vdXQgY3Jvc3MgdmFsaWRhdGlv"
    "biBzZXQiLCJob2xkLW91dCBjcm9zcy12YWxpZGF0aW9uIHNldCIsImNyb3NzIHZhbGlkYXRpb24gc2V0IiwiY3Jvc3MtdmFs"
    "aWRhdGlvbiBzZXQiLCJ2YWxpZGF0aW9uIHNldCIsInZhbGlkYXRpb24iXX0sInRkdF9vcHRpbWlzdGljIjp7ImtpbmQiOiJj"
    "aG9pY2UiLCJhY2NlcHQiOlsiYiIsIihiKSIsIm9wdGltaXN0aWMiXX0sIm1tX3RhcmdldCI6eyJraW5kIjoiY2hvaWNlIiwi"
    "YWNjZXB0IjpbImIiLCIoYikiLCJhcHAiXX0sIm1tX3NhbWUiOnsia2luZCI6ImJvb2wiLCJ2YWx1ZSI6ZmFsc2V9LCJidl9j"
    "YXNlX2EiOnsia2luZCI6ImNob2ljZSIsImFjY2VwdCI6WyJoaWdoIGJpYXMiXX0sImJ2X2Nhc2VfYiI6eyJraW5kIjoiY2hv"
    "aWNlIiwiYWNjZXB0IjpbImxvdyBiaWFzIGFuZCBsb3cgdmFyaWFuY2UiLCJsb3cgdmFyaWFuY2UgYW5kIGxvdyBiaWFzIl19"
    "LCJidl9jYXNlX2MiOnsia2luZCI6ImNob2ljZSIsImFjY2VwdCI6WyJoaWdoIHZhcmlhbmNlIl19LCJidl9tb3JlX2RhdGEi"
    "Onsia2luZCI6ImJvb2wiLCJ2YWx1ZSI6ZmFsc2V9LCJhdWdfZmxpcF9kaWdpdHMiOnsia2luZCI6ImJvb2wiLCJ2YWx1ZSI6"
    "ZmFsc2V9LCJhdWdfcm90YXRpb24iOnsia2luZCI6Im51bWJlciIsInZhbHVlIjoxODAsInRvbCI6MC41LCJtb2R1bG8iOjM2"
    "MH0sImF1Z193b3J0aCI6eyJraW5kIjoiY2hvaWNlIiwiYWNjZXB0IjpbImIiLCIoYikiLCJsZXNzIiwibGVzcyB0aGFuIl19"
    "LCJlc19waWNrIjp7ImtpbmQiOiJjaG9pY2UiLCJhY2NlcHQiOlsiYiIsIihiKSIsImRldiBjb3N0IiwidGhlIGRldiBjb3N0"
    "Il19LCJlc19jb3VwbGVkIjp7ImtpbmQiOiJjaG9pY2UiLCJhY2NlcHQiOlsiZWFybHkgc3RvcHBpbmciXX0sInRkdF90d29f"
    "bW9kZWxzIjp7ImtpbmQiOiJib29sIiwidmFsdWUiOmZhbHNlfSwidGR0X2Rldl9uZWVkZWQiOnsia2luZCI6Im51bWJlciIs"
    "InZhbHVlIjoxMDAwMCwidG9sIjoxMDAwfSwibW1fc2h1ZmZsZWRfc2hhcmUiOnsia2luZCI6Im51bWJlciIsInZhbHVlIjox"
    "MTksInRvbCI6MTJ9LCJidl9mb2N1cyI6eyJraW5kIjoiY2hvaWNlIiwiYWNjZXB0IjpbImJpYXMiLCJhdm9pZGFibGUgYmlh"
    "cyIsInRoZSBiaWFzIl19LCJidl9jdXJ2ZSI6eyJraW5kIjoiYm9vbCIsInZhbHVlIjp0cnVlfSwiYXVnX3doaWNoX2Vycm9y"
    "Ijp7ImtpbmQiOiJjaG9pY2UiLCJhY2NlcHQiOlsidmFyaWFuY2UiLCJ0aGUgdmFyaWFuY2UiXX0sImVzX2xvbmdlciI6eyJr"
    "aW5kIjoiYm9vbCIsInZhbHVlIjpmYWxzZX0sIndyX2wxX3dlaWdodCI6eyJraW5kIjoibnVtYmVyIiwidmFsdWUiOjAsInRv"
    "bCI6MC4wMX0sIndyX2wyX3dlaWdodCI6eyJraW5kIjoibnVtYmVyIiwidmFsdWUiOjAuMjc4LCJ0b2wiOjAuMDF9fQ=="
)

HINTS: dict[str, str] = {
    "tdt_dev_size": "1 % of 1,000,000.",
    "tdt_test_size": "20 % of 5,000.",
    "tdt_name": "What is a set you choose models with called?",
    "tdt_optimistic": "The model was chosen because it scored well on exactly these examples.",
    "mm_target": "The dev set is the target you aim at. What must the model do well on?",
    "mm_same": "Would a good test score tell you anything about the app?",
    "bv_case_a": "Compare train error with human error (avoidable bias), then dev with train.",
    "bv_case_b": "Human error is 15 %: how much of the training error is avoidable?",
    "bv_case_c": "Avoidable bias is 1 point; the dev error is 7 points above the training error.",
    "bv_more_data": "More data helps a model that fits its training set but not new data.",
    "aug_flip_digits": "Look at the mirrored 3, 7 and 2 in section 2.",
    "aug_rotation": "Turn the page upside down.",
    "aug_worth": "A shifted copy keeps the pen strokes, width and slant of its original.",
    "es_pick": "The training cost keeps going down; which curve turns up?",
    "es_coupled": "Which method stops optimizing J before it is minimized?",
    "tdt_two_models": "Standard error sqrt(p (1 - p) / m_dev) with p = 0.91 and m_dev = 500: "
                      "compare it with the 0.8-point difference.",
    "tdt_dev_needed": "Solve sqrt(p (1 - p) / m_dev) = 0.003 for m_dev, with p = 0.9.",
    "mm_shuffled_share": "What share of the 210,000 pooled images comes from the app?",
    "bv_focus": "Avoidable bias = train - human; variance = dev - train. Which is larger?",
    "bv_curve": "Is the gap between train and dev still closing as data doubles?",
    "aug_which_error": "Which number went down: the training error or the gap to the dev error?",
    "es_longer": "After iteration 430 the dev cost only rises. Which parameters does early "
                 "stopping keep?",
    "wr_l1_weight": "sign(a) max(|a| - lambda, 0) with a = 0.5 and lambda = 0.8.",
    "wr_l2_weight": "a / (1 + lambda) with a = 0.5 and lambda = 0.8.",
}

EXPLANATIONS: dict[str, str] = {
    "tdt_dev_size": "10,000 examples already measure accuracy to about +-0.3 points.",
    "tdt_test_size": "60/20/20 of 5,000 is 3,000 / 1,000 / 1,000.",
    "tdt_name": "A set used to choose models is a dev (hold-out) set, whatever its name.",
    "tdt_optimistic": "Selection on a set makes its score optimistic; report a fresh test set.",
    "mm_target": "Dev and test come from the distribution you care about: the app's data.",
    "mm_same": "Dev and test must come from the same distribution, or you optimize one target "
               "and measure another.",
    "bv_case_a": "Avoidable bias 5 points, variance 1 point: bigger network, train longer.",
    "bv_case_b": "With humans at 15 %, avoidable bias is 0 and variance 1 point: done.",
    "bv_case_c": "Fit well on train, 7 points worse on dev: more data or regularization.",
    "bv_more_data": "High bias is about the training set itself: fix it with a bigger network, "
                    "longer training or another architecture.",
    "aug_flip_digits": "A mirrored 3 is not a 3; use small shifts, rotations and distortions.",
    "aug_rotation": "A 6 turned half a turn is a 9: large rotations change the label.",
    "aug_worth": "Augmented copies are correlated with their originals; new data is independent.",
    "es_pick": "Keep the parameters where the dev cost is lowest (History.best_parameters).",
    "es_coupled": "Stopping early works on both jobs with one knob; with L2 you optimize J fully "
                  "and tune lambd separately.",
    "tdt_two_models": "sqrt(0.91 * 0.09 / 500) = 0.013: each score is uncertain by about 1.3 "
                      "points, more than the 0.8-point difference. A bigger dev set would tell.",
    "tdt_dev_needed": "m_dev = p (1 - p) / 0.003^2 = 0.09 / 0.000009 = 10,000: the 1 % of "
                      "1,000,000 of the 98/1/1 rule.",
    "mm_shuffled_share": "10,000 / 210,000 = 4.8 %, so about 119 of 2,500: a dev set that is "
                         "95 % web aims at the wrong target.",
    "bv_focus": "Avoidable bias is 8 - 2 = 6 points, variance 11 - 8 = 3 points: bias first "
                "(bigger network, train longer), then variance.",
    "bv_curve": "The gap fell from 9 to 5 points when the data doubled and the training error is "
                "near human error: high variance, which more data reduces.",
    "aug_which_error": "The training error barely moved (bias unchanged) while the dev error "
                       "came down towards it: augmentation reduced the variance.",
    "es_longer": "The kept parameters are those of the lowest dev cost, still at iteration "
                 "430; training longer only adds iterations after it that are never kept.",
    "wr_l1_weight": "|a| = 0.5 is below lambda = 0.8: L1's constant pull wins, w = 0 exactly.",
    "wr_l2_weight": "0.5 / 1.8 = 0.278: L2 shrinks the weight but never to 0.",
}

#: The questions answered by working something out (a computation or an argument from the
#: numbers given), not by recalling a fact. Every lecture notebook asks at least one.
REASONING = frozenset({
    "tdt_two_models", "tdt_dev_needed", "tdt_optimistic", "mm_shuffled_share", "mm_same",
    "bv_case_a", "bv_case_b", "bv_case_c", "bv_focus", "bv_curve", "aug_which_error",
    "aug_worth", "es_longer", "es_coupled", "wr_l1_weight", "wr_l2_weight",
})


def _encode(answers: dict) -> str:
    """The ``_BLOB`` text for ``answers`` (a maintainer's helper)."""
    return base64.b64encode(json.dumps(answers, separators=(",", ":")).encode()).decode()


def _decode(blob: str) -> str:
    return base64.b64decode(blob).decode()


@cache
def _answers() -> dict:
    return json.loads(_decode("".join(_BLOB)))


def questions() -> list[str]:
    """The ids of all self-check questions."""
    return sorted(_answers())


def _text(value) -> str:
    text = " ".join(str(value).strip().strip("\"'").lower().split())
    return text.rstrip(".!")


def _as_bool(value) -> bool | None:
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return bool(value)
    text = _text(value)
    if text in ("yes", "y", "true", "1"):
        return True
    if text in ("no", "n", "false", "0"):
        return False
    return None


def _as_number(value) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(str(value).replace(",", "").replace("_", "").strip())
    except (TypeError, ValueError):
        return None


def is_correct(qid: str, value) -> bool:
    """Whether ``value`` answers question ``qid`` (no printing). Unknown ids raise KeyError."""
    spec = _answers().get(qid)
    if spec is None:
        raise KeyError(f"no self-check question {qid!r}; known: {', '.join(questions())}")
    kind = spec["kind"]
    if kind == "number":
        x = _as_number(value)
        if x is None or not math.isfinite(x):
            return False
        diff = x - spec["value"]
        if "modulo" in spec:
            period = spec["modulo"]
            diff = (diff + period / 2) % period - period / 2
        return abs(diff) <= spec["tol"]
    if kind == "bool":
        return _as_bool(value) is spec["value"]
    if kind == "choice":
        return _text(value) in spec["accept"]
    raise ValueError(f"unknown kind {kind!r}")


def answer(qid: str, value) -> bool | None:
    """Print whether ``value`` answers ``qid`` and return ``True``/``False``; ``None`` (not
    answered yet) prints a reminder and returns ``None``."""
    if value is None:
        is_correct(qid, "")  # an unknown id still fails loudly
        print(f"[{qid}] not answered yet: replace None with your answer and run the cell again.")
        return None
    ok = is_correct(qid, value)
    if ok:
        print(f"[{qid}] Correct. {EXPLANATIONS.get(qid, '')}".rstrip())
    else:
        print(f"[{qid}] Not quite ({value!r}). Hint: {HINTS.get(qid, 'read the section again.')}")
    return ok
