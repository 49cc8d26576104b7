"""The notebook guide and the short messages, in an in-process IPython shell: a cell that fails
because a graded function is still the release's stub names the function in one line; errors
that have nothing to do with a stub are shown as IPython shows them; nothing is installed while
grading."""

from __future__ import annotations

import re

import pytest
from IPython.core.interactiveshell import InteractiveShell

import course_lib.checks.initialization  # noqa: F401 (registers its graded functions)
from course_lib.checks import guide
from course_lib.checks.messages import FAILING, WIDTH, is_stub

STUB = ("def initialize_parameters_he(layers_dims):\n"
        "    # YOUR CODE HERE\n"
        "    raise NotImplementedError()\n")
DONE = ("import numpy as np\n"
        "def initialize_parameters_he(layers_dims):\n"
        "    return {k: np.zeros((2, 2)) for k in ('W1', 'b1')}\n")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def shell(monkeypatch):
    monkeypatch.delenv("COURSE_GRADING", raising=False)
    ip = InteractiveShell.instance()
    shown = []
    monkeypatch.setattr(ip, "_showtraceback",
                        lambda etype, value, stb: shown.append((etype.__name__, stb)))
    assert guide.install()
    ip.user_ns.pop("initialize_parameters_he", None)
    FAILING.clear()
    yield ip, shown
    ip.set_custom_exc((), None)


def _run(ip, shown, code):
    """Run a cell: its result and its errors as ``(name, text)``, the text's lines joined (our
    messages are wrapped at ``WIDTH`` columns, which :func:`test_messages_fit_the_width`
    checks)."""
    shown.clear()
    result = ip.run_cell(code)
    errors = [(name, _ANSI.sub("", "\n".join(stb))) for name, stb in shown]
    return result, [(name, _unwrap(text) if name in OURS else text) for name, text in errors]


OURS = ("NotDoneYet", "StudentError", "Mistake")


def _unwrap(text: str) -> str:
    lines = text.split("\n")
    assert all(len(line) <= WIDTH for line in lines), lines
    return re.sub(r"\n  (?! )", " ", text)


def test_a_call_to_a_stub_names_the_function(shell):
    ip, shown = shell
    _run(ip, shown, STUB)
    result, errors = _run(ip, shown, "parameters = initialize_parameters_he([2, 3])")
    assert not result.success
    assert errors == [("NotDoneYet", "This cell needs `initialize_parameters_he`, which is not "
                       "done yet: fill in its cell above, run it, then run this cell again.")]


def test_a_missing_result_of_a_stopped_cell_names_the_stub(shell):
    ip, shown = shell
    _run(ip, shown, STUB)
    _, errors = _run(ip, shown, "print(parameters_from_a_cell_that_stopped)")
    (name, text), = errors
    assert name == "NotDoneYet" and "`initialize_parameters_he` is not done yet" in text
    assert "NameError" in text and "\n" not in text


def test_a_missing_result_names_every_stub_in_order(shell):
    """The guide cannot tell which stub left a name undefined: it names them all, so a cell
    after the second exercise does not blame only the first one."""
    ip, shown = shell
    _run(ip, shown, STUB.replace("_he", "_zeros") + STUB)
    try:
        _, errors = _run(ip, shown, "print(random_start)")
    finally:
        ip.user_ns.pop("initialize_parameters_zeros", None)
    (name, text), = errors
    assert name == "NotDoneYet"
    assert ("while `initialize_parameters_zeros`, `initialize_parameters_he` are not done yet: "
            "finish them") in text


def test_the_visible_check_of_a_stub_is_one_line(shell):
    ip, shown = shell
    _run(ip, shown, STUB)
    _, errors = _run(ip, shown, "from course_lib.checks.initialization import "
                     "check_initialize_parameters_he\n"
                     "check_initialize_parameters_he(initialize_parameters_he)")
    assert errors == [("NotDoneYet", "`initialize_parameters_he` is not done yet: fill in its "
                       "cell above (replace `raise NotImplementedError()` with your code), run "
                       "it, then run this cell again.")]


def test_an_error_in_the_students_code_points_at_its_line(shell):
    ip, shown = shell
    _run(ip, shown, "def initialize_parameters_he(layers_dims):\n"
                    "    return {'W1': 1 / 0}\n")
    _, errors = _run(ip, shown, "from course_lib.checks.initialization import "
                     "check_initialize_parameters_he\n"
                     "check_initialize_parameters_he(initialize_parameters_he)")
    (name, text), = errors
    assert name == "StudentError"
    assert text.splitlines() == [
        "Error in your code: `initialize_parameters_he` raised ZeroDivisionError: division by "
        "zero", "    in `initialize_parameters_he`, line 2 of its cell: return {'W1': 1 / 0}"]
    assert "initialize_parameters_he" in FAILING


def test_other_errors_are_shown_as_ipython_shows_them(shell):
    ip, shown = shell
    _run(ip, shown, DONE)
    _, errors = _run(ip, shown, "{}['missing']")
    (name, text), = errors
    assert name == "KeyError" and "Traceback" in text
    _run(ip, shown, STUB)
    _, errors = _run(ip, shown, "1 / 0")  # a stub, but nothing to do with it
    assert errors[0][0] == "ZeroDivisionError"


def test_a_wrong_function_used_by_a_cell_is_named(shell):
    ip, shown = shell
    _run(ip, shown, DONE)
    _run(ip, shown, "from course_lib.checks.initialization import "
                    "check_initialize_parameters_he\n"
                    "check_initialize_parameters_he(initialize_parameters_he)")
    _, errors = _run(ip, shown, "initialize_parameters_he([2, 3])['W2']")
    (name, text), = errors
    assert name == "NotDoneYet" and "whose check above fails" in text


def test_not_installed_while_grading(monkeypatch):
    monkeypatch.setenv("COURSE_GRADING", "1")
    assert not guide.install()


def test_is_stub():
    namespace: dict = {}
    exec(STUB, namespace)  # noqa: S102
    exec(DONE.replace("initialize_parameters_he", "done"), namespace)  # noqa: S102
    assert is_stub(namespace["initialize_parameters_he"]) and not is_stub(namespace["done"])
    assert not is_stub(len) and not is_stub(3)


def test_an_error_inside_a_function_whose_check_fails_names_it(shell):
    ip, shown = shell
    _run(ip, shown, "def initialize_parameters_he(layers_dims):\n"
                    "    return {'W1': [0.0][len(layers_dims)]}\n")
    _run(ip, shown, "from course_lib.checks.initialization import "
                    "check_initialize_parameters_he\n"
                    "check_initialize_parameters_he(initialize_parameters_he)")
    _run(ip, shown, "start = initialize_parameters_he")
    _, errors = _run(ip, shown, "start([4])")
    (name, text), = errors
    assert name == "NotDoneYet"
    assert "`initialize_parameters_he`, whose check above fails" in text and "IndexError" in text


def test_a_lesson_that_trains_with_a_failing_function_says_so(capsys):
    """penalized / with_dropout still train with a function whose check failed (the student may
    want to see what it does), but print one line saying the numbers may differ from the
    text's."""
    from course_lib.lessons.dropout import with_dropout
    from course_lib.lessons.regularization import penalized

    def forward(X, parameters, keep_prob):
        return None

    def backward(X, Y, cache, keep_prob):
        return None

    FAILING.clear()
    with_dropout(forward, backward, 0.7)
    assert capsys.readouterr().out == ""
    FAILING["backward_propagation_with_dropout"] = backward
    try:
        with_dropout(forward, backward, 0.7)
        penalized(forward, backward, 1.0)
    finally:
        FAILING.clear()
    lines = capsys.readouterr().out.splitlines()
    assert len([line for line in lines if line.startswith("Note: ")]) == 2
    assert "`backward_propagation_with_dropout` fails its check above" in lines[0]
