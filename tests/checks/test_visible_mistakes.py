"""The visible check under each exercise names every mistake the hidden checks name.

Every mistake case of ``tests/submissions/<a>/*.py`` (``# expect: lose <function> ...``), and a
few more below, is built into the notebook a student would have (the release with the
solutions, the case's cells swapped in); its graded functions are run through their visible
checks, which must fail and name the mistake (:data:`NAMED`); the correct variants must pass.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import re
import tempfile
import warnings
from pathlib import Path

import nbformat
import pytest

from course_lib.checks.messages import GRADED, NotDoneYet
from course_lib.grading.tools.submissions import build_submission, load_cases, parse_case
from course_lib.judges import CheckFailed

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "submissions"
ASSIGNMENTS = ("initialization", "regularization", "dropout", "gradient_checking",
               "normalization")

_NUMERICAL = '''def numerical_gradients_n(parameters, X, Y, epsilon=1e-7):
    parameters_values, _ = dictionary_to_vector(parameters)
    gradapprox = np.zeros((parameters_values.shape[0], 1))
    for i in range(parameters_values.shape[0]):
        theta_plus = np.copy(parameters_values)
        theta_plus[i][0] += epsilon
        theta_minus = np.copy(parameters_values)
        theta_minus[i][0] -= epsilon
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus))
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
'''
_CHECK_N = '''def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    approx = numerical_gradients_n(parameters, X, Y, epsilon)
    grad = gradients_to_vector(gradients)
    gradapprox = gradients_to_vector(approx)
    numerator = np.linalg.norm(grad - gradapprox)
    return numerator / np.linalg.norm(grad + gradapprox)
'''
#: Mistakes the issue reported and no submission case holds: (assignment, name) -> case text.
EXTRA = {
    ("gradient_checking", "lose_numerical_gradients_n_parameter_keys"):
        '"""Keys W1, b1, ... (those of parameters) instead of dW1, db1, ..."""\n'
        "# expect: lose numerical_gradients_n\n# %% numerical_gradients_n\n"
        + _NUMERICAL + "    return vector_to_dictionary(gradapprox)\n",
    ("gradient_checking", "lose_gradient_check_n_norm_of_sum"):
        '"""The denominator is ||grad + gradapprox||."""\n'
        "# expect: lose gradient_check_n\n# %% numerical_gradients_n\n" + _NUMERICAL
        + '    return {"d" + k: v for k, v in vector_to_dictionary(gradapprox).items()}\n'
        "# %% gradient_check_n\n" + _CHECK_N,
    ("gradient_checking", "lose_gradient_check_n_divided_by_eps"):
        '"""(J_plus - J_minus) / epsilon: on correct gradients the same 1/3 as no copy."""\n'
        "# expect: lose gradient_check_n\n# %% gradient_check_n\n"
        + _NUMERICAL.replace("numerical_gradients_n(parameters, X, Y, epsilon=1e-7)",
                             "gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, "
                             "print_msg=False)").replace("(2 * epsilon)", "epsilon")
        + "    grad = gradients_to_vector(gradients)\n"
        "    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad)"
        " + np.linalg.norm(gradapprox))\n",
    ("normalization", "lose_splits_statistics_first"):
        '"""The right five arrays, mu and sigma first."""\n'
        "# expect: lose normalize_splits\n# %% normalize_splits\n"
        "def normalize_splits(X_train, X_dev, X_test):\n"
        "    mu, sigma = compute_normalization_parameters(X_train)\n"
        "    return (mu, sigma, normalize_inputs(X_train, mu, sigma),\n"
        "            normalize_inputs(X_dev, mu, sigma), normalize_inputs(X_test, mu, sigma))\n",
    ("regularization", "lose_cost_no_1_over_2m"):
        '"""The L2 penalty without its 1 / (2m)."""\n'
        "# expect: lose compute_cost_with_regularization\n"
        "# %% compute_cost_with_regularization\n"
        "def compute_cost_with_regularization(A3, Y, parameters, lambd):\n"
        "    squares = sum(np.sum(np.square(parameters[f'W{l}'])) for l in (1, 2, 3))\n"
        "    return compute_cost(A3, Y) + lambd * squares\n",
}

_STD = r"has std .* gives"
#: (case, function) -> what the visible message must say (a regular expression).
NAMED = {
    ("lose_course_initializer", "*"): r"calls the course's nn.initialize_parameters",
    ("lose_he_fan_out", "initialize_parameters_he"): _STD + r".*fan-out",
    ("lose_he_missing_layer", "initialize_parameters_he"): r"missing W2, b2",
    ("lose_he_no_sqrt", "initialize_parameters_he"): r"forget the square root",
    ("lose_he_nonzero_bias", "initialize_parameters_he"): r"b1 is not all zeros",
    ("lose_he_transposed", "initialize_parameters_he"): r"transposed",
    ("lose_he_xavier_swapped", "initialize_parameters_he"): r"Xavier's scale",
    ("lose_he_xavier_swapped", "initialize_parameters_xavier"): r"He's scale",
    ("lose_random_bias_too", "initialize_parameters_random"): r"b1 is not all zeros",
    ("lose_random_small", "initialize_parameters_random"): r"randn \* 0.01",
    ("lose_random_uniform", "initialize_parameters_random"): r"not np.random.rand",
    ("lose_random_unscaled", "initialize_parameters_random"): r"forget to scale randn",
    ("lose_xavier_fan_out", "initialize_parameters_xavier"): _STD + r".*fan-out",
    ("lose_xavier_glorot", "initialize_parameters_xavier"): r"n\[l-1\] \+ n\[l\]\)\) variant",
    ("lose_xavier_no_sqrt", "initialize_parameters_xavier"): r"forget the square root",
    ("lose_zeros_includes_input_layer", "initialize_parameters_zeros"): r"unexpected key.*W0",
    ("lose_zeros_int", "initialize_parameters_zeros"): r"dtype int",
    ("lose_zeros_ones_bias", "initialize_parameters_zeros"): r"b1 is not all zeros",
    ("lose_zeros_transposed", "initialize_parameters_zeros"): r"transposed",
    ("lose_biases_regularized", "*"): r"biases are (penalized|not regularized)",
    ("lose_cost_lambd_over_m", "compute_cost_with_regularization"): r"twice too big",
    ("lose_cost_lambd_over_m", "compute_cost_with_l1_regularization"): r"without the 1/2",
    ("lose_cost_no_1_over_2m", "compute_cost_with_regularization"): r"without the 1 / \(2 \* m\)",
    ("lose_gradient_2lambd_and_abs", "backward_propagation_with_regularization"):
        r"twice the penalty term",
    ("lose_gradient_2lambd_and_abs", "backward_propagation_with_l1_regularization"):
        r"derivative of \|w\| is sign\(w\), not \|w\|",
    ("lose_gradient_no_m", "*"): r"divide it by m",
    ("lose_half_l1_gradient_missing_dw2", "backward_propagation_with_regularization"):
        r"dW2 has no penalty term",
    ("lose_half_l1_gradient_missing_dw2", "backward_propagation_with_l1_regularization"):
        r"half the penalty term",
    ("lose_l1_squares_l2_no_m", "compute_cost_with_regularization"): r"not divided by m",
    ("lose_l1_squares_l2_no_m", "compute_cost_with_l1_regularization"): r"L2 penalty",
    ("lose_missing_layer", "compute_cost_with_regularization"): r"W3 is missing",
    ("lose_missing_layer", "compute_cost_with_l1_regularization"): r"W2 is missing",
    ("lose_missing_layer", "backward_propagation_with_l1_regularization"):
        r"dW1 has no penalty term",
    ("lose_norm_not_squared", "compute_cost_with_regularization"): r"squared Frobenius",
    ("lose_norm_not_squared", "compute_cost_with_l1_regularization"): r"absolute values",
    ("lose_term_in_dz_and_w_for_l1", "backward_propagation_with_regularization"):
        r"dZ2 is the same as without regularization",
    ("lose_term_in_dz_and_w_for_l1", "backward_propagation_with_l1_regularization"):
        r"lambd / m \* W3 is the L2 term",
    ("lose_backward_mask_ignored", "*"): r"multiply dA2 by the same mask D2",
    # the usual message: another mask than the forward pass's; when the new draw happens to
    # keep every unit (0.8 ** 15, rare), the judge's "not zero where dropped"
    ("lose_backward_new_mask", "*"): r"another mask than the forward pass's: use D2 from the "
                                     r"cache|multiply dA2 by the same mask D2",
    ("lose_backward_no_scaling", "*"): r"forget to divide by keep_prob",
    ("lose_backward_times_keep_prob", "*"): r"divide by keep_prob, as in the forward",
    ("lose_keep_if_greater", "*"): r"probability 1 - keep_prob",
    ("lose_layer_one_only", "*"): r"A2 is masked but not divided by keep_prob",
    ("lose_no_scaling_anywhere", "forward_propagation_with_dropout"):
        r"masked but not divided by keep_prob",
    ("lose_no_scaling_anywhere", "backward_propagation_with_dropout"):
        r"forget to divide by keep_prob",
    ("lose_no_scaling_forward", "*"): r"masked but not divided by keep_prob",
    ("lose_one_mask_per_unit", "*"): r"every example the same mask",
    ("lose_output_dropout", "*"): r"no dropout on the output layer",
    ("lose_generator_seeded_inside", "*"): r"seed inside the function",
    ("lose_forward_no_return_backward_negative", "forward_propagation"): r"it is None",
    ("lose_forward_no_return_backward_negative", "backward_propagation"): r"check the sign",
    ("lose_forward_plus_backward_theta", "forward_propagation"): r"that is theta \+ x",
    ("lose_forward_plus_backward_theta", "backward_propagation"): r"that is theta;",
    # theta ** x: no slip of the hidden check names it either (it returns a complex there).
    ("lose_forward_power_backward_J", "forward_propagation"): r"is 0.19245009, expected -4.5",
    ("lose_forward_power_backward_J", "backward_propagation"): r"that is J itself",
    ("lose_forward_returns_x_backward_one", "forward_propagation"): r"that is x, the derivative",
    ("lose_forward_returns_x_backward_one", "backward_propagation"): r"not 1",
    ("lose_gradient_check_hard_coded", "*"): r"call forward_propagation and "
                                             r"backward_propagation instead",
    ("lose_gradient_check_linear_inline", "*"): r"J = theta \* x computed inside",
    ("lose_gradient_check_n_approx_only", "*"): r"divides by \|\|gradapprox\|\| only",
    ("lose_gradient_check_n_norm_of_sum", "*"): r"\|\|grad \+ gradapprox\|\|",
    # no copy and dividing by epsilon give the same 1/3 on correct gradients: each message
    # names its own mistake only
    ("lose_gradient_check_n_no_copy", "*"): r"\A(?!.*2 \* epsilon).*np.copy",
    ("lose_gradient_check_n_divided_by_eps", "*"): r"\A(?!.*np\.copy).*divide by 2 \* epsilon",
    ("lose_gradient_check_n_no_restore", "*"): r"modified by the call",
    ("lose_gradient_check_n_one_sided", "*"): r"one-sided difference",
    ("lose_gradient_check_n_plus_twice", "*"): r"thetaplus \(or J_plus\) used in both",
    ("lose_gradient_check_n_returns_message", "*"): r"returned the text",
    ("lose_gradient_check_no_2eps", "*"): r"without the division by 2 \* epsilon",
    ("lose_gradient_check_no_denominator", "*"): r"without dividing by \|\|grad\|\|",
    ("lose_gradient_check_one_sided", "*"): r"one-sided difference",
    ("lose_gradient_check_returns_bool", "*"): r"not whether the check passed",
    ("lose_gradient_check_squared", "*"): r"squared norms",
    ("lose_numerical_gradients_n_divided_by_eps", "*"): r"divide by 2 \* epsilon",
    ("lose_numerical_gradients_n_no_copy", "*"): r"np.copy",
    ("lose_numerical_gradients_n_one_sided", "*"): r"one-sided difference",
    ("lose_numerical_gradients_n_parameter_keys", "*"): r"keys W1, b1, .* dW1, db1",
    ("lose_numerical_gradients_n_vector", "*"): r"return a dict shaped like `gradients`",
    ("lose_normalize_in_place", "*"): r"X -= mu changes the caller's array",
    ("lose_normalize_nan", "*"): r"sigma = 0 gives 0 / 0 = nan",
    ("lose_normalize_no_mean", "*"): r"forget to subtract mu",
    ("lose_normalize_own_statistics", "*"): r"use the mu and sigma passed in",
    ("lose_normalize_variance", "*"): r"divides by the variance",
    ("lose_parameters_axis0", "*"): r"over axis 0",
    ("lose_parameters_ddof1", "*"): r"ddof=1",
    ("lose_parameters_no_centering", "*"): r"computed from X - mu",
    ("lose_parameters_no_keepdims", "*"): r"keepdims=True",
    ("lose_parameters_variance", "*"): r"divides by the variance",
    ("lose_splits_all_sets", "*"): r"all three sets together",
    ("lose_splits_dev_own", "*"): r"own statistics",
    ("lose_splits_inline_dev_own", "*"): r"sigma = 0 gives 0 / 0 = nan",
    ("lose_splits_order", "*"): r"in this order",
    ("lose_splits_statistics_first", "*"): r"right arrays in another order",
    ("lose_splits_test_raw", "*"): r"normalize it too",
}


#: (case, function) -> what the visible check says where it is stricter than the grader, and why.
STRICTER = {
    # The grader accepts the keys of `parameters`, but the notebook's next cells compare the
    # result with `gradients` key by key (KeyError: 'W1'): the visible check asks for dW1, ...
    ("ok_numpy_variants", "numerical_gradients_n"): r"keys W1, b1, .* dW1, db1",
    ("ok_classic_2018", "numerical_gradients_n"): r"keys W1, b1, .* dW1, db1",
}


def _notebooks(assignment: str):
    read = nbformat.read
    return (read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4),
            read(ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4))


_EXTRA_DIR = Path(tempfile.mkdtemp(prefix="visible-check-cases-"))


def _cases(assignment: str) -> dict:
    """The assignment's submission cases built on the solutions, and those of :data:`EXTRA`."""
    found = {c.name: c for c in load_cases(CASES / assignment)
             if c.base == "solutions" and not c.mutations}
    for (a, name), text in EXTRA.items():
        if a == assignment:
            (_EXTRA_DIR / f"{name}.py").write_text(text)
            found[name] = parse_case(_EXTRA_DIR / f"{name}.py")
    return found


def graded_functions(assignment: str) -> list[str]:
    importlib.import_module(f"course_lib.checks.{assignment}")
    return [name for name, a in GRADED.items() if a == assignment]


def namespace_of(nb) -> dict:
    """The notebook's imports, solution cells and student cells run in one namespace (no
    lesson, check or test cell: nothing trains)."""
    namespace: dict = {"__name__": "__main__"}
    for cell in nb.cells:
        nbg = cell.get("metadata", {}).get("nbgrader", {})
        wanted = (nbg.get("grade_id") == "imports" or nbg.get("solution")
                  or str(cell.get("id", "")).startswith("student-extra"))
        if cell.cell_type != "code" or not wanted:
            continue
        code = "\n".join(line for line in cell.source.splitlines()
                         if not line.lstrip().startswith(("%", "!")))
        with (contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings(),
              contextlib.suppress(Exception)):
            warnings.simplefilter("ignore")
            exec(compile(code, f"<cell {cell.get('id')}>", "exec"), namespace)  # noqa: S102
    return namespace


def visible_message(assignment: str, function: str, namespace: dict) -> str | None:
    """The visible check's message for ``function`` (None when it passes)."""
    check = getattr(importlib.import_module(f"course_lib.checks.{assignment}"),
                    f"check_{function}")
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            check(namespace[function])
    except CheckFailed as exc:
        return str(exc)
    return None


PARAMS = [(a, name) for a in ASSIGNMENTS for name in _cases(a)]


@pytest.mark.parametrize(("assignment", "name"), PARAMS, ids=[f"{a}/{n}" for a, n in PARAMS])
def test_visible_check_names_the_mistake_or_passes(assignment, name):
    case = _cases(assignment)[name]
    namespace = namespace_of(build_submission(case, *_notebooks(assignment)))
    errors = []
    for function in graded_functions(assignment):
        message = visible_message(assignment, function, namespace)
        if case.expect == "full" or function not in case.lose:
            stricter = STRICTER.get((name, function))
            if stricter is not None:
                if message is None or not re.search(stricter, message):
                    errors.append(f"{function} should fail with /{stricter}/: {message}")
            elif message is not None:
                errors.append(f"{function} should pass its visible check: {message}")
            continue
        wanted = NAMED.get((name, function), NAMED.get((name, "*")))
        if message is None:
            errors.append(f"{function} passes its visible check but has a mistake")
        elif wanted is None:
            errors.append(f"no entry in NAMED for ({name!r}, {function!r}); the visible "
                          f"message is: {message}")
        elif not re.search(wanted, message) or function not in message:
            errors.append(f"{function}: the message does not name the mistake "
                          f"(/{wanted}/): {message}")
    assert not errors, "\n".join(errors)


def test_every_entry_of_the_tables_is_a_case():
    """Entries of cases that were renamed or removed do not linger."""
    names = {name for a in ASSIGNMENTS for name in _cases(a)}
    assert not {case for case, _ in [*NAMED, *STRICTER]} - names


def test_every_graded_function_has_a_visible_check():
    from course_lib.instructor.hidden_checks import checks_for

    for assignment in ASSIGNMENTS:
        hidden = {c.function for c in checks_for(assignment)}
        assert set(graded_functions(assignment)) == hidden, assignment


def test_a_stub_is_not_done_yet():
    """The release's stub gets one short message naming it, not a traceback."""
    namespace = namespace_of(_notebooks("initialization")[1])
    check = importlib.import_module("course_lib.checks.initialization")
    with pytest.raises(NotDoneYet, match=r"^`initialize_parameters_he` is not done yet"):
        check.check_initialize_parameters_he(namespace["initialize_parameters_he"])


def test_a_new_mask_in_the_backward_pass_is_named_as_such():
    """A backward pass that draws its own mask (seeded here, so that it drops other units than
    the cache's D2) is told to use D2 from the cache; one that does not mask at all is told the
    gradient is not zero where the unit was dropped."""
    import numpy as np

    from course_lib.checks.dropout import check_backward_propagation_with_dropout

    def backward(mask):
        def backward_propagation_with_dropout(X, Y, cache, keep_prob):
            m = X.shape[1]
            (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
            dZ3 = A3 - Y
            dA2 = W3.T @ dZ3 * mask(D2, keep_prob)
            dZ2 = dA2 * (A2 > 0)
            dA1 = W2.T @ dZ2 * mask(D1, keep_prob)
            dZ1 = dA1 * (A1 > 0)
            return {"dZ3": dZ3, "dW3": dZ3 @ A2.T / m, "db3": dZ3.mean(1, keepdims=True),
                    "dA2": dA2, "dZ2": dZ2, "dW2": dZ2 @ A1.T / m,
                    "db2": dZ2.mean(1, keepdims=True), "dA1": dA1, "dZ1": dZ1,
                    "dW1": dZ1 @ X.T / m, "db1": dZ1.mean(1, keepdims=True)}
        return backward_propagation_with_dropout

    rng = np.random.default_rng(0)
    messages = []
    for mask in (lambda D, k: (rng.random(D.shape) < k) / k, lambda D, k: 1 / k):
        with pytest.raises(CheckFailed) as failed:
            check_backward_propagation_with_dropout(backward(mask))
        messages.append(str(failed.value))
    assert "another mask than the forward pass's: use D2 from the cache" in messages[0]
    assert "not zero where the forward pass dropped the unit" in messages[1]
