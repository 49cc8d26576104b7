"""A synthetic class: N students per assignment, drawn from the course's submission cases.

Each student's notebook of an assignment is one case of ``tests/submissions/<assignment>/``
(correct variants ``ok_*``, common mistakes ``lose_*``, the blank release ``zero_*``) or, for a
few students, a hostile case of ``tests/hostile/cases`` (quick ones by default: no case that
only ends at a time limit), built from the course's release and written to
``submitted/<student>/<assignment>/<assignment>.ipynb``. The draw is seeded: the same arguments
give the same class.

    python -m course_lib.grading.tools.synthetic <course dir> --students 200 [--assignments ...]
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from course_lib.grading.tools import submissions
from course_lib.grading.tools.paths import course_root

__all__ = ["Pool", "pools", "draw", "write_class", "QUICK_HOSTILE", "MIX"]

#: Hostile cases that end quickly (no time-limit case: a class of them would measure timeouts).
QUICK_HOSTILE = ("files_read_gradebook", "files_copy_other_student", "env_sniff_grader",
                 "kernel_patch_judge", "resources_network", "structure_not_json",
                 "structure_deleted_test_cells", "structure_duplicated_test_cell")

#: Share of each kind in the class.
MIX = {"ok": 0.55, "lose": 0.33, "zero": 0.06, "hostile": 0.06}


@dataclass
class Pool:
    """The cases of one assignment by kind (``ok``, ``lose``, ``zero``, ``hostile``)."""

    assignment: str
    kinds: dict[str, list[submissions.Case]]


def pools(assignments: list[str], repo: Path | None = None,
          hostile: tuple[str, ...] = QUICK_HOSTILE) -> list[Pool]:
    """The case pools of ``assignments`` from ``<repo>/tests``; the hostile cases of an
    assignment are those that apply to its notebooks (the corpus is written against
    initialization: a case that deletes or replaces one of its cells applies to it only)."""
    repo = repo or course_root()
    evil = [submissions.parse_case(repo / "tests" / "hostile" / "cases" / f"{n}.py")
            for n in hostile]
    found = []
    for a in assignments:
        cases = submissions.load_cases(repo / "tests" / "submissions" / a)
        kinds = {k: [c for c in cases if c.name.startswith(k + "_")]
                 for k in ("ok", "lose", "zero")}
        source, release = (nbformat.read(repo / d / a / f"{a}.ipynb", as_version=4)
                           for d in ("source", "release"))
        kinds["hostile"] = [c for c in evil if _applies(c, source, release)]
        found.append(Pool(a, {k: v for k, v in kinds.items() if v}))
    return found


def _applies(case: submissions.Case, source, release) -> bool:
    """Whether ``case`` can be built from these notebooks (every cell it names exists)."""
    try:
        submissions.submission_text(case, source, release)
    except KeyError:
        return False
    return True


def draw(pool: Pool, n: int, seed: int = 0) -> list[submissions.Case]:
    """``n`` cases of ``pool`` in the shares of :data:`MIX` (seeded)."""
    rng = random.Random(f"{seed}-{pool.assignment}")
    kinds = [k for k in MIX if k in pool.kinds]
    weights = [MIX[k] for k in kinds]
    return [rng.choice(pool.kinds[rng.choices(kinds, weights)[0]]) for _ in range(n)]


def write_class(root: Path | str, n_students: int, assignments: list[str],
                seed: int = 0, repo: Path | None = None) -> dict[str, dict[str, str]]:
    """Write the class into ``<root>/submitted``; returns student -> assignment -> case name.
    ``root`` needs ``source/`` and ``release/`` of each assignment."""
    root = Path(root)
    drawn: dict[str, dict[str, str]] = {}
    for pool in pools(assignments, repo):
        a = pool.assignment
        source = nbformat.read(root / "source" / a / f"{a}.ipynb", as_version=4)
        release = nbformat.read(root / "release" / a / f"{a}.ipynb", as_version=4)
        texts: dict[str, str] = {}
        for i, case in enumerate(draw(pool, n_students, seed)):
            student = f"s{i + 1:04d}"
            if case.name not in texts:
                texts[case.name] = submissions.submission_text(case, source, release)
            folder = root / "submitted" / student / a
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{a}.ipynb").write_text(texts[case.name])
            drawn.setdefault(student, {})[a] = case.name
    return drawn


def main(argv: list[str] | None = None) -> int:
    from course_lib.instructor.hidden_checks import ASSIGNMENTS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course_dir", type=Path)
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--assignments", nargs="+", default=list(ASSIGNMENTS))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    drawn = write_class(args.course_dir, args.students, args.assignments, args.seed)
    print(f"{len(drawn)} students x {len(args.assignments)} assignments written to "
          f"{args.course_dir / 'submitted'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
