# Two commands on a fresh machine with Python 3.11+:  make serve   and   make test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TESTED := $(VENV)/.installed-test

.PHONY: serve build check test test-fast screenshots clean

# Runtime packages from requirements.lock, test packages from requirements-test.lock (a superset);
# both carry hashes, so pip checks every download.
$(STAMP): requirements.lock pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements.lock
	$(VENV)/bin/pip install --quiet --no-deps -e .
	touch $(STAMP)

$(TESTED): $(STAMP) requirements-test.lock
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements-test.lock
	touch $(TESTED)

cms/node_modules/.installed: cms/package.json cms/package-lock.json
	npm ci --prefix cms --no-audit --no-fund --loglevel=error
	touch $@

tests/node_modules/.installed: tests/package.json tests/package-lock.json
	npm ci --prefix tests --no-audit --no-fund --loglevel=error
	touch $@

serve: $(STAMP) cms/node_modules/.installed
	$(PY) build.py serve

build: $(STAMP) cms/node_modules/.installed
	$(PY) build.py build

check: $(STAMP) cms/node_modules/.installed
	$(PY) build.py check

test: $(TESTED) tests/node_modules/.installed cms/node_modules/.installed
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

test-fast: $(TESTED) cms/node_modules/.installed
	$(PY) -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)

# PNGs of the key pages at 1280 and 360 px (default, dark, elderly, print) for a reviewer.
SHOTS_SITE := .screenshots.site
screenshots: $(STAMP)
	rm -rf $(SHOTS_SITE)
	$(PY) build.py build --no-cache --as-of 2026-11-21 --output $(SHOTS_SITE)
	$(PY) tests/screenshots.py --site $(SHOTS_SITE) --out screenshots

clean:
	rm -rf site .site.cache .pytest_cache .screenshots.site screenshots
