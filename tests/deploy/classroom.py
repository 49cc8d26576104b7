"""What the instructor and the students do on the hub, in the browser: log in, the Formgrader
(generate, release, collect, autograde, feedback), the Assignments panel (fetch, validate,
submit, fetch feedback) and filling solution cells as a student pastes code."""

from __future__ import annotations

import re

import jupyter_ui as ui

FORMGRADER = "#formgrader-iframe iframe"


def login(browser, hub, user: str):
    """A new browser context logged in as ``user``, on a fresh JupyterLab (``?reset``)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", hub.passwords[user])
    page.click("#login_submit")
    page.wait_for_url(f"**/user/{user}/**", timeout=120_000)
    page.goto(f"{hub.url}/user/{user}/lab?reset")
    page.wait_for_selector(".lm-MenuBar-itemLabel", timeout=120_000)
    return page


# --------------------------------------------------------------------------- Formgrader


def open_formgrader(page):
    ui.menu(page, "Nbgrader", "Formgrader")
    frame = page.frame_locator(FORMGRADER)
    frame.locator("td.name").first.wait_for(timeout=60_000)
    return frame


def close_modal(frame, timeout: float = 300) -> str:
    """Wait for the Formgrader's result dialog; returns its text; fails on an error dialog."""
    dialog = frame.locator("#success-modal, #error-modal").first
    dialog.wait_for(state="visible", timeout=timeout * 1000)
    frame.locator(".modal.in").first.wait_for(timeout=10_000)  # faded in (Bootstrap 3)
    text, kind = dialog.inner_text(), dialog.get_attribute("id")
    dialog.locator("button.btn.close").click()
    dialog.wait_for(state="detached", timeout=30_000)
    assert kind == "success-modal", text
    return text


def assignment_row(frame, assignment: str):
    name = frame.locator("td.name", has_text=re.compile(f"^{assignment}$"))
    return frame.locator("tr", has=name)


def formgrader_action(page, frame, assignment: str, column: str, shot: str) -> str:
    """Click the icon of ``column`` (assign, release, collect, generate-feedback,
    release-feedback) in the assignment's row; returns the result dialog's text."""
    assignment_row(frame, assignment).locator(f"td.{column} a").click()
    frame.locator(".modal.in").first.wait_for(timeout=300_000)
    ui.shot(page, shot)
    return close_modal(frame)


def autograde_all(page, frame, assignment: str, students: list[str], shot: str) -> None:
    """The assignment's submissions page: autograde each student's submission."""
    assignment_row(frame, assignment).locator("td.num-submissions a").click()
    for student in students:
        row = frame.locator("tr", has=frame.locator("td.student-id", has_text=student))
        row.locator("td.autograde a").click()
        frame.locator(".modal.in").first.wait_for(timeout=600_000)
        ui.shot(page, f"{shot}_{student[-1]}")
        close_modal(frame)
    ui.shot(page, shot)
    frame.locator("a", has_text="Manage Assignments").first.click()
    frame.locator("td.name").first.wait_for(timeout=60_000)


# --------------------------------------------------------------------------- Assignments panel


def open_assignments(page):
    ui.menu(page, "Nbgrader", "Assignment List")
    page.locator("#released_assignments_list").wait_for(timeout=60_000)


def click_in_list(page, listing: str, assignment: str, button: str, timeout: float = 120):
    item = page.locator(f"#{listing} .list_item", has_text=assignment).first
    item.locator("button", has_text=re.compile(f"^{button}$")).first.click(timeout=timeout * 1000)


def fetch(page, assignment: str) -> None:
    click_in_list(page, "released_assignments_list", assignment, "Fetch")
    page.locator("#fetched_assignments_list .list_item", has_text=assignment).first \
        .wait_for(timeout=60_000)


def submit(page, assignment: str) -> None:
    click_in_list(page, "fetched_assignments_list", assignment, "Submit")
    page.locator("#submitted_assignments_list .list_item", has_text=assignment).first \
        .wait_for(timeout=60_000)


def fetch_feedback(page, assignment: str) -> None:
    """Fetch Feedback in the submitted list, once the panel shows it (a refresh may be needed);
    waits for the "(view feedback)" link."""
    item = page.locator("#submitted_assignments_list .list_item", has_text=assignment).first
    for _ in range(6):
        button = item.locator("button", has_text="Fetch Feedback")
        try:
            button.wait_for(timeout=10_000)
        except Exception:  # not listed yet: ask the panel again
            page.locator("#refresh_assignments_list").click()
            continue
        button.click()
        item.locator("a", has_text="view feedback").first.wait_for(timeout=60_000)
        return
    ui.shot(page, f"hub_fetch_feedback_failed_{assignment}")
    raise AssertionError(f"no feedback to fetch for {assignment}: "
                         + page.locator("#submitted_assignments_list").inner_html()[-3000:])


# --------------------------------------------------------------------------- notebooks


def open_notebook(page, hub_url: str, user: str, path: str) -> None:
    page.goto(f"{hub_url}/user/{user}/lab/tree/{path}?reset")
    page.locator(f"{ui.PANEL} .jp-Cell").first.wait_for(timeout=120_000)
    ui.accept_kernel_choice(page)
    ui.wait_kernel_ready(page)


def fill_cells(page, codes: dict[int, str]) -> None:
    """Replace the code of the visible notebook's cells ``{index: code}`` as a paste would."""
    cells = page.locator(f"{ui.PANEL} .jp-Notebook .jp-Cell")
    for index, code in sorted(codes.items()):
        editor = cells.nth(index).locator(".cm-content")
        editor.scroll_into_view_if_needed()
        editor.click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(code)
        page.keyboard.press("Escape")


def validate(page) -> str:
    """The notebook toolbar's Validate button; returns the dialog's text."""
    page.locator(f"{ui.PANEL} .jp-Toolbar").get_by_text("Validate", exact=True).click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=300_000)
    return dialog.inner_text()


def close_dialog(page) -> None:
    page.locator(".jp-Dialog .jp-Dialog-button").last.click()
    page.locator(".jp-Dialog").wait_for(state="detached", timeout=10_000)
