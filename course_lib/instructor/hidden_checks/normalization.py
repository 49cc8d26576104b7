"""Hidden checks of the normalization assignment.

- ``compute_normalization_parameters``: features of very different means and spreads, few
  examples (so that ``ddof=1`` is 8% or more off), ``n_x`` smaller than, larger than and equal
  to ``m`` (a square ``X`` gives axis mistakes the right shape), a constant feature. ``values``
  accepts ``(n_x,)`` columns; ``shapes`` asks for ``(n_x, 1)`` as the contract says.
- ``normalize_inputs``: statistics passed in that are not ``X``'s own (as for a dev set), a
  constant feature (``sigma = 0``, and ``X - mu = 0`` there, as on the data the statistics came
  from), and the caller's ``X`` unchanged after the call.
- ``normalize_splits``: judged apart from the two functions above. While it runs, the probe binds
  ``compute_normalization_parameters`` and ``normalize_inputs`` to stand-ins (min/range scaling,
  which no one would write by mistake), so a submission that calls them is judged on what it
  passes where; a submission that writes the maths inline is judged against the reference.
"""

from __future__ import annotations

import numpy as np

from course_lib.core import plain
from course_lib.grading.sandbox.probes.normalization import (
    probe_normalize_inputs,
    probe_splits,
    stand_in_normalize,
    stand_in_parameters,
)
from course_lib.instructor.hidden_checks import Check
from course_lib.judges import fail, first_failure
from course_lib.judges.normalization import (
    judge_normalized,
    judge_parameters,
    judge_splits,
    judge_unchanged_array,
)

__all__ = ["CHECKS", "stand_in_parameters", "stand_in_normalize", "feature_matrix"]


def feature_matrix(rng, n_x: int, m: int, constant_row: int | None = None) -> np.ndarray:
    """``(n_x, m)``: each feature with its own mean (-50..50) and spread (0.1..20)."""
    loc = rng.uniform(-50, 50, size=(n_x, 1))
    scale = np.exp(rng.uniform(np.log(0.1), np.log(20), size=(n_x, 1)))
    X = loc + scale * rng.standard_normal((n_x, m))
    if constant_row is not None:
        X[constant_row] = np.round(loc[constant_row, 0], 2)
    return X


# --- compute_normalization_parameters ------------------------------------------------------------

def parameters_inputs(rng):
    return [{"args": [feature_matrix(rng, 3, 7)]},
            {"args": [feature_matrix(rng, 5, 4, constant_row=2)]},
            {"args": [feature_matrix(rng, 1, 6)]},
            {"args": [feature_matrix(rng, 4, 4)]}]


def shape_inputs(rng):
    return [{"args": [feature_matrix(rng, 2, 9)]}, {"args": [feature_matrix(rng, 6, 3)]},
            {"args": [feature_matrix(rng, 4, 4)]}]


def _judge_parameters(strict_shape):
    def run(inputs, outputs):
        from course_lib.instructor.reference.normalization import (
            compute_normalization_parameters,
            parameter_mistakes,
        )

        return first_failure(
            judge_parameters(out, case["args"][0],
                             compute_normalization_parameters(case["args"][0]),
                             lambda X=case["args"][0]: parameter_mistakes(X),
                             strict_shape=strict_shape)
            for case, out in zip(inputs, outputs, strict=True))
    return run


# --- normalize_inputs ----------------------------------------------------------------------------

def _stats(X):
    mu = X.mean(axis=1, keepdims=True)
    return mu, np.sqrt(((X - mu) ** 2).mean(axis=1, keepdims=True))


def _dev_case(rng, n_x, m_train, m_dev):
    X_train = feature_matrix(rng, n_x, m_train)
    mu, sigma = _stats(X_train)
    X_dev = mu + sigma * (0.5 + 1.5 * rng.standard_normal((n_x, m_dev)))
    return {"X": X_dev, "mu": mu, "sigma": sigma}


def normalize_inputs_values(rng):
    X = feature_matrix(rng, 3, 8)
    mu, sigma = _stats(X)
    return [{"X": X, "mu": mu, "sigma": sigma}, _dev_case(rng, 4, 10, 5),
            _dev_case(rng, 2, 6, 7)]


def normalize_inputs_constant(rng):
    X = feature_matrix(rng, 4, 6, constant_row=1)
    mu, sigma = _stats(X)
    # The mean of six equal floats can be one ulp off the value; the statistics of a constant
    # feature are exactly (value, 0), so that X - mu is 0 there, as it is on the data the
    # statistics came from.
    mu[1, 0], sigma[1, 0] = X[1, 0], 0.0
    dev = _dev_case(rng, 3, 8, 4)
    dev["X"][0] = dev["mu"][0, 0] = 7.25
    dev["sigma"][0, 0] = 0.0
    return [{"X": X, "mu": mu, "sigma": sigma}, dev]


def judge_normalize_values(inputs, outputs):
    from course_lib.instructor.reference.normalization import (
        normalize_inputs,
        normalize_mistakes,
    )

    return first_failure(
        judge_normalized(out["result"], normalize_inputs(c["X"], c["mu"], c["sigma"]),
                         f"normalize_inputs(X, mu, sigma) for X of shape {c['X'].shape}",
                         lambda c=c: normalize_mistakes(c["X"], c["mu"], c["sigma"]),
                         sigma=c["sigma"])
        for c, out in zip(inputs, outputs, strict=True))


def judge_leaves_X(inputs, outputs):
    verdicts = []
    for c, out in zip(inputs, outputs, strict=True):
        if isinstance(out["result"], plain.CallError):
            verdicts.append(fail(f"normalize_inputs raised {out['result']}"))
        verdicts.append(judge_unchanged_array(c["X"], out["X"], "the caller's X"))
    return first_failure(verdicts)


# --- normalize_splits ----------------------------------------------------------------------

def splits_inputs(rng):
    cases = []
    for n_x, sizes in ((3, (12, 5, 4)), (2, (9, 6, 3))):
        X_train = feature_matrix(rng, n_x, sizes[0])
        mu, sigma = _stats(X_train)
        X_dev = mu + sigma * (1.0 + 0.6 * rng.standard_normal((n_x, sizes[1])))
        X_test = mu + sigma * (-0.8 + 2.0 * rng.standard_normal((n_x, sizes[2])))
        cases.append({"args": [X_train, X_dev, X_test]})
    return cases


def _expected_splits(X_train, X_dev, X_test, stats, normalize):
    """What a correct ``normalize_splits`` returns with the statistics function ``stats``,
    and what the usual mistakes return."""
    mu, sigma = stats(X_train)
    right = (normalize(X_train, mu, sigma), normalize(X_dev, mu, sigma),
             normalize(X_test, mu, sigma), mu, sigma)
    everything = np.concatenate([X_train, X_dev, X_test], axis=1)
    mu_all, sigma_all = stats(everything)
    mu_dev, sigma_dev = stats(X_dev)
    mu_test, sigma_test = stats(X_test)
    mistakes = {
        "dev_own": (right[0], normalize(X_dev, mu_dev, sigma_dev), right[2], mu, sigma),
        "test_own": (right[0], right[1], normalize(X_test, mu_test, sigma_test), mu, sigma),
        "each_own": (right[0], normalize(X_dev, mu_dev, sigma_dev),
                     normalize(X_test, mu_test, sigma_test), mu, sigma),
        "all_sets": tuple(normalize(X, mu_all, sigma_all) for X in (X_train, X_dev, X_test))
        + (mu_all, sigma_all),
        "dev_stats": tuple(normalize(X, mu_dev, sigma_dev) for X in (X_train, X_dev, X_test))
        + (mu_dev, sigma_dev),
        "test_raw": (right[0], right[1], X_test, mu, sigma),
        "dev_raw": (right[0], X_dev, right[2], mu, sigma),
        "order": (right[1], right[0], right[2], mu, sigma),
    }
    return right, mistakes


def _close(a, b) -> bool:
    return (isinstance(a, np.ndarray) and a.shape == np.shape(b)
            and bool(np.allclose(a, b, rtol=1e-6, atol=1e-9)))


def _judge_splits(part):
    """``part`` is ``"train"`` (mu, sigma, X_train_n) or ``"dev_test"`` (X_dev_n, X_test_n)."""
    keep = (0, 3, 4) if part == "train" else (1, 2)

    def run(inputs, outputs):
        from course_lib.instructor.reference.normalization import (
            compute_normalization_parameters as stats,
        )
        from course_lib.instructor.reference.normalization import normalize_inputs

        verdicts = []
        for case, out in zip(inputs, outputs, strict=True):
            X_train, X_dev, X_test = case["args"]
            stand_in = _expected_splits(X_train, X_dev, X_test, stand_in_parameters,
                                        stand_in_normalize)
            inline = _expected_splits(X_train, X_dev, X_test, stats, normalize_inputs)
            # A submission that calls the two functions gets the stand-ins' statistics back;
            # one that writes the maths inline gets the true ones.
            mu = out[3] if isinstance(out, (tuple, list)) and len(out) == 5 else None
            uses_stand_ins = any(_close(mu, value[3]) for value in
                                 [stand_in[0], *stand_in[1].values()])
            right, mistakes = stand_in if uses_stand_ins else inline
            verdicts.append(judge_splits(out, right, mistakes, keep))
        return first_failure(verdicts)
    return run


CHECKS = [
    Check("compute_normalization_parameters", "values",
          "compute_normalization_parameters: per-feature mean and standard deviation",
          parameters_inputs, _judge_parameters(strict_shape=False), points=2),
    Check("compute_normalization_parameters", "shapes",
          "compute_normalization_parameters: mu and sigma are columns (n_x, 1)",
          shape_inputs, _judge_parameters(strict_shape=True), points=1),
    Check("normalize_inputs", "values",
          "normalize_inputs: (X - mu) / sigma with the statistics passed in",
          normalize_inputs_values, judge_normalize_values, probe_normalize_inputs, points=2),
    Check("normalize_inputs", "constant_feature",
          "normalize_inputs: a feature with sigma = 0 maps to 0, never nan or inf",
          normalize_inputs_constant, judge_normalize_values, probe_normalize_inputs, points=1),
    Check("normalize_inputs", "leaves_X", "normalize_inputs: the caller's X is not modified",
          normalize_inputs_values, judge_leaves_X, probe_normalize_inputs, points=1),
    Check("normalize_splits", "train_statistics",
          "normalize_splits: mu and sigma from X_train, and X_train normalized with them",
          splits_inputs, _judge_splits("train"), probe_splits, points=2),
    Check("normalize_splits", "dev_and_test",
          "normalize_splits: X_dev and X_test normalized with the training set's mu and sigma",
          splits_inputs, _judge_splits("dev_test"), probe_splits, points=2),
]
