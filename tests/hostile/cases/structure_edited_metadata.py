"""Points raised to 200 and a test cell unmarked as graded (honest functions)."""
# expect: full
# flags: cell metadata edited
# mutate: meta test_initialize_parameters_he__scale points 200
# mutate: meta test_initialize_parameters_zeros__values grade false
# ruff: noqa
