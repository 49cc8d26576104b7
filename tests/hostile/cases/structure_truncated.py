"""A notebook cut off in the middle of its JSON (an upload that broke)."""
# expect: zero
# flags: notebook unreadable
# mutate: text truncate 0.6
# ruff: noqa
