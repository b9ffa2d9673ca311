# Two commands on a fresh machine with Python 3.11+:  make serve   and   make test
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: serve build check test test-fast clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.lock
	$(VENV)/bin/pip install --quiet --no-deps -e .
	touch $(STAMP)

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

test: $(STAMP) tests/node_modules/.installed cms/node_modules/.installed
	$(PY) -m pytest -n 2 $(PYTEST_ARGS)

test-fast: $(STAMP) cms/node_modules/.installed
	$(PY) -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)

clean:
	rm -rf site .site.cache .pytest_cache
