"""Visible checks: what a student runs under each exercise. They use only the pure judges and
fixed fixtures, never the reference, so they work in the student distribution."""
