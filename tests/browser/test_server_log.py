"""Which failed requests in a Jupyter server's log the front-end tests forgive: only
jupyter_server's races on a kernel that the front end replaced just after starting it."""

from __future__ import annotations

import jupyter_ui as ui

KERNEL = "2fa4ea83-741c-4b56-bb0d-4aeb912c0023"
STARTED = f"[I 09:24:55.327 ServerApp] Kernel started: {KERNEL}\n"
SHUTDOWN = f"[I 09:24:55.796 ServerApp] Kernel shutdown: {KERNEL}\n"
LIST_RACE = (f"    traitlets.traitlets.TraitError: {ui.KERNEL_LIST_RACE}.\n"
             "[E 09:24:55.804 ServerApp] 500 GET /api/kernels?1796635495732 (x@127.0.0.1) 27ms\n")
GONE_RACE = (f"    AttributeError: {ui.KERNEL_GONE_RACE}\n"
             f"[E 09:24:56.799 ServerApp] 500 GET /api/kernels/{KERNEL}/channels?session_id=9b"
             " (x@127.0.0.1) 1046ms\n")


def test_the_races_of_a_replaced_kernel_are_counted():
    assert ui.kernel_races(STARTED + SHUTDOWN + LIST_RACE + GONE_RACE) == 2
    assert ui.kernel_races(STARTED + LIST_RACE) == 1
    assert ui.kernel_races(STARTED + "[I ...] 200 GET /api/kernels\n") == 0


def test_any_other_failure_is_not_forgiven():
    other = "[E 09:24:57.000 ServerApp] 500 GET /api/contents/release/a.ipynb (x) 3ms\n"
    assert ui.kernel_races(STARTED + LIST_RACE + other) is None
    assert ui.kernel_races("[E ...] 500 GET /api/kernels (x) 3ms\n") is None, "no race logged"
    assert ui.kernel_races(STARTED + GONE_RACE) is None, "the kernel was never shut down"
    assert ui.kernel_races(STARTED + GONE_RACE + SHUTDOWN) is None, "shut down only after"
    assert ui.kernel_races(STARTED + SHUTDOWN + GONE_RACE.replace(
        ui.KERNEL_GONE_RACE, "KeyError: 'x'")) is None, "another error on the channels"
    assert ui.kernel_races(STARTED + SHUTDOWN + LIST_RACE.replace(
        "GET", "DELETE")) is None, "another method"
