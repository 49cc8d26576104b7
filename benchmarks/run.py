"""Every benchmark of the course, one after the other: ``make bench``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["notebooks.py", "autograde.py", "sliders.py"]


def main() -> int:
    scripts = [HERE / s for s in ORDER if (HERE / s).exists()]
    scripts += sorted(p for p in HERE.glob("*.py") if p.name not in ORDER + ["run.py"])
    status = 0
    for script in scripts:
        print(f"\n### {script.name}", flush=True)
        status |= subprocess.run([sys.executable, str(script)]).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
