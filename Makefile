# The two commands of the README: `make run` and `make test`.
# Everything they need is installed here, so that a clean clone works.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
MANAGE := $(BIN)/python manage.py
# Local development runs with DEBUG on; production sets its own environment.
DEV_ENV := DEBUG=1

.PHONY: install run serve worker beat test lint format migrations-check security audit messages bench bench-pages check-deploy clean

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

# Production-like: DEBUG off, hashed static files, gunicorn (config/gunicorn.conf.py).
# Needs the production environment (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, ...: README);
# on a laptop without TLS add SECURE_SSL_REDIRECT=0. docs/deployment.md runs it under systemd.
serve: install
	$(MANAGE) collectstatic --no-input
	$(BIN)/gunicorn -c config/gunicorn.conf.py

# Background work, in the site's environment (CELERY_BROKER_URL; DEBUG=1 on a laptop).
# Workers: as many as the load needs; beat: exactly one. A worker hands over the outbox's
# pending work when it starts (decision 0036).
worker: install
	$(BIN)/celery -A config worker --loglevel INFO

beat: install
	mkdir -p var
	$(BIN)/celery -A config beat --loglevel INFO --schedule var/celerybeat-schedule

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run

# Known insecure patterns in our code (bandit); a false alarm is marked `# nosec BXXX`
# where it stands, with why.
security: install
	$(BIN)/bandit -q -r budget projecten smederijen wijken config -x '*/migrations/*'

# Known vulnerabilities of the installed packages. It needs PyPI's JSON API or OSV; where
# neither answers (this project's build machines reach only the package index) it says
# that it audited nothing, and does not pretend it passed.
audit: install
	@out=$$($(BIN)/pip-audit --strict --progress-spinner off 2>&1); status=$$?; \
	if echo "$$out" | grep -q "Found [0-9]* known vulnerabilit"; then echo "$$out"; exit 1; fi; \
	if [ $$status -ne 0 ]; then \
	  echo "pip-audit: NOT AUDITED - the vulnerability data (PyPI JSON API, OSV) cannot be reached from here"; \
	else echo "pip-audit: no known vulnerabilities"; fi

# Two processes (pytest-xdist), one per core of the build machines: the suite takes about
# half the time. `make test PYTEST_ARGS=` runs it in one process.
PYTEST_ARGS ?= -n 2

test: lint migrations-check security
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
	$(MAKE) bench-pages

# The page benchmark (bench/pages.py, issue 12) at a size of a few minutes: two synthetic
# databases it makes itself on the PostgreSQL server of BENCH_PG (bench_pages_2 and
# bench_pages_10: 500 proposals a year over 2 and over 10 years; dropped and made anew),
# gunicorn on ports 8102 and 8112. The full size, 1 year against 20: docs/performance.md.
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
bench-pages: install
	$(BIN)/python bench/pages.py synthesize $(BENCH_PG)/bench_pages_2 --years 2 \
	  --proposals 1000 --supports 9000 --comments 3000 --ballots 10000
	$(BIN)/python bench/pages.py synthesize $(BENCH_PG)/bench_pages_10 --years 10 \
	  --proposals 5000 --supports 45000 --comments 15000 --ballots 50000
	$(BIN)/python bench/pages.py --small $(BENCH_PG)/bench_pages_2 \
	  --large $(BENCH_PG)/bench_pages_10 --requests 10

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache
