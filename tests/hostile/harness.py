"""Grade the hostile corpus (``tests/hostile/cases/*.py``) through plain ``nbgrader autograde``.

A batch is one temporary course (a copy of this course's config and sources), its release, one
submitted notebook per case plus honest students, and one ``nbgrader autograde`` run. The same
batch can be graded with this course's config (``variant="course"``) or with stock nbgrader 0.9.6
(``variant="stock"``: nbgrader's default reader and preprocessors).
"""

from __future__ import annotations

import re
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import release_cache

from course_lib.grading.tools import course, submissions

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "cases"
PIPELINE_CASES = ROOT / "tests" / "submissions" / "initialization"
ASSIGNMENT = "initialization"

#: Honest students graded in every batch, beside the hostile ones (names sort first, so that a
#: submission that attacks the gradebook is graded after them).
HONEST = {"aa_honest_perfect": "ok_solutions", "aa_honest_partial": "lose_he_no_sqrt",
          "aa_honest_blank": "zero_blank_release"}

#: Small limits for the tests, so that hangs and bombs cost seconds.
TEST_CONFIG = """
# test-only limits (tests/hostile/harness.py)
c.TrustedExecute.cell_timeout = 8
c.TrustedExecute.notebook_timeout = 60
c.TrustedExecute.memory_mb = 1536
c.TrustedExecute.file_mb = 16
c.TrustedExecute.tmpfs_mb = 48
c.TrustedExecute.nproc = 64
c.TrustedExecute.cpu_seconds = 120
"""

#: Stock nbgrader 0.9.6: its own defaults for reading, sanitizing, autograding and feedback.
STOCK_CONFIG = """
# stock nbgrader 0.9.6 (tests/hostile/harness.py)
from nbconvert.exporters import NotebookExporter
from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearOutput,
    DeduplicateIds, Execute, GetGrades, IgnorePattern, LimitOutput, OverwriteCells,
    OverwriteKernelspec, SaveAutoGrades)
c.Autograde.exporter_class = NotebookExporter
c.Autograde.sanitize_preprocessors = [ClearOutput, DeduplicateIds, OverwriteKernelspec,
                                      OverwriteCells, CheckCellMetadata]
c.Autograde.autograde_preprocessors = [Execute, IgnorePattern, ClearMetadataPreprocessor,
                                       LimitOutput, SaveAutoGrades, AssignLatePenalties,
                                       CheckCellMetadata]
c.GenerateFeedback.preprocessors = [GetGrades, CSSHTMLHeaderPreprocessor]
c.Execute.timeout = 30
"""


@dataclass
class Batch:
    root: Path
    variant: str
    cases: dict[str, submissions.Case]
    # student -> function -> [score, max]
    by_function: dict[str, dict[str, list[float]]]
    # student -> grade_id -> score
    by_grade: dict[str, dict[str, float]]
    log: str
    seconds: float
    leaks: dict[str, list[str]] = field(default_factory=dict)


def hostile_cases() -> dict[str, submissions.Case]:
    return {c.name: c for c in submissions.load_cases(CASES)}


#: The corpus is graded in this many nbgrader batches, each beside the honest students, so that
#: separate xdist workers can grade them at the same time (``xdist_group(batch_group(k))``).
N_BATCHES = 3


def batch_of(name: str) -> int:
    """The batch of a hostile case: round robin over the sorted names, which spreads each kind
    of attack (and the slow resource cases) over the batches."""
    return sorted(hostile_cases()).index(name) % N_BATCHES


def batch_group(k: int) -> str:
    return f"hostile-{k}"


def batch_cases(k: int) -> dict[str, submissions.Case]:
    """The honest students and the hostile cases of batch ``k``."""
    return dict(honest_cases(), **{n: c for n, c in hostile_cases().items() if batch_of(n) == k})


def hostile_batch(k: int, make_workdir) -> Batch:
    """Batch ``k`` of the corpus, graded once per test process."""
    return cached_batch(f"course-{k}", make_workdir, cases=batch_cases(k))


def honest_cases() -> dict[str, submissions.Case]:
    cases = {}
    for student, name in HONEST.items():
        case = submissions.parse_case(PIPELINE_CASES / f"{name}.py")
        case.name = student
        cases[student] = case
    return cases


def make_course(workdir: Path, variant: str = "course", extra: str = "") -> Path:
    """A temporary course with the release generated (``variant``: course or stock)."""
    root = course.make_course_copy(ROOT, workdir)
    config = root / "nbgrader_config.py"
    text = config.read_text()
    if variant == "course":
        text += TEST_CONFIG
    elif variant == "stock":
        text += STOCK_CONFIG
    else:
        raise ValueError(variant)
    config.write_text(text + extra)
    release_cache.generate_release(root, ASSIGNMENT)
    return root


def submit_cases(root: Path, cases: dict[str, submissions.Case]) -> None:
    source = nbformat.read(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    release = nbformat.read(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for name, case in cases.items():
        text = submissions.submission_text(case, source, release)
        course.submit(root, name, ASSIGNMENT, text)


_LEAK = re.compile(r"LEAK: [^\n\"]*")


def leaks(root: Path, student: str) -> list[str]:
    """``LEAK: ...`` lines printed by the student's code (in the autograded notebook's
    outputs): what the hostile code managed to do."""
    path = root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    if not path.exists():
        return []
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:
        return []
    found = set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("text", "") if out.get("output_type") == "stream" else str(
                out.get("data", {}).get("text/plain", ""))
            found.update(m.strip() for m in _LEAK.findall(text))
    return sorted(found)


def grade(root: Path, variant: str, cases: dict[str, submissions.Case]) -> Batch:
    """Submit ``cases`` (student name -> case) and run ``nbgrader autograde`` once."""
    submit_cases(root, cases)
    started = time.monotonic()
    proc = course.autograde(root, ASSIGNMENT)
    seconds = time.monotonic() - started
    by_function: dict = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    by_grade: dict = defaultdict(dict)
    for s in course.read_scores(root):
        cell = by_function[s.student][course.function_of(s.grade_id)]
        cell[0] += s.score
        cell[1] += s.max_score
        by_grade[s.student][s.grade_id] = s.score
    return Batch(root, variant, cases, {k: dict(v) for k, v in by_function.items()},
                 dict(by_grade), proc.stdout + proc.stderr, seconds,
                 {name: leaks(root, name) for name in cases})


def graded_batch(workdir: Path, variant: str = "course", cases=None, extra: str = "") -> Batch:
    cases = dict(honest_cases(), **hostile_cases()) if cases is None else cases
    root = make_course(workdir, variant, extra)
    return grade(root, variant, cases)


_CACHE: dict[str, Batch] = {}


def cached_batch(key: str, make_workdir, **kwargs) -> Batch:
    """One graded batch per ``key`` and test session (shared by the test modules)."""
    if key not in _CACHE:
        _CACHE[key] = graded_batch(make_workdir(), **kwargs)
    return _CACHE[key]


def function_errors(batch: Batch, name: str) -> list[str]:
    """How a student's grades differ from the case's ``# expect:`` line."""
    case = batch.cases[name]
    scores = batch.by_function.get(name)
    if not scores:
        return [f"{name}: no grades in the gradebook"]
    errors = []
    for function, (score, max_score) in sorted(scores.items()):
        should_lose = case.expect == "zero" or function in case.lose
        if case.expect == "zero" and score != 0:
            errors.append(f"{name}: {function} got {score}/{max_score}, expected 0")
        elif should_lose and score >= max_score:
            errors.append(f"{name}: {function} got full marks but should lose points")
        elif not should_lose and score < max_score:
            errors.append(f"{name}: {function} got {score}/{max_score}, expected full marks")
    return errors


def outcome(batch: Batch, name: str) -> str:
    """A short description of a student's grade, for the comparison table."""
    scores = batch.by_function.get(name)
    if not scores:
        return "not graded"
    total = sum(s for s, _ in scores.values())
    top = sum(m for _, m in scores.values())
    lost = [f.replace("initialize_parameters_", "") for f, (s, m) in sorted(scores.items())
            if s < m]
    if total == top:
        return f"{total:g}/{top:g} full"
    if total == 0:
        return f"0/{top:g}"
    return f"{total:g}/{top:g} (lost {', '.join(lost)})"


def copy_tree(src: Path, dst: Path) -> None:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
