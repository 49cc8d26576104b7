"""Submissions kept as data: a case file says how a student's notebook differs from the release.

A case file is Python text with a header and sections::

    \"\"\"He with fan-out instead of fan-in.\"\"\"
    # expect: lose initialize_parameters_he
    # base: solutions
    # %% initialize_parameters_he
    def initialize_parameters_he(layers_dims):
        ...
    # %% +after initialize_parameters_he
    print("an extra cell the student added")

Header lines (before the first ``# %%``):

- ``# expect: full`` (every point), ``# expect: zero`` (no point), or
  ``# expect: lose f1 f2 ...`` (every point but those of the graded functions listed);
- ``# base: solutions`` (default: the release with every solution cell filled from the
  instructor's source) or ``# base: release`` (the blank release).

Sections: ``# %% <grade_id>`` replaces that solution cell's code; ``# %% +after <grade_id>``
inserts a new code cell after it; ``# %% +end`` appends one.

Hostile and broken submissions (``tests/hostile/``) use more header lines, all optional:

- ``# mutate: <operation>`` (repeatable, applied in order after the sections, see
  :func:`mutate`): ``delete <grade_id>``, ``duplicate <grade_id>``,
  ``retype <grade_id> <code|markdown|raw>``, ``meta <grade_id> <key> <json value>``,
  ``rename <grade_id> <new_id>``, ``kernelspec <name>``, ``clear`` (no cells), and on the file's
  text: ``text truncate <fraction>``, ``text replace <text>`` (the whole file; may be empty);
- ``# flags: <category>; <category>``: flag categories the instructor's report must show;
- ``# reason: <text>``: text that must appear in the report's reason for a zero;
- ``# stock: <note>``: how to run the case with stock nbgrader (``skip <why>`` for cases that
  would harm the machine without a sandbox).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

__all__ = ["Case", "parse_case", "load_cases", "build_submission", "strip_solution_markers",
           "mutate", "submission_text"]

_SECTION = re.compile(r"^# %% (\+after |\+end)?\s*([A-Za-z0-9_]*)\s*$")


@dataclass
class Case:
    name: str
    description: str
    expect: str = "full"            # "full", "zero" or "lose"
    lose: tuple[str, ...] = ()      # graded functions expected to lose their points
    base: str = "solutions"         # "solutions" or "release"
    replace: dict[str, str] = field(default_factory=dict)
    insert_after: list[tuple[str, str]] = field(default_factory=list)  # ("" = at the end)
    mutations: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    stock: str = ""


def parse_case(path: Path | str) -> Case:
    path = Path(path)
    text = path.read_text()
    doc = re.match(r'\s*"""(.*?)"""', text, re.S)
    case = Case(name=path.stem, description=(doc.group(1).strip() if doc else ""))
    section: tuple[str, str] | None = None
    body: list[str] = []

    def close():
        if section is None:
            return
        kind, target = section
        code = "\n".join(body).strip("\n")
        if kind == "replace":
            case.replace[target] = code
        else:
            case.insert_after.append((target, code))

    for line in text.splitlines():
        match = _SECTION.match(line)
        if match:
            close()
            flag, target = match.groups()
            if flag is None:
                section = ("replace", target)
            else:
                section = ("insert", "" if flag == "+end" else target)
            body = []
        elif section is not None:
            body.append(line)
        elif line.startswith("# expect:"):
            words = line.split(":", 1)[1].split()
            case.expect = words[0]
            case.lose = tuple(words[1:])
            if case.expect not in ("full", "zero", "lose"):
                raise ValueError(f"{path}: unknown expectation {case.expect!r}")
        elif line.startswith("# mutate:"):
            case.mutations.append(line.split(":", 1)[1].strip())
        elif line.startswith("# flags:"):
            case.flags += [f.strip() for f in line.split(":", 1)[1].split(";") if f.strip()]
        elif line.startswith("# reason:"):
            case.reasons.append(line.split(":", 1)[1].strip())
        elif line.startswith("# stock:"):
            case.stock = line.split(":", 1)[1].strip()
        elif line.startswith("# base:"):
            case.base = line.split(":", 1)[1].strip()
            if case.base not in ("solutions", "release"):
                raise ValueError(f"{path}: unknown base {case.base!r}")
    close()
    return case


def load_cases(folder: Path | str) -> list[Case]:
    """Every ``*.py`` case of a folder, sorted by name."""
    return [parse_case(p) for p in sorted(Path(folder).glob("*.py"))]


_MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")


def strip_solution_markers(code: str) -> str:
    return "\n".join(line for line in code.splitlines() if not _MARKER.match(line))


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def build_submission(case: Case, source_nb, release_nb):
    """The notebook a student with this case would submit (a new ``NotebookNode``)."""
    nb = copy.deepcopy(release_nb)
    solutions = {_grade_id(c): strip_solution_markers(c.source)
                 for c in source_nb.cells if c.get("metadata", {}).get("nbgrader", {})
                 .get("solution")}
    known = {_grade_id(c) for c in nb.cells}
    for target in list(case.replace) + [t for t, _ in case.insert_after if t]:
        if target not in known:
            raise KeyError(f"case {case.name}: no cell with grade_id {target!r}")
    for cell in nb.cells:
        gid = _grade_id(cell)
        if gid in case.replace:
            cell.source = case.replace[gid]
        elif case.base == "solutions" and gid in solutions:
            cell.source = solutions[gid]
    for n, (target, code) in enumerate(case.insert_after):
        new = nbformat.v4.new_code_cell(code)
        new.id = f"student-extra-{n}"
        if not target:
            nb.cells.append(new)
            continue
        index = next(i for i, c in enumerate(nb.cells) if _grade_id(c) == target)
        nb.cells.insert(index + 1, new)
    return nb


def _cells_with(nb, grade_id: str) -> list[int]:
    found = [i for i, c in enumerate(nb.cells) if _grade_id(c) == grade_id]
    if not found:
        raise KeyError(f"no cell with grade_id {grade_id!r}")
    return found


def mutate(nb, operation: str):
    """Apply one notebook-level ``# mutate:`` operation to ``nb`` (in place)."""
    import json

    words = operation.split()
    op, args = words[0], words[1:]
    if op == "delete":
        for i in reversed(_cells_with(nb, args[0])):
            del nb.cells[i]
    elif op == "duplicate":
        i = _cells_with(nb, args[0])[0]
        twin = copy.deepcopy(nb.cells[i])
        twin.id = f"{twin.get('id', 'cell')}-copy"[:64]
        nb.cells.insert(i + 1, twin)
    elif op == "retype":
        for i in _cells_with(nb, args[0]):
            old = nb.cells[i]
            make = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell,
                    "raw": nbformat.v4.new_raw_cell}[args[1]]
            new = make(old.source, metadata=old.metadata)
            new.id = old.get("id", new.id)
            nb.cells[i] = new
    elif op == "meta":
        for i in _cells_with(nb, args[0]):
            nb.cells[i].metadata["nbgrader"][args[1]] = json.loads(" ".join(args[2:]))
    elif op == "rename":
        for i in _cells_with(nb, args[0]):
            nb.cells[i].metadata["nbgrader"]["grade_id"] = args[1]
    elif op == "kernelspec":
        nb.metadata["kernelspec"] = {"name": args[0], "display_name": args[0],
                                     "language": args[0]}
    elif op == "clear":
        nb.cells = []
    else:
        raise ValueError(f"unknown mutation {operation!r}")
    return nb


def submission_text(case: Case, source_nb, release_nb) -> str:
    """The file a student with this case would submit, as text (mutations applied)."""
    nb = build_submission(case, source_nb, release_nb)
    text = None
    for operation in case.mutations:
        if operation.startswith("text "):
            if text is None:
                text = nbformat.writes(nb)
            words = operation.split(None, 2)
            if words[1] == "truncate":
                text = text[: int(len(text) * float(words[2]))]
            elif words[1] == "replace":
                text = words[2] if len(words) > 2 else ""
                text = text.encode().decode("unicode_escape")
            else:
                raise ValueError(f"unknown mutation {operation!r}")
        else:
            if text is not None:
                raise ValueError("notebook mutations must come before text mutations")
            mutate(nb, operation)
    if text is None:
        # nbformat.writes validates and would refuse some hostile edits: dump the JSON as is.
        import json

        text = json.dumps(nb, indent=1)
    return text
