# The class hub's tests (tests/deploy): JupyterHub's proxy from npm into deploy/node_modules,
# and the environment the hub's users run. The project's .venv may be built on a Python that
# other users cannot execute (pyenv under /root), so the hub's users get their own
# environment, deploy/.venv-hub, on the system's Python, with the same requirements.txt.

HUB_PYTHON ?= /usr/bin/python3
HUB_VENV := deploy/.venv-hub
HUB_PROXY := deploy/node_modules/.bin/configurable-http-proxy

TEST_DEPS += hub-deps
.PHONY: hub-deps

hub-deps: $(HUB_VENV)/.installed $(HUB_PROXY)

$(HUB_VENV)/.installed: requirements.txt $(VENV)/.tools
	@test -x $(HUB_PYTHON) || { echo "$(HUB_PYTHON) is missing: run  apt-get install -y python3"; exit 1; }
	$(HUB_PYTHON) -m venv --without-pip $(HUB_VENV) || \
		{ echo "could not create $(HUB_VENV): run  apt-get install -y python3-venv"; exit 1; }
	$(call install,$(HUB_VENV)/bin/python,-r requirements.txt)
	touch $@

$(HUB_PROXY): deploy/package.json deploy/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: run  apt-get install -y npm"; exit 1; }
	cd deploy && npm ci --no-audit --no-fund
	touch $@
