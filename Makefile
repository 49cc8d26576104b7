# Practical aspects of deep learning: set-up, release, demo, tests.
# Everything runs in a local virtual environment, .venv, created on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
PY := $(BIN)/python
export PATH := $(BIN):$(PATH)
export MPLBACKEND := Agg
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# The course's matrices are small: one BLAS thread is faster, and steadier when the grader
# runs several kernels at once.
export OPENBLAS_NUM_THREADS ?= 1
export OMP_NUM_THREADS ?= 1

ASSIGNMENTS := initialization regularization dropout gradient_checking normalization

.PHONY: help venv release demo test test-deps test-fast lint bench student-dist clean

help:
	@echo "make demo          set up, release, autograde the example class, print grades, write report"
	@echo "make test          the whole test suite"
	@echo "make test-fast     the suite without nbgrader runs, notebooks or browsers (about 45 s)"
	@echo "make release       regenerate release/ from source/ (nbgrader generate_assignment)"
	@echo "make lint          ruff check (code and notebooks)"
	@echo "make bench         speed figures (benchmarks/)"
	@echo "make student-dist  the zip students get: release notebooks + course_lib without solutions"
	@echo "make clean         remove generated files (keeps .venv)"

# The environment, with uv to install into it: uv resolves, downloads and byte-compiles in
# parallel and shares one cache between .venv and mk/hub.mk's environment (both installs took
# 36 to 39 s with pip, run side by side on 2 cores; about 20 s with uv). Without uv (a platform
# it has no wheel for), or where uv fails (it reads PyPI itself, not pip's configured index),
# pip does the same work.
UV := $(BIN)/uv
# $(call install,<python>,<arguments>): install into the environment of <python>.
install = $(if $(wildcard $(UV)),$(UV) pip install --quiet --compile-bytecode --python $(1) $(2) || ,)$(BIN)/pip --python $(1) install --quiet $(2)

$(VENV)/.tools:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv || $(PY) -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: requirements.txt pyproject.toml $(VENV)/.tools
	$(call install,$(PY),-r requirements.txt)
	$(call install,$(PY),--no-deps -e .)
	touch $@

venv: $(VENV)/.installed

release: venv
	$(PY) -m course_lib.grading.tools.release

demo: venv release
	$(PY) -m course_lib.grading.tools.demo

# What the tests need beyond .venv (a browser, a hub proxy, a database server, ...): each
# mk/*.mk file adds its set-up targets to TEST_DEPS.
TEST_DEPS :=
-include mk/*.mk

# The whole suite in parallel (pytest-xdist); tests that share a graded course run on one
# worker (--dist loadgroup, groups set in tests/conftest.py). One worker more than cores: about
# a third of the suite waits on browsers and servers (measured on 2 cores: 9 min 14 s to
# 10 min 7 s of tests with 3 workers, 9 min 31 s to 10 min 34 s with 2).
TEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
PYTEST_PARALLEL ?= -n $(TEST_WORKERS) --dist loadgroup
test: test-deps
	$(PY) -m pytest -q $(PYTEST_PARALLEL) tests

# .venv and the tests' set-up, two at a time (apt-get steps are ordered in mk/).
test-deps:
	@$(MAKE) --no-print-directory -j2 venv $(TEST_DEPS)

# For the edit-test loop: everything not marked slow (nbgrader runs, notebooks, browsers).
test-fast: venv
	$(PY) -m pytest -q $(PYTEST_PARALLEL) -m "not slow" tests

lint: venv
	$(BIN)/ruff check .

bench: venv
	$(PY) benchmarks/run.py

student-dist: venv
	$(PY) -m course_lib.grading.tools.student_dist

clean:
	rm -rf demo submitted autograded/* feedback reports gradebook.db grades.csv dist build
	touch autograded/.gitkeep
