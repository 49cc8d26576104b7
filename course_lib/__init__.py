"""course_lib: the numpy library shared by the notebooks of "Practical aspects of deep learning".

Modules (imports go one way, top to bottom):

- ``plain``     plain data that crosses from student code to a judge (no pickle)
- ``data``      datasets generated with numpy
- ``nn``        activations, forward/backward pairs, costs, updates, the training loop
- ``gradcheck`` parameters <-> vector helpers of the gradient-checking assignment
- ``plotting``  datasets, decision boundaries, cost curves
- ``judges``    pure judges: plain data in, a verdict out
- ``testing``   the visible checks under each exercise
- ``reference`` instructor-only solutions (not in the student distribution)
- ``grading``   hidden checks, the trusted grader and its reports (instructor side)
"""

__version__ = "0.1.0"
