"""What students see: plots, slider figures, self-check questions."""
