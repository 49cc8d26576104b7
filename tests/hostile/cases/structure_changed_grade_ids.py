"""The grade ids of a test cell and of a solution cell changed (honest functions)."""
# expect: full
# flags: cell metadata edited; cell restored
# mutate: rename test_initialize_parameters_random__scale test_mine
# mutate: rename initialize_parameters_he my_he
# ruff: noqa
