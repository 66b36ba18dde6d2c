# The two commands of the README: `make run` and `make test`.
# Everything they need is installed here, so that a clean clone works.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py
# Local development runs with DEBUG on; production sets its own environment.
DEV_ENV := DEBUG=1

.PHONY: install run serve test lint format migrations-check messages bench check-deploy clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(DEV_ENV) $(MANAGE) migrate --no-input
	$(DEV_ENV) $(MANAGE) seed
	$(DEV_ENV) $(MANAGE) demo
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000

serve: install
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run

test: lint migrations-check
	$(BIN)/pytest $(PYTEST_ARGS)

# Regenerate the Dutch translations after changing interface strings.
messages: install
	$(DEV_ENV) $(MANAGE) makemessages --locale nl --no-obsolete --no-location --ignore '.venv/*' --ignore 'var/*'
	$(DEV_ENV) $(MANAGE) compilemessages --locale nl --ignore '.venv/*'

bench: install
	$(DEV_ENV) $(BIN)/python bench/budget_contention.py
	$(DEV_ENV) $(BIN)/python bench/budget_mixed.py
	$(DEV_ENV) $(BIN)/python bench/election.py
	$(DEV_ENV) $(BIN)/python bench/election_counting.py

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache
