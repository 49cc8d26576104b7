"""The blank release, submitted without any work."""
# expect: zero
# base: release
