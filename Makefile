# Two commands on a fresh machine: `make run` and `make test`. Both are safe to repeat.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run serve test setup lint pytest seed reset-demo browser clean bench lock audit fuzz

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

# Every package comes from the hashed lock (pip too); the app itself is installed without deps.
# The lock is complete, so it installs with --no-deps: pip takes exactly what it pins and
# resolves nothing (pip 23.2 otherwise chose a newer release for a dependency asked with an
# extra, such as justext's lxml[html_clean], and refused it as unpinned). pip check, once
# everything is in, reports a package whose requirement no installed version meets (it
# does not look at extras: a test imports lxml.html.clean).
$(VENV)/.installed: $(BIN)/activate pyproject.toml requirements/lock.txt requirements/nlp-model.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/nlp-model.txt
	$(BIN)/pip check
	touch $@

# Regenerates requirements/lock.txt from pyproject.toml (runtime and every extra) with
# hashes. Pins still allowed by pyproject.toml are kept: LOCK_ARGS=--upgrade moves them all,
# LOCK_ARGS="--upgrade-package django" one. Then `make setup` installs the new lock.
lock: $(BIN)/activate
	$(BIN)/pip install --quiet "pip-tools>=7.4,<8"
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
		--strip-extras --no-emit-index-url --no-emit-find-links --extra test --extra synthetic --extra audit \
		--output-file requirements/lock.txt $(LOCK_ARGS) pyproject.toml

# Known vulnerabilities in the locked packages (pip-audit). Exit 1: vulnerabilities listed;
# exit 69: the vulnerability data could not be reached (see scripts/audit).
audit: $(VENV)/.installed
	$(BIN)/python scripts/audit $(AUDIT_ARGS)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed
	$(BIN)/python manage.py collectstatic --noinput -v0

# Debian's Chromium for the browser tests (Playwright never downloads a browser).
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)
	@test -x /usr/bin/chromium || (echo "Chromium could not be installed at /usr/bin/chromium" >&2; exit 1)

# The seed goes into an empty database only: an editor's changes survive every `make run`.
seed: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py create_demo_accounts

# Deletes every record (asks first) and loads the seed again.
reset-demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py reset_demo

run: seed
	@echo "Serving on http://$(HOST)/ (admin on http://$(HOST)/admin/)"
	$(BIN)/python manage.py runserver $(HOST)

# Production: gunicorn (tracker/gunicorn.conf.py) with DEBUG off. Needs DJANGO_SECRET_KEY,
# DATABASE_URL and DJANGO_ALLOWED_HOSTS; see "Running in production" in README.md.
serve: export DJANGO_ENV := production
serve: export DJANGO_DEBUG := false
serve: $(VENV)/.installed node_modules/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/gunicorn --config tracker/gunicorn.conf.py --bind $(HOST)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The suite runs on SQLite, and again on PostgreSQL when DATABASE_URL is set.
pytest: setup browser
	env -u DATABASE_URL ./scripts/pytest-or-fail $(BIN)/pytest $(PYTEST_ARGS)
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== again on PostgreSQL ($$DATABASE_URL)"; \
		./scripts/pytest-or-fail $(BIN)/pytest $(PYTEST_ARGS); \
	fi

test: lint pytest

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3*

# Benchmarks: 1,000 and 1,000,000 contacts on SQLite and PostgreSQL (BENCH_ARGS=--quick for
# 1,000 and 20,000). Figures go to bench/results.md and bench/results.json.
bench: setup
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Every request answered, at length: the request fuzz (tests/test_fuzz.py) with FUZZ_EXAMPLES
# generated requests per page, exported table and admin model (the suite sends 10 to 24), on
# SQLite and again on PostgreSQL when DATABASE_URL is set. Prints "N requests, 0 responses
# >= 500, slowest X ms (URL)" per database; the figures, and any failure, go to bench/fuzz-*.json.
FUZZ_EXAMPLES ?= 300
fuzz: setup
	@status=0; rm -f bench/fuzz-sqlite.json bench/fuzz-postgresql.json; \
	env -u DATABASE_URL FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_REPORT=bench/fuzz-sqlite.json \
		$(BIN)/pytest tests/test_fuzz.py -q $(PYTEST_ARGS) || status=1; \
	if [ -n "$$DATABASE_URL" ]; then \
		FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_REPORT=bench/fuzz-postgresql.json \
			$(BIN)/pytest tests/test_fuzz.py -q $(PYTEST_ARGS) || status=1; \
	fi; \
	for report in bench/fuzz-sqlite.json bench/fuzz-postgresql.json; do \
		test -f $$report && $(BIN)/python -c 'import json, sys; print(json.load(open(sys.argv[1]))["summary"])' $$report; \
	done; \
	exit $$status
