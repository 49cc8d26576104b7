"""Alice did everything right."""
# expect: full
