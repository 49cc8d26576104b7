"""Lesson helpers: one module per notebook, named after it.

``initialization``, ``regularization``, ``dropout``, ``gradient_checking``, ``normalization``
serve the graded notebooks of the same name; ``train_dev_test``, ``mismatched_distributions``,
``bias_variance``, ``data_augmentation``, ``early_stopping`` serve the lecture notebooks 01 to
05; ``experiments`` (small training runs) serves several lectures, and ``sliders`` (models along
a hyperparameter path, the slider figure) serves the ``lambd`` and ``keep_prob`` sliders.
"""
