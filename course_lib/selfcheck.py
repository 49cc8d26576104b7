"""Self-check exercises of the lecture notebooks: say whether an answer is right, no grading.

In a notebook::

    my_answer = None  # replace None with your answer
    selfcheck.answer("tdt_dev_size", my_answer)

prints whether the answer is right and, if it is, why; if not, a hint. ``None`` means "not
answered yet" and is not an error, so the notebooks run top to bottom untouched.

The expected answers are stored encoded (base64 of JSON) so that a glance at this file does
not give them away; nothing depends on it, it is a courtesy to the reader. To change them,
edit the dict passed to :func:`_encode` (see ``tests/test_selfcheck.py``, which holds the plain
answers and checks this blob against them) and paste the output into ``_BLOB``.
"""

from __future__ import annotations

import base64
import json
import math
from functools import cache

__all__ = ["answer", "is_correct", "questions", "HINTS", "EXPLANATIONS"]

_BLOB = (
    "PLACEHOLDER"
)

HINTS: dict[str, str] = {}

EXPLANATIONS: dict[str, str] = {}


def _encode(answers: dict) -> str:
    """The ``_BLOB`` text for ``answers`` (a maintainer's helper)."""
    return base64.b64encode(json.dumps(answers, separators=(",", ":")).encode()).decode()


@cache
def _answers() -> dict:
    return json.loads(base64.b64decode("".join(_BLOB)).decode())


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
