"""Driving JupyterLab 4 and Notebook 7 in Debian's chromium with Playwright (tests/browser and
tests/deploy): the browser, a Jupyter server on 127.0.0.1, and the few page actions the tests
need (run all, wait for the kernel, read errors, move a slider, screenshots)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "tests" / "artifacts" / "screenshots"
# The panel on screen (JupyterLab keeps hidden panels in the page).
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def missing(what: str, fix: str):
    """Skip, or in CI (CI=true) fail, naming the command that installs what is missing."""
    message = f"{what} is missing: run `{fix}` (or `make test`, which sets it up)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def sync_playwright():
    try:
        from playwright.sync_api import sync_playwright as start
    except ImportError:
        missing("Playwright", ".venv/bin/pip install -r requirements.txt")
    if not os.path.exists(CHROMIUM):
        missing(CHROMIUM, "apt-get install -y chromium")
    return start()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 90, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError as exc:  # HTTPError included: the server answers
            if getattr(exc, "code", None):
                return
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer in {timeout} s")


def stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    """Stop a server started here (by its pid) and wait for it."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _settings(folder: Path) -> Path:
    """User settings that start a notebook's preferred kernel (Python 3) without asking: a
    "Select Kernel" dialog opened before a busy server listed its kernels can stay on "No
    Kernel" and block every click (seen in a clean-clone run, with Python 3 chosen)."""
    target = folder / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"autoStartDefaultKernel": True}))
    return folder


#: jupyter_server answers ``GET /api/kernels`` with a 500 when it lists a kernel that is still
#: starting (``kernel_model`` reads its ``last_activity`` before it is set); JupyterLab polls
#: again and shows nothing, but the browser logs the failed request. Seen once in a clean-clone
#: run, as a notebook's kernel was replaced right after it started.
KERNEL_LIST_RACE = ("The 'last_activity' trait of a ServerKernelManager instance expected a "
                    "datetime, not the NoneType None")
#: jupyter_server's answer to a kernel's channels (its websocket) opened just after the kernel
#: was shut down: the front end replaced the kernel it had just started.
KERNEL_GONE_RACE = "'NoneType' object has no attribute 'kernel_ws_protocol'"


def kernel_races(log: str) -> int | None:
    """:meth:`JupyterServer.kernel_races` on the text of a server's log."""
    lists = gone = 0
    for failed in re.finditer(r"\] 500 (\S+) (\S+)", log):
        method, uri = failed.groups()
        channels = re.fullmatch(r"/api/kernels/([0-9a-f-]+)/channels(\?\S*)?", uri)
        if method == "GET" and re.fullmatch(r"/api/kernels(\?\S*)?", uri):
            lists += 1
        elif method == "GET" and channels and \
                f"Kernel shutdown: {channels[1]}" in log[:failed.start()]:
            gone += 1
        else:
            return None
    if log.count(KERNEL_LIST_RACE) < lists or log.count(KERNEL_GONE_RACE) < gone:
        return None
    return lists + gone


class JupyterServer:
    """``jupyter lab`` or ``jupyter notebook`` on 127.0.0.1 with a token, serving ``root``."""

    def __init__(self, app: str, root: Path, log: Path):
        self.app, self.root, self.port, self.token = app, root, free_port(), "coursetoken"
        self.log_path = log
        self.settings = Path(tempfile.mkdtemp(prefix="jupyter-settings-"))
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, JUPYTER_PLATFORM_DIRS="1", PYDEVD_DISABLE_FILE_VALIDATION="1",
                   JUPYTERLAB_SETTINGS_DIR=str(_settings(self.settings)))
        env.pop("MPLBACKEND", None)  # the inline backend, as for a student
        self.log = open(log, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyter", app, "--no-browser", "--allow-root",
             "--ip=127.0.0.1", f"--port={self.port}", f"--IdentityProvider.token={self.token}",
             f"--ServerApp.root_dir={root}", "--ServerApp.open_browser=False"],
            cwd=root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_http(f"{self.url}/api/status?token={self.token}", proc=self.proc)

    def api(self, method: str, path: str) -> bytes:
        request = urllib.request.Request(f"{self.url}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def log_size(self) -> int:
        return self.log_path.stat().st_size

    def kernel_races(self, since: int) -> int | None:
        """How many requests failed (500) since byte ``since`` of the server's log, when each
        is one of jupyter_server's races on a kernel that a front end replaced just after
        starting it: ``GET /api/kernels`` failing on :data:`KERNEL_LIST_RACE`, or the channels
        of a kernel the log shows shut down before, failing on :data:`KERNEL_GONE_RACE`; None
        when any other request failed."""
        return kernel_races(self.log_path.read_bytes()[since:].decode("utf-8", "replace"))

    def shutdown_kernels(self) -> None:
        """Stop every kernel (a closed page leaves its kernel running)."""
        for kernel in json.loads(self.api("GET", "kernels")):
            self.api("DELETE", f"kernels/{kernel['id']}")

    def close(self) -> None:
        stop(self.proc)
        self.log.close()
        shutil.rmtree(self.settings, ignore_errors=True)


def copy_notebooks(target: Path, folders=("release", "source")) -> dict[str, Path]:
    """Copies of every assignment notebook under ``target/<folder>/<a>/<a>.ipynb``."""
    found = {}
    for folder in folders:
        for nb in sorted((REPO / folder).glob("*/*.ipynb")):
            dst = target / folder / nb.parent.name / nb.name
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(nb, dst)
            found[f"{folder}/{nb.parent.name}"] = dst
    return found


# --------------------------------------------------------------------------- page actions


def clear_shots(prefix: str) -> None:
    """Remove the screenshots of an earlier run (``<prefix>*.png``)."""
    for old in SCREENSHOTS.glob(f"{prefix}*.png"):
        old.unlink(missing_ok=True)  # a concurrent run may have removed it


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    page.screenshot(path=str(path))
    return path


def menu(page, top: str, item: str, timeout: float = 30) -> None:
    """Click a Lumino menu (JupyterLab and Notebook 7): ``top`` in the menu bar, then ``item``."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")) \
        .click(timeout=timeout * 1000)
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")) \
        .first.click(timeout=timeout * 1000)


def wait_kernel_idle(page, panel: str = PANEL, timeout: float = 240) -> None:
    """Wait until no code cell of the visible notebook is queued or running (``[*]``)."""
    page.wait_for_function(
        """(panel) => {
            const p = document.querySelector(panel);
            if (!p) return false;
            const prompts = [...p.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && !prompts.some(x => x.textContent.includes('*'));
        }""", arg=panel, timeout=timeout * 1000, polling=250)


#: An error (traceback) output, or anything else written to stderr.
ERROR_OUTPUT = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"


def error_outputs(page, panel: str = PANEL) -> list[str]:
    """The text of every error (traceback) output in the visible notebook."""
    return page.eval_on_selector_all(f"{panel} {ERROR_OUTPUT}",
                                     "els => els.map(e => e.innerText)")


def wait_kernel_ready(page, panel: str = PANEL, timeout: float = 120) -> None:
    page.locator(f"{panel} .jp-Notebook-ExecutionIndicator[data-status='idle']") \
        .wait_for(timeout=timeout * 1000)


def run_all(page, panel: str = PANEL, timeout: float = 300) -> float:
    """Run > Run All Cells, then wait for the notebook to finish; returns the seconds taken
    (execution stops at the first error, as in the front ends).

    A front end that replaces the notebook's kernel just after opening it (the server's log
    then shows a kernel shut down about 0.5 s after it started, the next one started at once;
    seen in Notebook 7 and JupyterLab on a busy machine) drops the cells still queued and
    clears their prompts: a run that neither numbered every code cell with code nor stopped at
    an error is started again, twice at most (each attempt is printed, for the failure
    report)."""
    start = time.perf_counter()
    for attempt in range(3):
        _start_run_all(page, panel)
        wait_kernel_idle(page, panel, timeout)
        wait_kernel_ready(page, panel, timeout)
        unrun = page.evaluate(_UNRUN, panel)
        if not unrun:
            break
        print(f"Run All attempt {attempt + 1} on {page.url.split('?')[0]} left code cells "
              f"unrun (the front end dropped it): {unrun[:3]}")
    wait_widgets_rendered(page, panel)
    return time.perf_counter() - start


#: The code cells Run All left unrun (the start of their code), none when it stopped at an
#: error or numbered every code cell with code (an empty cell gets no number).
_UNRUN = """(panel) => {
    const p = document.querySelector(panel);
    if (p.querySelector(`ERROR_OUTPUT`)) return [];
    return [...p.querySelectorAll('.jp-CodeCell')].filter(c =>
        !/\\[[0-9]+\\]/.test(c.querySelector('.jp-InputPrompt')?.textContent ?? '')
        && (c.querySelector('.cm-content')?.textContent ?? 'code').trim())
        .map(c => (c.querySelector('.cm-content')?.textContent ?? '?').slice(0, 60));
}""".replace("ERROR_OUTPUT", ERROR_OUTPUT)


def _start_run_all(page, panel: str) -> None:
    """Run > Run All Cells until a cell is queued or running (the menu item does nothing
    until the kernel is connected)."""
    started = """(panel) => {
        const p = document.querySelector(panel);
        return p && [...p.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
            .some(x => /\\[[*0-9]+\\]/.test(x.textContent));
    }"""
    for attempt in range(4):
        take_kernel_choice(page)  # the dialog can come after the kernel looked idle
        try:
            menu(page, "Run", "Run All Cells", timeout=15)
            page.wait_for_function(started, arg=panel, timeout=15_000, polling=100)
            return
        except Exception:
            if attempt == 3:
                raise
            # Escape closes the menu; never press it on the kernel dialog ("No Kernel")
            if not take_kernel_choice(page) and not page.locator(
                    ".jp-Dialog", has_text="Select Kernel").count():
                page.keyboard.press("Escape")


def wait_widgets_rendered(page, panel: str = PANEL, timeout: float = 60) -> None:
    """Wait until every widget output shows its view: the front end builds a widget's view
    after the kernel is idle again (a slider counted at once was missing in a clean-clone run).
    A widget output is the output area's only ``lm-Panel`` kind, its view ``.jupyter-widgets``."""
    page.wait_for_function(
        """(panel) => [...document.querySelectorAll(
                `${panel} .jp-OutputArea-output.lm-Panel`)]
            .every(o => o.querySelector('.jupyter-widgets'))""",
        arg=panel, timeout=timeout * 1000, polling=100)
    # A box's view is there before its children's (each child view is built asynchronously):
    # wait until the count of widget views in the panel holds still for a second (a clean-clone
    # run counted no slider under a VBox already shown).
    views, since, deadline = -1, time.monotonic(), time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = page.locator(f"{panel} .jp-OutputArea .jupyter-widgets").count()
        if now != views:
            views, since = now, time.monotonic()
        elif time.monotonic() - since >= 1.0 and not page.locator(
                f"{panel} .jp-OutputArea .widget-box:empty").count():
            return
        time.sleep(0.2)
    raise TimeoutError(f"widget views still changing after {timeout} s ({views} views)")


def save(page) -> None:
    page.locator(f"{PANEL} .jp-Notebook").click(position={"x": 5, "y": 5})
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)


def slider_images(page, panel: str = PANEL) -> list[str]:
    """The ``src`` of the image under each slider's controls (one per slider, in order)."""
    return page.eval_on_selector_all(
        f"{panel} .jp-OutputArea:has(.widget-slider)",
        "areas => areas.map(a => { const i = a.querySelector('img'); return i ? i.src : ''; })")


# --------------------------------------------------------------------------- a whole notebook

ERROR_TEXT = re.compile(r"Traceback|\b\w*(Error|Exception)\b|NotDoneYet")


def open_in(page, server: JupyterServer, rel: str) -> None:
    """Open ``rel`` (relative to the server's root). A page already showing this server's
    JupyterLab with no notebook open opens it from File > Open from Path…, as a student opens
    one notebook after another; any other page loads it (JupyterLab with ``?reset``, its
    default layout)."""
    lab = f"{server.url}/lab"
    if server.app == "lab" and page.url.startswith(lab) and not page.locator(
            ".jp-NotebookPanel").count():
        menu(page, "File", "Open from Path…")
        dialog = page.locator(".jp-Dialog")
        dialog.locator("input").fill(rel)
        dialog.locator(".jp-mod-accept").click()
    elif server.app == "lab":
        page.goto(f"{lab}/tree/{rel}?reset&token={server.token}")
    else:
        page.goto(f"{server.url}/notebooks/{rel}?token={server.token}")
    page.locator(f"{PANEL} .jp-Cell").first.wait_for(timeout=120_000)
    accept_kernel_choice(page)
    wait_kernel_ready(page)


def close_notebook(page, timeout: float = 30) -> None:
    """JupyterLab's File > Close and Shut Down Notebook… on the visible notebook: its tab
    closes and its kernel stops (unsaved changes discarded)."""
    menu(page, "File", "Close and Shut Down Notebook…")
    deadline = time.monotonic() + timeout
    while page.locator(".jp-NotebookPanel").count():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the notebook did not close in {timeout} s")
        dialog = page.locator(".jp-Dialog")
        if dialog.count():
            discard = dialog.locator("button", has_text="Discard")
            try:
                (discard if discard.count() else dialog.locator(".jp-mod-accept")).first \
                    .click(timeout=2_000)
            except Exception:  # closed meanwhile: look again
                pass
        time.sleep(0.1)


def accept_kernel_choice(page, timeout: float = 120) -> None:
    """A fresh server may ask "Select Kernel" before it has listed its kernels (a race on a
    busy machine): take the preselected Python 3, as a student would."""
    ready = page.locator(f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if take_kernel_choice(page) or ready.count():
            return
        time.sleep(0.2)


PYTHON_KERNEL = "Python 3 (ipykernel)"


def take_kernel_choice(page) -> bool:
    """Accept a "Select Kernel" dialog if one is open, choosing Python 3 explicitly (a dialog
    opened before the server listed its kernels can preselect "No Kernel" and stay open);
    whether a dialog was accepted and closed (False: none, or still open, to be retried)."""
    choice = page.locator(".jp-Dialog", has_text="Select Kernel")
    if not choice.count():
        return False
    try:
        select = choice.locator("select")
        if select.count():
            try:
                select.first.select_option(label=PYTHON_KERNEL, timeout=2_000)
            except Exception:  # the label twice or not matched: choose it by its text
                select.first.evaluate(_CHOOSE_PYTHON)
        choice.locator(".jp-Dialog-button.jp-mod-accept").click(timeout=5_000)
        choice.wait_for(state="detached", timeout=5_000)
    except Exception:  # not listed yet, or still open: the callers look again
        return False
    return True


#: Select the first option of the kernel dialog's list that names Python 3.
_CHOOSE_PYTHON = """s => { const o = [...s.options].find(o => o.textContent.trim()
    .startsWith('Python 3')); if (o) { s.value = o.value;
    s.dispatchEvent(new Event('change', {bubbles: true})); } }"""


def move_slider(page, index: int, app: str) -> float:
    """Move the ``index``-th slider of the visible notebook one step (JupyterLab: arrow keys
    on the focused handle; Notebook 7: a click on the track) and wait for its figure to be
    redrawn; returns the seconds from the input event to the new image."""
    area = page.locator(f"{PANEL} .jp-OutputArea:has(.widget-slider)").nth(index)
    area.scroll_into_view_if_needed()
    area.evaluate("""(a) => {
        a.__old = (a.querySelector('img') || {}).src; a.__t1 = null;
        a.__obs = new MutationObserver(() => {
            const img = a.querySelector('img');
            if (img && img.src !== a.__old && a.__t1 === null) a.__t1 = performance.now(); });
        a.__obs.observe(a, {subtree: true, childList: true, attributes: true});
        a.__t0 = null;  // the input event itself starts the clock
        const start = () => { if (a.__t0 === null) a.__t0 = performance.now(); };
        a.addEventListener('keydown', start, {capture: true, once: true});
        a.addEventListener('pointerdown', start, {capture: true, once: true}); }""")
    if app == "lab":
        handle = area.locator(".noUi-handle").first
        at_end = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
        handle.focus()
        page.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
    else:
        # noUiSlider ignores a tap while the previous one still animates (noUi-state-tap)
        area.locator(".noUi-state-tap").wait_for(state="detached", timeout=5_000)
        track = area.locator(".noUi-base").first
        box = track.bounding_box()
        now, low, high = (float(area.locator(".noUi-handle").first.get_attribute(f"aria-{k}"))
                          for k in ("valuenow", "valuemin", "valuemax"))
        x = 0.9 if now <= (low + high) / 2 else 0.1
        track.click(position={"x": box["width"] * x, "y": box["height"] / 2})
    area.evaluate("(a) => new Promise((ok, no) => { const s = performance.now();"
                  "const f = () => a.__t1 !== null ? ok() : performance.now() - s > 30000 ?"
                  " no(new Error('the figure did not change')) : setTimeout(f, 20); f(); })")
    return area.evaluate("(a) => { a.__obs.disconnect(); return (a.__t1 - a.__t0) / 1000; }")


def exercise(page, server: JupyterServer, rel: str, shot_name: str | None = None,
             moves: int = 1) -> dict:
    """Open, Run All, move every slider ``moves`` times: ``{run_all, latencies, errors,
    sliders, texts, labels}`` (``labels``: each slider label and readout as
    ``[text, font size in px, cut]``)."""
    try:
        open_in(page, server, rel)
        seconds = run_all(page)
        count = page.locator(f"{PANEL} .jp-OutputArea .widget-slider").count()
        latencies = [move_slider(page, i, server.app) for i in range(count)
                     for _ in range(moves)]
    except Exception as exc:
        shot(page, f"{shot_name or 'exercise'}_failed")
        dialogs = page.locator(".jp-Dialog").all_inner_texts()
        raise AssertionError(f"{rel} in {server.app}: {exc}\ndialogs: {dialogs}") from exc
    if shot_name:
        shot(page, shot_name)
    texts = page.eval_on_selector_all(f"{PANEL} .jp-OutputArea-output",
                                      "els => els.map(e => e.innerText)")
    labels = page.eval_on_selector_all(
        f"{PANEL} .widget-slider .widget-label, {PANEL} .widget-slider .widget-readout",
        "els => els.map(e => [e.innerText, parseFloat(getComputedStyle(e).fontSize),"
        " e.scrollWidth > e.clientWidth + 1])")
    return {"run_all": seconds, "latencies": latencies, "sliders": count,
            "errors": [t for t in error_outputs(page) if ERROR_TEXT.search(t)],
            "texts": texts, "labels": labels}
