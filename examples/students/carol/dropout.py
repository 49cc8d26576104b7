"""Carol submitted the release without working on it."""
# expect: zero
# base: release
