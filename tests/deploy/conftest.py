"""The class hub of deploy/jupyterhub, started by the tests on 127.0.0.1 with throwaway Unix
users (a unique prefix; deleted afterwards)."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
import jupyter_ui as ui  # noqa: E402

REPO = ui.REPO
SETUP = REPO / "deploy" / "jupyterhub" / "course_hub.py"
HUB_CONFIG = REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py"
HUB_VENV = REPO / "deploy" / ".venv-hub"
PROXY = REPO / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"


@dataclass
class Hub:
    url: str
    root: Path
    settings: dict
    passwords: dict
    log: Path
    extra: dict = field(default_factory=dict)

    @property
    def instructor(self) -> str:
        return self.settings["instructor"]

    @property
    def students(self) -> list[str]:
        return self.settings["students"]

    @property
    def course(self) -> Path:
        return Path(self.settings["course"])

    def as_user(self, user: str, *cmd: str, cwd: str | None = None) -> subprocess.CompletedProcess:
        """``cmd`` run as the Unix ``user`` (as a shell on the hub would)."""
        return subprocess.run(["runuser", "-u", user, "--", *cmd], capture_output=True,
                              text=True, cwd=cwd or "/", timeout=120)


def _require() -> None:
    if os.geteuid() != 0:
        ui.missing("root (the hub creates Unix users)", "sudo make test")
    if not (HUB_VENV / "bin" / "jupyterhub-singleuser").exists():
        ui.missing("the hub's environment deploy/.venv-hub", "make hub-deps")
    if not PROXY.exists():
        ui.missing("configurable-http-proxy", "make hub-deps")
    for tool in ("useradd", "userdel", "chpasswd", "runuser"):
        if shutil.which(tool) is None:
            ui.missing(tool, "apt-get install -y passwd util-linux")


@pytest.fixture(scope="session")
def hub():
    """A running hub with one instructor and two students; everything removed afterwards.
    One per test session (xdist worker): pytest-xdist may run tests of other modules between
    this module's tests, and a module-scoped hub would then be made again, losing the class
    loop's submissions that the later tests read."""
    _require()
    ui.clear_shots("hub_")
    prefix = "pdl" + secrets.token_hex(3)
    root = Path(tempfile.mkdtemp(prefix=f"{prefix}-hub-"))  # course_hub.py sets 0755
    port = ui.free_port()
    setup = subprocess.run(
        [sys.executable, str(SETUP), "setup", "--root", str(root), "--instructor",
         f"{prefix}t", "--students", f"{prefix}a,{prefix}b", "--port", str(port),
         "--passwords"], capture_output=True, text=True)
    try:
        assert setup.returncode == 0, setup.stderr
        settings = json.loads(setup.stdout)
        log = ui.SCREENSHOTS.parent / "hub.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, PDL_HUB=str(root / "hub.json"))
        with open(log, "w") as out:
            proc = subprocess.Popen(
                [str(HUB_VENV / "bin" / "jupyterhub"), "-f", str(HUB_CONFIG)],
                cwd=root / "hub", env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            ui.wait_http(f"{url}/hub/api", proc=proc)
            yield Hub(url, root, settings,
                      json.loads((root / "hub" / "passwords.json").read_text()), log)
        finally:
            ui.stop(proc, timeout=30)
    finally:
        subprocess.run([sys.executable, str(SETUP), "teardown", "--root", str(root),
                        "--delete-users"], capture_output=True)
