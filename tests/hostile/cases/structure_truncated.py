"""A notebook cut off in the middle of its JSON (an upload that broke): graded from the complete
cells before the break, the lost test cells restored; the function whose cell was lost scores 0."""
# expect: lose initialize_parameters_xavier
# flags: notebook repaired; cell restored
# reason: initialize_parameters_xavier
# mutate: text truncate 0.6
# ruff: noqa
