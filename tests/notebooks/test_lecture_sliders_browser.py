"""The sliders of lectures 03 and 04 as a student sees them: JupyterLab on 127.0.0.1, Debian's
chromium through Playwright (``tests/browser/jupyter_ui``), each notebook opened, Run All, its
slider moved with the arrow keys on the focused handle.

What a reviewer saw wrong there, pinned: the figure is shown at the size it was drawn (the
browser neither enlarges nor shrinks it, which blurs text and pixel blocks), and the diagnosis
figure of 03 keeps one height for every position (the page below it does not jump) while the
advice fills it. Screenshots: tests/artifacts/screenshots/lecture_slider_*.png.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
import jupyter_ui as ui  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("lecture-sliders-browser")]

LECTURES = ("03_bias_variance", "04_data_augmentation")
AREA = f"{ui.PANEL} .jp-OutputArea:has(.widget-slider)"


@pytest.fixture(scope="module")
def page_of():
    """A function opening a lecture (a copy, so that autosave never touches the course's
    notebooks) in a fresh 1280 x 900 page with Run All done; closed at the end."""
    ui.clear_shots("lecture_slider_")
    with ui.sync_playwright() as p, _server() as server:
        browser = ui.launch(p)
        pages = []

        def open_lecture(name: str):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            pages.append(page)
            ui.open_in(page, server, f"notebooks/{name}.ipynb")
            ui.run_all(page)
            assert not ui.error_outputs(page), ui.error_outputs(page)
            _wait_for_slider(page, name)
            return page

        yield open_lecture
        for page in pages:
            page.close()
        browser.close()
        server.shutdown_kernels()


@contextmanager
def _server():
    """JupyterLab serving copies of the two lectures from a temporary folder (its log:
    tests/artifacts/lecture-sliders.log)."""
    with tempfile.TemporaryDirectory(prefix="lecture-sliders-") as tmp:
        root = Path(tmp)
        (root / "notebooks").mkdir()
        for name in LECTURES:
            shutil.copy2(ui.REPO / "notebooks" / f"{name}.ipynb", root / "notebooks")
        ui.SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)  # the log outlives the folder
        server = ui.JupyterServer("lab", root, ui.SCREENSHOTS.parent / "lecture-sliders.log")
        try:
            yield server
        finally:
            server.close()


def _wait_for_slider(page, name: str) -> None:
    """The lecture's slider, whose view can come well after Run All on a busy machine (a
    clean-clone run found none within 30 s); if it never comes, a screenshot and the text of
    every output say what the page showed instead."""
    try:
        page.locator(AREA).first.wait_for(timeout=120_000)
    except Exception as exc:
        ui.shot(page, f"lecture_slider_{name}_missing")
        texts = page.eval_on_selector_all(f"{ui.PANEL} .jp-OutputArea-output",
                                          "els => els.map(e => e.innerText.slice(0, 300))")
        raise AssertionError(f"{name}: no slider after Run All ({exc}); outputs: {texts}") \
            from exc


def _figure(page) -> dict:
    """The slider's image: its drawn and displayed size, and the output area's height."""
    area = page.locator(AREA).first
    area.scroll_into_view_if_needed()
    return area.evaluate("""(a) => { const i = [...a.querySelectorAll('img')].pop();
        const r = i.getBoundingClientRect();
        return {drawn: [i.naturalWidth, i.naturalHeight], shown: [r.width, r.height],
                area: a.getBoundingClientRect().height, src: i.src}; }""")


def _press(page, handle: int, key: str, times: int) -> None:
    """Press ``key`` ``times`` on the ``handle``-th slider handle, each time waiting for the
    figure to change."""
    area = page.locator(AREA).first
    for _ in range(times):
        old = _figure(page)["src"]
        area.locator(".noUi-handle").nth(handle).focus()
        page.keyboard.press(key)
        area.evaluate("""(a, old) => new Promise((ok, no) => { const s = performance.now();
            const f = () => [...a.querySelectorAll('img')].pop().src !== old ? ok() :
                performance.now() - s > 30000 ? no(new Error('the figure did not change')) :
                setTimeout(f, 20); f(); })""", old)


def _shot(page, name: str) -> None:
    """A screenshot of the slider's output area (controls and figure)."""
    ui.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = ui.SCREENSHOTS / f"lecture_slider_{name.replace(' ', '_')}.png"
    page.locator(AREA).first.screenshot(path=str(path))


def _shown_as_drawn(figure: dict) -> bool:
    return all(abs(d - s) <= 0.5 for d, s in zip(figure["drawn"], figure["shown"], strict=True))


def test_03_diagnosis_keeps_its_height_and_its_size(page_of):
    page = page_of("03_bias_variance")
    moves = [("high variance", None), ("low bias and low variance", (1, "ArrowLeft", 9)),
             ("high bias", (0, "ArrowRight", 14)), ("both high", (1, "ArrowRight", 28))]
    seen = []
    for name, move in moves:
        if move:
            _press(page, *move)
        figure = _figure(page)
        _shot(page, f"03_{name}")
        assert _shown_as_drawn(figure), f"{name}: drawn {figure['drawn']}, shown {figure['shown']}"
        seen.append((figure["src"], figure["area"], tuple(figure["drawn"])))
    assert len({src for src, _, _ in seen}) == len(moves), "a move did not change the figure"
    assert len({(area, size) for _, area, size in seen}) == 1, f"the page jumps: {seen}"


def test_04_augmentation_is_shown_as_drawn(page_of):
    page = page_of("04_data_augmentation")
    for name, move in (("first frame", None), ("rotate 45", (0, "ArrowRight", 2)),
                       ("elastic 1.5", (2, "ArrowRight", 2))):
        if move:
            _press(page, *move)
        figure = _figure(page)
        _shot(page, f"04_{name}")
        assert _shown_as_drawn(figure), f"{name}: drawn {figure['drawn']}, shown {figure['shown']}"
