"""Its He function forges the grader's probe result with malformed plain data ({"__error__": []}, {"__dict__": []}, ...) by swapping the json module of course_lib.core.plain (this once left the whole submission not graded)."""
# expect: lose initialize_parameters_he
# reason: could not read what initialize_parameters_he returned
# ruff: noqa
# %% initialize_parameters_he
import json as _json
import types as _types

import course_lib.core.plain as _plain

_FORGED = ['{"__dict__": {"defined": true, "outputs": {"__error__": []}}}',
           '{"__dict__": {"defined": true, "outputs": {"__dict__": []}}}',
           '{"__dict__": {"defined": true, "outputs": [{"__float__": []}, {"__tuple__": 7}]}}',
           '{"__dict__": {"defined": true, "outputs": {"__array__": {"dtype": "<f8"}}}}']


def _forge(obj, *args, **kwargs):
    _plain.json = _json  # once: the next result is honest again, unless He is called again
    _FORGED.append(_FORGED.pop(0))
    return _FORGED[0]


def initialize_parameters_he(layers_dims):
    _plain.json = _types.SimpleNamespace(dumps=_forge, loads=_json.loads)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
