# The few commands people type. `make run` and `make test` work on a fresh clone with only
# Python 3.11+ and make installed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The address the site gives out in mails, feeds and calendars (the demo sets its Site to it).
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test lint format install install-dev messages migrate demo bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e ".[production]"
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e ".[dev,production]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Compile translations with Babel (pure Python): no system gettext needed.
messages: $(VENV)/.installed
	$(BIN)/pybabel compile --domain=django --directory=locale --use-fuzzy --statistics 2>&1 | tail -n 1

migrate: install messages
	$(MANAGE) migrate --no-input

demo: migrate
	SITE_URL=$(SITE_URL) $(MANAGE) load_demo_content

run: demo
	SITE_URL=$(SITE_URL) $(MANAGE) runserver $(HOST):$(PORT)

# axe-core for the browser tests' accessibility gate; skipped quietly where npm is missing
# (the browser tests then say why they were skipped).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: browser tests will be skipped"; fi

# In parallel, one process per core (pytest-xdist), each with its own test database. For a
# part of the suite: .venv/bin/pytest tests/home [-n auto]; on PostgreSQL add --reuse-db to
# keep the migrated test databases between runs (DATABASE_URL=postgres://...).
test: install-dev messages node_modules/.package-lock.json
	$(BIN)/pytest -n auto

# Load test of the site under gunicorn on PostgreSQL (docs/benchmarks.md). Needs a PostgreSQL
# server (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/qs_bench, dropped and
# created anew); uses wrk when installed (apt-get install wrk), else locust from the bench extra.
$(VENV)/.installed-bench: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e ".[bench,production]"
	touch $@ $(VENV)/.installed

bench: $(VENV)/.installed-bench messages
	$(BIN)/python bench/run.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache test-artifacts node_modules
