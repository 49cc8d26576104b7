# Browser tests (tests/browser, tests/deploy): Playwright comes from requirements.txt into
# .venv; the browser is Debian's chromium (Playwright's own download is not used).

CHROMIUM ?= /usr/bin/chromium

TEST_DEPS += browser-deps
.PHONY: browser-deps

browser-deps: $(CHROMIUM)

$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "chromium is missing: install it so that $(CHROMIUM) exists"; exit 1; }
	apt-get install -y chromium || { apt-get update && apt-get install -y chromium; } || \
		{ echo "could not install chromium: run  sudo apt-get install -y chromium"; exit 1; }
