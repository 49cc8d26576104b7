# Class-scale grading: the PostgreSQL gradebook test (tests/grading/tools/test_postgres.py)
# starts a real server from the system's packages; the Dask tests need only .venv.

TEST_DEPS += scale-deps
.PHONY: scale-deps bench-class

# After browser-deps: two apt-get runs at once would fight over dpkg's lock.
scale-deps: browser-deps
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || { \
	  apt-get update && apt-get install -y postgresql; }

# Grading speed on a synthetic class: stock nbgrader, this course serial, parallel on Dask.
# BENCH_CLASS_ARGS="--students 200" for a full class.
BENCH_CLASS_ARGS ?=
bench-class: venv
	$(PY) benchmarks/class_grading.py $(BENCH_CLASS_ARGS)
