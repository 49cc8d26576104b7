"""What ``nbgrader_config.py`` wires into nbgrader: reading and repairing submissions, the
trusted execute step, feedback without hidden test code."""
