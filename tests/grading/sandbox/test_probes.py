"""Probes call a student's function as in its notebook: the classic helpers are in scope (from the
imports cell, or bound for the call when a submission lost them), a course helper that does the
exercise costs its points with a reason naming it, and a ``gradient_check`` that computes
``J = theta * x`` itself is told to call the notebook's functions."""

from __future__ import annotations

import textwrap

import nbformat
import numpy as np
import pytest
from pipeline import ROOT

from course_lib.core import classic, nn, plain
from course_lib.grading.sandbox.probes import EXERCISE_HELPERS, call_function
from course_lib.instructor.hidden_checks import ASSIGNMENTS, checks_for, judge_outputs


def _imports_cell(assignment: str) -> str:
    nb = nbformat.read(ROOT / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "imports")
    return "\n".join(line for line in cell.source.splitlines()
                     if not line.lstrip().startswith(("%", "!")))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_imports_cell_provides_the_classic_helpers(assignment):
    namespace: dict = {}
    exec(_imports_cell(assignment), namespace)  # noqa: S102 (the course's own cell)
    for name in classic.NOTEBOOK_HELPERS[assignment]:
        assert namespace.get(name) is classic.helper(name), f"{assignment}: {name} missing"


def test_classic_activations_return_the_array():
    Z = np.array([[-1.0, 0.0, 2.0]])
    assert isinstance(nn.relu(Z), np.ndarray) and nn.relu(Z).tolist() == [[0.0, 0.0, 2.0]]
    assert isinstance(nn.sigmoid(Z), np.ndarray) and nn.sigmoid(Z).shape == Z.shape


def _namespace(code: str) -> dict:
    """A notebook namespace that lost its imports cell: numpy and the student's code only."""
    namespace = {"np": np, "__name__": "__main__"}
    exec(textwrap.dedent(code), namespace)  # noqa: S102 (test code)
    return namespace


def _failures(assignment: str, namespace: dict, function: str, seeds=range(2)) -> list[str]:
    failures = []
    for seed in seeds:
        for k, check in enumerate(checks_for(assignment)):
            if check.function != function:
                continue
            inputs = plain.round_trip(check.inputs(np.random.default_rng([seed, k])))
            outputs = plain.round_trip(check.probe(namespace, check.function, inputs))
            verdict = judge_outputs(check, inputs, outputs)
            if not verdict:
                failures.append(f"{check.aspect}: {verdict.message}")
    return failures


CLASSIC_DROPOUT = """
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    W1 = parameters["W1"]; b1 = parameters["b1"]
    W2 = parameters["W2"]; b2 = parameters["b2"]
    W3 = parameters["W3"]; b3 = parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = np.random.rand(A1.shape[0], A1.shape[1])
    D1 = (D1 < keep_prob).astype(int)
    A1 = A1 * D1
    A1 = A1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = np.random.rand(A2.shape[0], A2.shape[1])
    D2 = (D2 < keep_prob).astype(int)
    A2 = A2 * D2
    A2 = A2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache
"""


def test_classic_dropout_forward_grades_without_its_imports():
    namespace = _namespace(CLASSIC_DROPOUT)
    assert _failures("dropout", namespace, "forward_propagation_with_dropout") == []
    assert "relu" not in namespace and "sigmoid" not in namespace, "bindings must not stay"


def test_a_notebook_name_is_never_replaced():
    namespace = _namespace(CLASSIC_DROPOUT + "\ndef relu(Z):\n    return np.maximum(Z, 0) * 2\n")
    failures = _failures("dropout", namespace, "forward_propagation_with_dropout", range(1))
    assert failures, "the student's own relu (wrong here) must be the one called"


def test_classic_cost_with_regularization_finds_compute_cost():
    namespace = _namespace("""
    def compute_cost_with_regularization(A3, Y, parameters, lambd):
        m = Y.shape[1]
        W1 = parameters["W1"]; W2 = parameters["W2"]; W3 = parameters["W3"]
        cross_entropy_cost = compute_cost(A3, Y)
        L2_regularization_cost = (1. / m) * (lambd / 2) * (np.sum(np.square(W1))
                                 + np.sum(np.square(W2)) + np.sum(np.square(W3)))
        return cross_entropy_cost + L2_regularization_cost
    """)
    assert _failures("regularization", namespace, "compute_cost_with_regularization") == []


@pytest.mark.parametrize("call", [
    "nn.initialize_parameters(layers_dims, np.random.default_rng(), 'he')",
    "init(layers_dims, np.random.default_rng(3), scale='he')",
])
def test_delegating_to_the_course_initializer_loses_with_its_name(call):
    namespace = _namespace(f"""
    from course_lib.core import nn
    from course_lib.core.nn import initialize_parameters as init

    def initialize_parameters_he(layers_dims):
        return {call}
    """)
    failures = _failures("initialization", namespace, "initialize_parameters_he", range(1))
    assert len(failures) == 2, failures
    assert all("course_lib.core.nn.initialize_parameters" in f for f in failures), failures


def test_every_exercise_helper_is_a_course_function_and_a_graded_one():
    graded = {c.function for a in ASSIGNMENTS for c in checks_for(a)}
    for helper, functions in EXERCISE_HELPERS.items():
        module, _, name = helper.rpartition(".")
        assert callable(getattr(__import__(module, fromlist=[name]), name))
        assert set(functions) <= graded, helper
    he = next(c for c in checks_for("initialization") if c.function == "initialize_parameters_he")
    assert he.helpers == ("course_lib.core.nn.initialize_parameters",)


def test_building_blocks_are_not_watched():
    namespace = _namespace("""
    def initialize_parameters_zeros(layers_dims):
        A = relu(np.zeros((2, 2)))
        parameters = {}
        for l in range(1, len(layers_dims)):
            parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1])) + A[0, 0]
            parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        return parameters
    """)
    assert _failures("initialization", namespace, "initialize_parameters_zeros") == []


def test_gradient_check_that_computes_J_itself_is_told_to_call_the_functions():
    namespace = _namespace("""
    def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
        gradapprox = ((theta + epsilon) * x - (theta - epsilon) * x) / (2 * epsilon)
        grad = x
        return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad)
                                                    + np.linalg.norm(gradapprox))
    """)
    failures = _failures("gradient_checking", namespace, "gradient_check", range(1))
    assert failures
    for message in failures:
        assert "must call forward_propagation and backward_propagation" in message, message
        assert "never called forward_propagation nor backward_propagation" in message, message


def test_the_probe_leaves_no_binding_behind():
    namespace = _namespace("def f(x):\n    return relu(x)\n")
    assert plain.loads(plain.dumps(call_function(namespace, "f", [np.array([-1.0, 2.0])]))
                       ).tolist() == [0.0, 2.0]
    assert set(namespace) == {"np", "__name__", "__builtins__", "f"}
