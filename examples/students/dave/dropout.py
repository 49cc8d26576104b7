"""Dave's dropout kernel dies half-way (os._exit in an extra cell); his finished work is
still graded, and the report says what happened."""
# expect: full
# %% +end
import os

os._exit(1)
