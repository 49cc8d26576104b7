"""Prints the kernel's input history (In, _ih, _i) after every test cell has run, looking for the hidden tests' code (honest functions)."""
# expect: full
# ruff: noqa
# %% +after initialize_parameters_zeros
print("history so far:", len(In))
# %% +end
history = "\n".join(str(x) for x in list(In)[:-1] + list(_ih)[:-1] + [_ii, _iii])
print(history)
for marker in ("HIDDEN" + " TESTS", "run_" + "hidden_check", "hidden" + "_checks", "instruc" + "tor"):
    if marker in history:
        print("LEAK: the kernel's history holds hidden test code:", marker)
