"""A hidden test cell duplicated (honest functions)."""
# expect: full
# flags: cell duplicated
# mutate: duplicate test_initialize_parameters_he__scale
# ruff: noqa
