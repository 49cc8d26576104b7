"""The initialization and normalization lessons say when they use a function whose visible check
fails: ``note_if_failing`` (from the lesson modules, which every lesson cell that uses a graded
function calls first) prints one line for a function whose check failed, nothing for one whose
check passed or that is not done yet. The notebooks themselves run in
tests/notebooks/test_failing_notes_in_notebooks.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import numpy as np
import pytest

from course_lib.checks import initialization as init_checks
from course_lib.checks import normalization as norm_checks
from course_lib.checks.messages import FAILING, GRADED, Mistake, NotDoneYet
from course_lib.lessons import initialization as spread
from course_lib.lessons import normalization as contours

ROOT = Path(__file__).resolve().parents[2]

LOOP = '''def {name}(layers_dims):
    parameters = {{}}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = {W}
        parameters["b" + str(l)] = {b}
    return parameters
'''
ZEROS_W = "np.zeros((layers_dims[l], layers_dims[l - 1]))"
ZEROS_B = "np.zeros((layers_dims[l], 1))"
RANDN = "np.random.randn(layers_dims[l], layers_dims[l - 1])"
INITIALIZERS = {  # name -> (right, wrong)
    "initialize_parameters_zeros": ((ZEROS_W, ZEROS_B), (ZEROS_W, "np.ones((layers_dims[l], 1))")),
    "initialize_parameters_he": ((f"{RANDN} * np.sqrt(2 / layers_dims[l - 1])", ZEROS_B),
                                 (f"{RANDN} * np.sqrt(2 / layers_dims[l])", ZEROS_B)),
    "initialize_parameters_xavier": ((f"{RANDN} * np.sqrt(1 / layers_dims[l - 1])", ZEROS_B),
                                     (ZEROS_W, ZEROS_B)),
}
NORMALIZATION = '''def compute_normalization_parameters(X):
    return X.mean(axis=1, keepdims=True), X.std(axis=1, keepdims=True)


def normalize_inputs(X, mu, sigma):
    return np.where(sigma == 0, 0.0, (X - mu) / np.where(sigma == 0, 1.0, sigma))


def normalize_splits(X_train, X_dev, X_test):
    mu, sigma = compute_normalization_parameters(X_train)
    X_test_n = normalize_inputs(X_test, {test_statistics})
    return (normalize_inputs(X_train, mu, sigma), normalize_inputs(X_dev, mu, sigma), X_test_n,
            mu, sigma)
'''
STUB = "def {name}(*args):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"


@pytest.fixture(autouse=True)
def no_failing():
    FAILING.clear()
    yield
    FAILING.clear()


def _define(code: str) -> dict:
    namespace = {"np": np}
    exec(compile(code, "<cell>", "exec"), namespace)  # noqa: S102 (a notebook cell)
    return namespace


def _checked(check, fn, capsys) -> bool:
    """Run the visible check as its cell does; True if it passed. Its own output is dropped."""
    try:
        check(fn)
    except (Mistake, NotDoneYet):
        return False
    finally:
        capsys.readouterr()
    return True


def _notes(capsys) -> list[str]:
    return capsys.readouterr().out.replace("\n  ", " ").splitlines()


@pytest.mark.parametrize("name", INITIALIZERS)
def test_a_wrong_initializer_is_noted_once(name, capsys):
    check = getattr(init_checks, f"check_{name}")
    right = _define(LOOP.format(name=name, W=INITIALIZERS[name][0][0], b=INITIALIZERS[name][0][1]))
    wrong = _define(LOOP.format(name=name, W=INITIALIZERS[name][1][0], b=INITIALIZERS[name][1][1]))
    assert not _checked(check, wrong[name], capsys)
    assert spread.note_if_failing(wrong[name]) == [name]
    assert _notes(capsys) == [f"Note: `{name}` fails its check above; the results below use it "
                              "as it is, so they may differ from the text's."]
    assert _checked(check, right[name], capsys)
    assert spread.note_if_failing(right[name], wrong[name]) == []
    assert capsys.readouterr().out == ""


def test_an_initializer_not_done_yet_gets_no_note(capsys):
    name = "initialize_parameters_he"
    stub = _define(STUB.format(name=name))[name]
    FAILING[name] = stub  # even a stale entry: the check of the stub clears it
    assert not _checked(init_checks.check_initialize_parameters_he, stub, capsys)
    assert spread.note_if_failing(stub) == [] and capsys.readouterr().out == ""


def test_a_test_set_normalized_with_its_own_statistics_is_noted(capsys):
    own = _define(NORMALIZATION.format(
        test_statistics="*compute_normalization_parameters(X_test)"))
    train = _define(NORMALIZATION.format(test_statistics="mu, sigma"))
    functions = ("normalize_splits", "compute_normalization_parameters", "normalize_inputs")
    for name in functions:
        check = getattr(norm_checks, f"check_{name}")
        assert _checked(check, own[name], capsys) is (name != "normalize_splits")
    assert contours.note_if_failing(*(own[n] for n in functions)) == ["normalize_splits"]
    assert len(_notes(capsys)) == 1
    for name in functions:
        assert _checked(getattr(norm_checks, f"check_{name}"), train[name], capsys)
    assert contours.note_if_failing(*(train[n] for n in functions)) == []
    assert capsys.readouterr().out == ""


def test_the_by_name_notes_cover_their_own_functions_only(capsys):
    """note_failing_initializers (the comparison) and note_failing_normalization (the slider)
    find the failing functions by name: the cells that call them name none."""
    he = "initialize_parameters_he"
    wrong_he = _define(LOOP.format(name=he, W=INITIALIZERS[he][1][0], b=ZEROS_B))[he]
    assert spread.note_failing_initializers() == [] and capsys.readouterr().out == ""
    assert not _checked(init_checks.check_initialize_parameters_he, wrong_he, capsys)
    assert spread.note_failing_initializers() == [he]
    assert len(_notes(capsys)) == 1
    own = _define(NORMALIZATION.format(
        test_statistics="*compute_normalization_parameters(X_test)"))
    assert not _checked(norm_checks.check_normalize_splits, own["normalize_splits"], capsys)
    assert contours.note_failing_normalization() == []  # the slider does not use it
    variance = _define(NORMALIZATION.replace("/ np.where(sigma == 0, 1.0, sigma)",
                                             "/ np.where(sigma == 0, 1.0, sigma ** 2)")
                       .format(test_statistics="mu, sigma"))
    assert not _checked(norm_checks.check_normalize_inputs, variance["normalize_inputs"], capsys)
    assert contours.note_failing_normalization() == ["normalize_inputs"]
    assert len(_notes(capsys)) == 1


# --- every lesson cell that calls a graded function notes it, and names no other -------------

def _noted(source: str) -> list[str]:
    """The names passed to ``<lesson>.note_if_failing(...)`` in a cell."""
    return [arg.id for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "note_if_failing"
            for arg in node.args if isinstance(arg, ast.Name)]


@pytest.mark.parametrize("assignment", ["initialization", "normalization"])
def test_every_lesson_cell_that_calls_a_graded_function_notes_it_first(assignment):
    """... and a cell that calls none names none in its note: the notebook's guide reads the
    cell's source to say which unfinished function stopped it, and a name there would change
    what it says."""
    nb = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    graded = {n for n, a in GRADED.items() if a == assignment}
    assert graded, "no graded function registered"
    problems, noting = [], 0
    for cell in nb.cells:
        if cell.cell_type != "code" or "lesson" not in cell.metadata.get("tags", []):
            continue
        body = ast.parse(cell.source).body
        noted = _noted(cell.source)
        rest = body[1:] if noted and _noted(ast.unparse(body[0])) == noted else body
        used = {n.id for stmt in rest for n in ast.walk(stmt) if isinstance(n, ast.Name)}
        if noted and rest is body:
            problems.append(f"{cell.id}: note_if_failing is not its first statement")
        if set(noted) != used & graded or len(set(noted)) != len(noted):
            problems.append(f"{cell.id}: notes {noted} but calls {sorted(used & graded)}")
        noting += bool(noted)
    assert not problems, "\n".join(problems)
    assert noting >= 4
