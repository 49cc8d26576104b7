"""The instructor's solutions, as a perfect student would submit them."""
# expect: full
