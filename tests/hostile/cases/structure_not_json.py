"""A file that is not JSON at all."""
# expect: zero
# flags: notebook unreadable
# reason: could not be read
# mutate: text replace PK\x03\x04 this is a zip file, not a notebook
# ruff: noqa
