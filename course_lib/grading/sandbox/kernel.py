"""Kernel side of the trusted grader: what the sandbox runner asks the notebook's kernel to do.

- :func:`run` calls one check's probe (from :mod:`course_lib.grading.sandbox.probes`, named in
  the grader's plain-data JSON file with the inputs) and writes the outputs as plain-data JSON;
  the grader judges them outside the kernel, which never sees a hidden check or the reference.
- :func:`snapshot` (before any student code) makes ``exit()`` end the cell only (as
  ``sys.exit()`` does), not the kernel;
- :func:`snapshot` and :func:`integrity` (after the notebook) list
  functions of numpy, ``course_lib``, the builtins and IPython that the notebook replaced. This
  runs in a kernel that ran student code, so it is evidence for the report only: scores never
  depend on it.
"""

from __future__ import annotations

import json
import sys

__all__ = ["run", "snapshot", "integrity"]

_PROBES = "course_lib.grading.sandbox.probes"
_MODULES = ("builtins", "numpy", "numpy.random", "numpy.linalg", "json", "course_lib",
            "course_lib.core.plain", "course_lib.core.gradcheck", _PROBES,
            "course_lib.grading.sandbox.kernel", "course_lib.judges", "course_lib.core.nn")
_SHELL_METHODS = ("run_cell", "run_cell_async", "run_ast_nodes", "run_code", "showtraceback",
                  "_showtraceback", "showsyntaxerror", "transform_cell", "should_run_async")
_SNAPSHOT: dict[str, object] = {}
_REAL_MODULES: dict[str, object] = {}
_RESTORED: set[str] = set()


def run(grade_id: str, inputs_path: str, out_path: str, namespace: dict) -> None:
    """Probe check ``grade_id`` against ``namespace`` and write ``{"defined", "outputs"}``.

    The inputs file is ``{"probe": "<module>:<function>", "function": ..., "inputs": ...}``."""
    try:
        _restore_modules()
        from course_lib.core import plain
        from course_lib.grading.sandbox.probes import find_probe

        with open(inputs_path) as f:
            job = plain.loads(f.read())
        probe, function = find_probe(job["probe"]), str(job["function"])
        defined = callable(namespace.get(function))
        try:
            outputs = probe(namespace, function, job["inputs"])
        except (SystemExit, Exception) as exc:  # the student's code ended the call
            outputs = plain.CallError(type(exc).__name__, str(exc)[:500])
        text = plain.dumps({"defined": defined, "outputs": outputs})
    except Exception as exc:  # reported to the grader, which retries in a fresh kernel
        text = json.dumps({"probe_error": f"{type(exc).__name__}: {exc}"[:1000]})
    with open(out_path, "w") as f:
        f.write(text)


def _restore_modules() -> None:
    """Put back the course's modules if the notebook replaced them in ``sys.modules``."""
    for name, module in _REAL_MODULES.items():
        if sys.modules.get(name) is not module:
            _RESTORED.add(f"sys.modules[{name!r}]")
            sys.modules[name] = module


def _modules() -> dict[str, object]:
    import importlib

    found = {}
    for name in _MODULES:
        try:
            found[name] = importlib.import_module(name)
        except Exception:
            continue
    for name, module in list(sys.modules.items()):
        if name.startswith(("course_lib.checks.", "course_lib.judges.", _PROBES + ".")
                           ) and module is not None:
            found[name] = module
    return found


def _state() -> dict[str, object]:
    state: dict[str, object] = {}
    for name, module in _modules().items():
        state[f"sys.modules[{name!r}]"] = id(sys.modules.get(name))
        for attr, value in list(vars(module).items()):
            if attr.startswith("__") or not callable(value):
                continue
            state[f"{name}.{attr}"] = id(value)
    for attr in ("stdout", "stderr", "excepthook", "displayhook"):
        state[f"sys.{attr}"] = id(getattr(sys, attr, None))
    state["sys.meta_path"] = len(sys.meta_path)
    try:
        shell = get_ipython()  # noqa: F821 (defined in an IPython kernel)
    except NameError:
        return state
    cls = type(shell)
    for attr in _SHELL_METHODS:
        state[f"IPython shell {attr}"] = id(cls.__dict__.get(attr, getattr(cls, attr, None)))
        state[f"IPython shell instance {attr}"] = attr in vars(shell)
    state["IPython custom exception handler"] = tuple(shell.custom_exceptions) != ()
    state["IPython AST transformers"] = len(shell.ast_transformers)
    state["IPython input transformers"] = (len(shell.input_transformers_cleanup)
                                           + len(shell.input_transformers_post))
    for event in ("pre_execute", "pre_run_cell", "post_run_cell"):
        state[f"IPython {event} callbacks"] = len(shell.events.callbacks.get(event, []))
    return state


def _exit_ends_the_cell() -> None:
    """Stands in for the shell's ``ask_exit``: ``exit()`` and ``quit()`` end the cell as
    ``sys.exit()`` does, instead of ending the kernel 0.1 s later (after the cell was reported
    as finished, so that the cells after it would find no kernel)."""
    raise SystemExit("exit() ends this cell only while grading: the kernel goes on")


def _keep_kernel() -> None:
    try:
        shell = get_ipython()  # noqa: F821 (defined in an IPython kernel)
    except NameError:
        return
    shell.ask_exit = _exit_ends_the_cell
    try:  # ``shell.exit_now = True`` would stop the kernel's loop 0.1 s later
        handlers = shell._trait_notifiers["exit_now"]["change"]
        handlers[:] = [h for h in handlers
                       if getattr(h, "func", h).__name__ != "_update_exit_now"]
    except Exception:  # another ipykernel: exit() alone is covered
        pass


def snapshot() -> None:
    """Keep ``exit()`` from ending the kernel, and remember the state before the notebook
    runs."""
    import importlib
    import pkgutil

    _keep_kernel()

    from course_lib.core import plain  # noqa: F401 (loaded before any student code)
    from course_lib.grading.sandbox import probes

    for info in pkgutil.iter_modules(probes.__path__):
        try:
            importlib.import_module(f"{_PROBES}.{info.name}")
        except Exception:
            continue
    _REAL_MODULES.clear()
    _REAL_MODULES.update({name: module for name, module in sys.modules.items()
                          if name.startswith("course_lib") and module is not None})
    _SNAPSHOT.clear()
    _SNAPSHOT.update(_state())


def integrity(out_path: str) -> None:
    """Write the names whose state changed since :func:`snapshot` (a JSON list)."""
    now = _state()
    changed = sorted({k for k, v in _SNAPSHOT.items() if now.get(k, v) != v} | _RESTORED)
    with open(out_path, "w") as f:
        json.dump(changed, f)
