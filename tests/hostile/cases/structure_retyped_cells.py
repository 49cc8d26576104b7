"""A test cell turned into Markdown and a solution cell into a raw cell (honest functions)."""
# expect: full
# flags: cell retyped
# mutate: retype test_initialize_parameters_xavier__scale markdown
# mutate: retype initialize_parameters_random raw
# ruff: noqa
