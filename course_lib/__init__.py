"""course_lib: the numpy library shared by the notebooks of "Practical aspects of deep learning".

Modules, grouped by what they serve (imports go one way: later groups import earlier ones):

- foundations: ``plain`` (plain data crossing from student code to a judge, no pickle),
  ``data`` (datasets generated with numpy), ``nn`` (activations, forward/backward pairs,
  costs, updates, the training loop)
- lesson helpers: ``gradcheck`` (parameters <-> vector), ``spread`` (signal size through
  depth), ``splits`` (train/dev/test), ``diagnosis`` (bias/variance and the basic recipe),
  ``augment`` (digit images and augmentations), ``contours`` (cost contours and gradient-descent
  paths), ``experiments`` (small training experiments on top of ``nn.train``), ``regularize``
  (weight statistics and the ``lambd``/``keep_prob`` sliders)
- display: ``plotting`` (datasets, decision boundaries, cost curves), ``widgets`` (slider
  figures with a static first frame), ``selfcheck`` (ungraded self-check questions)
- checking: ``judges`` (pure judges: plain data in, a verdict out), ``testing`` (the visible
  checks under each exercise)
- instructor only, not in the student bundle: ``reference`` (solutions of the graded
  functions), ``grading`` (hidden checks, nbgrader preprocessors, sandbox, reports, demo)
"""

__version__ = "0.1.0"
