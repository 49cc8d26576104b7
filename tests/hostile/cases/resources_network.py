"""Tries to reach the internet and a local address (honest functions)."""
# expect: full
# ruff: noqa
# %% +after initialize_parameters_zeros
import socket
import urllib.request

for attempt in (lambda: urllib.request.urlopen("http://example.com", timeout=3).read(100),
                lambda: socket.create_connection(("10.255.255.1", 80), timeout=3)):
    try:
        attempt()
        print("LEAK: network reachable")
    except OSError as exc:
        print("no network:", exc)
