"""An empty file."""
# expect: zero
# flags: notebook unreadable
# mutate: text replace 
# ruff: noqa
