"""The experiment of ``notebooks/02_mismatched_distributions``: which model does a dev set pick,
when the dev set comes from the wrong distribution?

Four candidates (two network sizes, each trained on web data alone or on web plus app data)
are scored on a web dev set, an app dev set and an app test set
(:func:`course_lib.core.data.load_mismatched`). Shapes: ``X (2, m)``, ``Y (1, m)``.
"""

from __future__ import annotations

import numpy as np

from course_lib.core import nn
from course_lib.lessons import experiments

__all__ = ["SIZES", "RECIPES", "SCORED_ON", "candidates", "pick"]

SIZES = ((2, 5, 1), (2, 20, 10, 1))
RECIPES = ("web only", "web + app")
SCORED_ON = ("web_dev", "app_dev", "app_test", "web_test")


def candidates(sets: dict, *, num_iterations: int = 1500, seed: int = 1
               ) -> tuple[dict[str, dict], dict[str, dict[str, float]]]:
    """Train the four candidates on ``sets`` (a :func:`~course_lib.core.data.load_mismatched`
    dict) and score them. Returns ``(parameters, scores)``, both keyed by a name such as
    ``"web only, [2, 5, 1]"``; ``scores[name][s]`` is the accuracy on set ``s``."""
    web, app = sets["web_train"], sets["app_train"]
    training = {"web only": web,
                "web + app": (np.hstack([web[0], app[0]]), np.hstack([web[1], app[1]]))}
    params, scores = {}, {}
    for recipe in RECIPES:
        for dims in SIZES:
            name = f"{recipe}, {list(dims)}"
            params[name], _ = experiments.fit(*training[recipe], dims,
                                              np.random.default_rng(seed), learning_rate=0.5,
                                              num_iterations=num_iterations,
                                              record_every=num_iterations)
            scores[name] = {s: nn.accuracy(*sets[s], params[name], nn.deep_forward)
                            for s in SCORED_ON}
    return params, scores


def pick(scores: dict[str, dict[str, float]], dev: str) -> str:
    """The candidate with the best accuracy on the dev set named ``dev``."""
    return max(scores, key=lambda name: scores[name][dev])
