"""Reference solutions of the normalization assignment, and the values of its common mistakes.

Conventions: ``mu`` and ``sigma`` are columns ``(n_x, 1)``; ``sigma`` is the population standard
deviation (divide by ``m``, numpy's default ``ddof=0``, as in the chapter's formula); a feature
with ``sigma = 0`` maps to 0.
"""

from __future__ import annotations

import numpy as np


def compute_normalization_parameters(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-feature mean and standard deviation of ``X (n_x, m)``: ``(mu, sigma)``, each
    ``(n_x, 1)``."""
    mu = np.mean(X, axis=1, keepdims=True)
    sigma = np.sqrt(np.mean((X - mu) ** 2, axis=1, keepdims=True))
    return mu, sigma


def normalize_inputs(X: np.ndarray, mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """``(X - mu) / sigma`` with 0 where ``sigma == 0``; a new array (``X`` is not changed)."""
    safe = np.where(sigma == 0, 1.0, sigma)
    return np.where(sigma == 0, 0.0, (X - mu) / safe)


def normalize_splits(X_train, X_dev, X_test):
    """Normalize the three sets with the training set's statistics:
    ``(X_train_n, X_dev_n, X_test_n, mu, sigma)``."""
    mu, sigma = compute_normalization_parameters(X_train)
    return (normalize_inputs(X_train, mu, sigma), normalize_inputs(X_dev, mu, sigma),
            normalize_inputs(X_test, mu, sigma), mu, sigma)


# --- what the usual mistakes return ------------------------------------------------------------

def parameter_mistakes(X: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Mistake name -> ``(mu, sigma)`` that ``compute_normalization_parameters`` returns with it."""
    mu, sigma = compute_normalization_parameters(X)
    m = X.shape[1]
    out = {
        "variance": (mu, sigma ** 2),
        "no_centering": (mu, np.sqrt(np.mean(X ** 2, axis=1, keepdims=True))),
    }
    if m > 1:
        out["ddof1"] = (mu, sigma * np.sqrt(m / (m - 1)))
    if X.shape[0] == m:
        out["axis0"] = (X.mean(axis=0).reshape(-1, 1), X.std(axis=0).reshape(-1, 1))
    return out


def normalize_mistakes(X: np.ndarray, mu: np.ndarray, sigma: np.ndarray
                       ) -> dict[str, np.ndarray]:
    """Mistake name -> what ``normalize_inputs`` returns with it (nan/inf where they arise)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        own_mu, own_sigma = compute_normalization_parameters(X)
        return {
            "variance": np.where(sigma == 0, 0.0, (X - mu) / np.where(sigma == 0, 1, sigma ** 2)),
            "no_centering_inputs": np.where(sigma == 0, 0.0, X / np.where(sigma == 0, 1, sigma)),
            "wrong_order": np.where(sigma == 0, 0.0, X / np.where(sigma == 0, 1, sigma) - mu),
            "own_statistics": normalize_inputs(X, own_mu, own_sigma),
            "nan": (X - mu) / sigma,
        }
