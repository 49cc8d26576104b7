"""course_lib: the numpy library shared by the notebooks of "Practical aspects of deep learning".

The folders are the architecture (imports go one way, down this list):

- ``core/``: the network core: ``plain`` (plain data crossing from student code to a judge, no
  pickle), ``data`` (datasets generated with numpy), ``nn`` (activations, forward/backward
  pairs, costs, updates, the training loop), ``gradcheck`` (parameters <-> one vector),
  ``weights`` (weight statistics), ``classic`` (the helper names the classic notebooks put in
  scope), ``randomness`` (calling a random function as the grader judges it)
- ``display/``: ``plotting`` (datasets, decision boundaries, cost curves), ``widgets`` (slider
  figures with a static first frame), ``selfcheck`` (ungraded self-check questions)
- ``lessons/``: one module of helpers per notebook, named after it (``bias_variance`` serves
  ``notebooks/03_bias_variance``, ``regularization`` serves ``source/regularization``), plus
  ``experiments`` and ``sliders`` shared by several
- ``judges/``: pure judges: plain data in, a verdict naming the mistake out
- ``checks/``: the visible checks under each exercise (no reference needed)
- ``grading/``: the grading machinery: ``plugins/`` (what nbgrader runs), ``sandbox/`` (where
  student code runs: isolation, allowlisted root, runner, kernel side, probes), ``parallel/``
  (a class's submissions on Dask), ``tools/`` (command-line tools)
- ``instructor/``: **instructor only**: ``reference/`` (solutions of the graded functions) and
  ``hidden_checks/``; never in the student bundle, never in the grading sandbox
"""

__version__ = "0.1.0"

#: The one folder of ``course_lib`` that students and the grading sandbox never receive.
INSTRUCTOR_ONLY = "instructor"
