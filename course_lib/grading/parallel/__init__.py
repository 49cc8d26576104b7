"""Class-scale grading: the submissions of an assignment run in parallel on a Dask cluster.

``nbgrader autograde <assignment>`` stays the front door. :class:`~.execute.ParallelExecute`
(in place of ``TrustedExecute`` in ``nbgrader_config.py``) plans, at the first notebook of a
batch, the jobs of every submission nbgrader is about to grade (:mod:`.batch`: the same
sanitize and plan steps), sends them to Dask (:mod:`.cluster`: a local cluster sized to the
machine, or the scheduler the course names), and hands each later notebook its prefetched run.
A worker only ever sees one job (plain data in, plain data out: :mod:`.worker`); the gradebook,
records and autograded notebooks are written by the nbgrader process alone, exactly as in serial
grading.
"""
