"""Lesson helpers: one module per notebook, named after it.

``initialization``, ``regularization``, ``dropout``, ``normalization`` serve the graded notebooks
of the same name; ``train_dev_test``, ``bias_variance``, ``data_augmentation`` serve the lecture
notebooks ``01``, ``03`` and ``04``; ``experiments`` (small training runs) serves the lecture
notebooks, and ``sliders`` (models along a hyperparameter path, the slider figure) serves the
``lambd`` and ``keep_prob`` sliders.
"""
