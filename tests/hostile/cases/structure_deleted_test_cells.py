"""Both He test cells deleted (honest functions)."""
# expect: full
# flags: cell restored
# mutate: delete test_initialize_parameters_he__structure
# mutate: delete test_initialize_parameters_he__scale
# ruff: noqa
