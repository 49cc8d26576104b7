"""JupyterHub configuration of one course (see course_hub.py, which writes ``hub.json``).

    PDL_HUB=/srv/pdl/hub.json jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Users log in with their Unix password (PAM); each gets a JupyterLab started as that Unix user
in their home folder, from the course's Python environment. The instructor's server sees the
course (``~/.jupyter/nbgrader_config.py`` names its root) and may be framed by itself (the
Formgrader in JupyterLab); students' servers get the Assignments panel, a copy of
``course_lib`` without the reference on ``PYTHONPATH``, and no Formgrader.
"""

import json
import os
import pwd

c = get_config()  # noqa: F821 (provided by JupyterHub)

SETTINGS = json.load(open(os.environ.get("PDL_HUB", "/srv/pdl/hub.json")))
ROOT = SETTINGS["root"]
VENV_BIN = os.path.join(SETTINGS["venv"], "bin")
PORT = int(SETTINGS["port"])

# --- the hub: on one address; its own files in <root>/hub (0700)
c.JupyterHub.ip = SETTINGS["ip"]
c.JupyterHub.port = PORT
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 2}"
c.ConfigurableHTTPProxy.command = [SETTINGS["proxy"]]
c.JupyterHub.db_url = "sqlite:///" + os.path.join(ROOT, "hub", "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(ROOT, "hub", "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(ROOT, "hub", "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True

# --- who may log in: Unix passwords (PAM); for a real class, an institution's login instead
c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = {SETTINGS["instructor"], *SETTINGS["students"]}
c.Authenticator.admin_users = set()

# --- single-user servers: local processes as each Unix user, JupyterLab in the home folder
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [os.path.join(VENV_BIN, "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
c.Spawner.env_keep = ["LANG", "LC_ALL", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"]


def role_environment(spawner):
    """Per-role configuration path and library; the environment's tools first on PATH."""
    name = spawner.user.name
    role = "instructor" if name == SETTINGS["instructor"] else "student"
    library = SETTINGS["course"] if role == "instructor" else SETTINGS["student_lib"]
    spawner.environment.update({
        "JUPYTER_CONFIG_PATH": SETTINGS["config"][role],
        "PYTHONPATH": library,
        "PATH": VENV_BIN + ":/usr/local/bin:/usr/bin:/bin",
        "HOME": pwd.getpwnam(name).pw_dir,
    })


c.Spawner.pre_spawn_hook = role_environment
