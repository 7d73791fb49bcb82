# Työllisyysmittari: `make run` serves the dashboard, `make test` runs every test.
# Both set up what they need: a virtual environment, the project, and (for the
# browser tests) Debian's chromium.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install run test test-postgres lint chromium redis axe sample clean plotly-bundle

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,postgres]'
	touch $(STAMP)

install: $(STAMP)

run: install chromium
	$(BIN)/mittari serve

sample: install
	$(BIN)/mittari sample

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium fonts-dejavu-core; \
	fi

# Debian's redis-server for the test of the Redis cache backend (started by the test itself).
redis:
	@if ! command -v redis-server >/dev/null; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends redis-server; \
	fi

# axe-core (pinned in tests/browser/axe/package-lock.json) for the accessibility browser tests:
# Debian's nodejs and npm when npm is missing, then `npm ci` once per lock file.
AXE_DIR := tests/browser/axe
AXE := $(AXE_DIR)/node_modules/axe-core/axe.min.js

axe: $(AXE)

$(AXE): $(AXE_DIR)/package-lock.json
	@if ! command -v npm >/dev/null; then \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends nodejs npm; \
	fi
	cd $(AXE_DIR) && npm ci --no-audit --no-fund
	touch $(AXE)

test: install chromium redis axe
	$(BIN)/python -m pytest

test-postgres: install chromium redis axe
	scripts/test-postgres.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The partial plotly.js in assets/ (committed; only needed after changing
# frontend/plotly/index.js or the plotly version): Node.js and npm required.
plotly-bundle:
	cd frontend/plotly && npm ci --no-audit --no-fund && npm run build

clean:
	rm -rf $(VENV) instance .pytest_cache
