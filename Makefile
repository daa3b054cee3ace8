# Goda exempel för hälsa: `make run` sets up and serves the demo site, `make test` runs every test.
SHELL := /bin/bash
# The first interpreter that actually runs and is Python >= 3.11 (pyenv shims may exist but not run).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/goda_exempel
MANAGE := $(BIN)/python manage.py
# Every package, pinned with its hashes: what `make run`, `make test` and CI install (see README).
LOCK := requirements.lock
# The address `make run` serves; the demo's absolute links (feeds, sitemap, API, calendar files,
# the Wagtail Site record) follow it through SITE_URL, whatever the shell exports.
RUN_HOST ?= 127.0.0.1
RUN_PORT ?= 8000
RUN_URL := http://$(RUN_HOST):$(RUN_PORT)
setup run: export SITE_URL = $(RUN_URL)

.PHONY: help install lock setup run test lint check test-sqlite test-postgres test-browser validators clean backup restore bench

help:
	@echo "make run   – installera, migrera, läs in demoinnehåll och starta http://127.0.0.1:8000"
	@echo "make test  – ruff, kontroller, tester på SQLite och PostgreSQL samt webbläsartester"
	@echo "make bench – prestandamätning med syntetiska exempel (COUNT=10000, DURATION=10 s per URL; se README)"

# The lock holds every package (pip itself too) for every platform, so nothing is resolved at
# install time (--no-deps): the venv's bundled pip resolves a locked package's extras
# ("CacheControl[filecache]") to the newest release on the index and refuses it under
# --require-hashes. `pip check` then proves the lock was complete.
$(STAMP): $(LOCK) pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 eller senare krävs (hittade ingen python3 >= 3.11)." >&2; exit 1; }
	@echo "==> Skapar virtuell miljö i $(VENV) och installerar beroenden från $(LOCK)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --require-hashes --no-deps -r $(LOCK)
	@$(BIN)/pip check >/dev/null || $(BIN)/pip check
	@$(BIN)/pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

# The Nu HTML Checker and Lighthouse for tests/test_html_validity.py and tests/browser/test_seo.py,
# pinned with their hashes in tools/validators/package-lock.json. --ignore-scripts: vnu-jar's
# install script would download a Java; Debian's runs the jar. Without npm those tests skip
# (under CI they fail).
VALIDATORS := tools/validators
VALIDATORS_STAMP := $(VALIDATORS)/node_modules/.installed
$(VALIDATORS_STAMP): $(VALIDATORS)/package.json $(VALIDATORS)/package-lock.json
	@if command -v npm >/dev/null; then \
		echo "==> Installerar validerarna (npm ci i $(VALIDATORS))"; \
		cd $(VALIDATORS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && \
		touch node_modules/.installed; \
	else \
		echo "==> npm saknas: HTML- och SEO-kontrollerna hoppas över (apt-get install nodejs npm)"; \
	fi

validators: $(VALIDATORS_STAMP)

# After changing the dependencies in pyproject.toml: pins every package (all platforms, Python
# 3.11 and later) with its hashes. `make lock UPGRADE=1` moves every pin to the newest release
# the ranges allow; without it, pins that still fit are kept.
lock: install
	@echo "==> Låser beroendena i $(LOCK)"
	@$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes --custom-compile-command "make lock" --quiet \
		$(if $(UPGRADE),--upgrade) -o $(LOCK)

setup: install
	@mkdir -p var
	@echo "==> Migrerar databasen"
	@$(MANAGE) migrate --noinput -v 0
	@echo "==> Läser in demoinnehåll"
	@$(MANAGE) load_demo_content
	@echo "==> Bygger sökindexet"
	@$(MANAGE) search_index rebuild

run: setup
	@echo "==> Startar $(RUN_URL) (admin: $(RUN_URL)/admin/)"
	@$(MANAGE) runserver $(RUN_HOST):$(RUN_PORT)

# Encrypted (backups/<time>.tar.gz.age) when BACKUP_AGE_RECIPIENT holds a public age key;
# restoring one needs BACKUP_AGE_IDENTITY_FILE, the private key's file.
backup: install
	@echo "==> Säkerhetskopierar databasen och media till backups/"
	@$(MANAGE) backup_site

restore: install
	@test -n "$(ARCHIVE)" || { echo "Ange arkivet: make restore ARCHIVE=backups/<tid>.tar.gz[.age] [FORCE=1]" >&2; exit 1; }
	@echo "==> Återställer $(ARCHIVE)"
	@$(MANAGE) restore_site "$(ARCHIVE)" $(if $(FORCE),--force)

# Benchmark (issue 7): its own PostgreSQL database, gunicorn with 2 workers, wrk; see README.
COUNT ?= 10000
DURATION ?= 10
bench: install
	@command -v wrk >/dev/null || { echo "==> Installerar wrk (Debian-paketet wrk)"; \
		if [ "$$(id -u)" = 0 ]; then apt-get install -y -q wrk >/dev/null; \
		else sudo -n apt-get install -y -q wrk >/dev/null; fi; } || \
		{ echo "wrk saknas och kunde inte installeras: kör sudo apt-get install wrk" >&2; exit 1; }
	@$(BIN)/python -m bench.runner --count $(COUNT) --seconds $(DURATION) $(BENCH_ARGS)

lint: install
	@echo "==> ruff"
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@echo "==> bandit"
	@$(BIN)/bandit -q -r website examples search members opendata bench -x "*/migrations/*"
	@echo "==> pip-audit"
	@$(BIN)/python scripts/audit_dependencies.py

check: install
	@echo "==> manage.py check och makemigrations --check"
	@DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) check
	@DJANGO_SETTINGS_MODULE=website.settings.test $(MANAGE) makemigrations --check --dry-run

test-sqlite: install validators
	@echo "==> Tester på SQLite"
	@env -u DATABASE_URL $(BIN)/pytest -m "not browser" -q

test-postgres: install validators
	@if $(BIN)/python scripts/db_available.py "$(PG_TEST_URL)"; then \
		echo "==> Tester på PostgreSQL"; \
		DATABASE_URL="$(PG_TEST_URL)" $(BIN)/pytest -m "not browser" -q; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL svarar inte på 127.0.0.1:5432, och under CI måste testerna köras där." >&2; exit 1; \
	else \
		echo "==> Hoppar över PostgreSQL: ingen server svarar på 127.0.0.1:5432"; \
	fi

test-browser: install validators
	@echo "==> Webbläsartester (Playwright + Debians chromium)"
	@env -u DATABASE_URL $(BIN)/pytest -m browser -q

test: lint check test-sqlite test-postgres test-browser

clean:
	rm -rf var test-artifacts .pytest_cache .ruff_cache
