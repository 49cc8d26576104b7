"""The hidden checks pick fresh inputs from a secret seed on every autograde run, so a case that
passes the pipeline once could still fail on another seed. This sweep runs every submission
case in-process (no nbgrader, no sandbox) through every hidden check of its assignment on many
seeds (the demo's honest example students too), the way the trusted grader does
(``inputs(default_rng([seed, k]))``, inputs and outputs through ``plain.round_trip``: what
the grader's JSON gives back), and asks the case's expectation to hold on each one: a correct
variant passes every check on every seed, and a mistake loses its function's points on every
seed.

``COURSE_SWEEP_SEEDS`` sets the number of seeds (default 20, and 8 for gradient_checking whose
checks take numerical gradients: about two minutes in all on two cores); raise it to hunt for
rare failures after changing a check or a judge.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import os
import warnings

import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from pipeline import CASES, ROOT

from course_lib.core import plain
from course_lib.grading.plugins.trusted import _test_cell, is_lesson_cell
from course_lib.grading.tools.submissions import (
    Case,
    build_submission,
    load_cases,
    parse_case,
)
from course_lib.instructor.hidden_checks import ASSIGNMENTS, checks_for, judge_outputs

pytestmark = pytest.mark.slow

_FEWER = {"gradient_checking": 8}


def seeds(assignment: str) -> range:
    chosen = os.environ.get("COURSE_SWEEP_SEEDS")
    return range(int(chosen) if chosen else _FEWER.get(assignment, 20))


def _notebooks(assignment: str):
    folder = ROOT / "source" / assignment
    source = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
    release = nbformat.read(ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    return source, release


def namespace_of(nb) -> dict:
    """Run the notebook's code in one namespace as the grader does, without its lesson cells
    and hidden-test cells (line magics dropped; a cell that raises, such as a visible check
    failing a mistake, is left behind as in an autograde run)."""
    namespace: dict = {"__name__": "__main__"}
    for cell in nb.cells:
        if cell.cell_type != "code" or is_lesson_cell(cell) or _test_cell(cell):
            continue
        code = "\n".join(line for line in cell.source.splitlines()
                         if not line.lstrip().startswith(("%", "!")))
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with contextlib.suppress(Exception):
                exec(compile(code, f"<cell {cell.get('id')}>", "exec"), namespace)  # noqa: S102
    plt.close("all")
    return namespace


@functools.cache
def _inputs(assignment: str, seed: int, k: int):
    """Check ``k``'s inputs on ``seed`` as the grader's JSON gives them back: the same for
    every case, so drawn once per worker (each case gets a deep copy, which it may change)."""
    check = checks_for(assignment)[k]
    return plain.round_trip(check.inputs(np.random.default_rng([seed, k])))


def failures_by_seed(assignment: str, namespace: dict) -> dict[int, dict[str, str]]:
    """seed -> {function: message of its first failing check} (only seeds with a failure)."""
    checks = checks_for(assignment)
    result = {}
    for seed in seeds(assignment):
        failed: dict[str, str] = {}
        for k, check in enumerate(checks):
            inputs = copy.deepcopy(_inputs(assignment, seed, k))
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                outputs = check.probe(namespace, check.function, inputs)
            verdict = judge_outputs(check, inputs, plain.round_trip(outputs))
            if not verdict and check.function not in failed:
                failed[check.function] = f"{check.aspect}: {verdict.message}"
        result[seed] = failed
    return result


EXAMPLES = ROOT / "examples" / "students"
HONEST_EXAMPLES = ("alice", "bob")


def _cases(assignment: str) -> dict[str, Case]:
    """The submission cases of the tests and the demo's honest example students, those built
    on the solutions and without structural mutations (hostile code, such as a cell calling
    ``os._exit``, runs only in the sandbox of the pipeline tests)."""
    found = {c.name: c for c in load_cases(CASES / assignment)}
    for path in sorted(EXAMPLES.glob(f"*/{assignment}.py")):
        if path.parent.name not in HONEST_EXAMPLES:
            continue
        found[f"example_{path.parent.name}"] = parse_case(path)
    return {name: c for name, c in found.items() if c.base == "solutions" and not c.mutations}


PARAMS = [(a, name) for a in ASSIGNMENTS if checks_for(a) for name in _cases(a)]


@pytest.mark.parametrize(("assignment", "name"), PARAMS, ids=[f"{a}/{n}" for a, n in PARAMS])
def test_case_expectation_holds_on_every_seed(assignment, name):
    case = _cases(assignment)[name]
    functions = {c.function for c in checks_for(assignment)}
    namespace = namespace_of(build_submission(case, *_notebooks(assignment)))
    errors = []
    for seed, failed in failures_by_seed(assignment, namespace).items():
        for function in sorted(functions):
            should_lose = case.expect == "zero" or function in case.lose
            if should_lose and function not in failed:
                errors.append(f"seed {seed}: {function} passes every check but should lose")
            if not should_lose and function in failed:
                errors.append(f"seed {seed}: {function} fails {failed[function]}")
    assert not errors, "\n".join(errors[:10]) + f"\n({len(errors)} in all)"


def test_the_sweep_can_fail():
    """A function right on most inputs but wrong on rare ones is caught on some seed and passed
    on others: the sweep sees what one autograde run may miss."""
    case = next(c for c in load_cases(CASES / "normalization") if c.name == "ok_solutions")
    namespace = namespace_of(build_submission(case, *_notebooks("normalization")))
    right = namespace["normalize_inputs"]
    calls = {"n": 0}

    def sometimes_wrong(X, mu, sigma):
        calls["n"] += 1
        out = right(X, mu, sigma)
        return out + 1e-3 if calls["n"] % 23 == 0 else out

    namespace["normalize_inputs"] = sometimes_wrong
    failures = failures_by_seed("normalization", namespace)
    seeds_failing = [s for s, failed in failures.items() if "normalize_inputs" in failed]
    assert 0 < len(seeds_failing) < len(seeds("normalization"))
