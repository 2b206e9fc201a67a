# Samspill: `make run` starts the demo, `make test` runs every check. See README.md.
SHELL := /bin/sh
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
PORT ?= 8000
HOST ?= 127.0.0.1
# `make run` serves with DEBUG off, as a deployed site would, unless DEBUG=1 is given
# (`make run DEBUG=1`, or DEBUG=1 in the environment). Every other target keeps DEBUG=1 by default.
ifeq ($(origin DEBUG),undefined)
RUN_DEBUG := 0
else
RUN_DEBUG := $(DEBUG)
endif
export DEBUG ?= 1
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
PYTEST_ARGS ?=
TEST_WORKERS ?= auto

.PHONY: help install run demo serve worker test check lint format bench bench-load clean messages

help:
	@echo "make run    install, migrate, load the demo data and serve on http://$(HOST):$(PORT)/ (DEBUG off; make run DEBUG=1 for development)"
	@echo "make test   checks (ruff, mypy, import contracts, migrations) and the whole test suite"
	@echo "make serve  like production on http://$(HOST):$(PORT)/ (gunicorn, DEBUG off, task worker)"
	@echo "make bench  benchmarks (results in docs/performance.md)"
	@echo "make bench-load  load test of the shipped server (locust, loopback; docs/performance.md)"

$(BIN)/uv:
	@PYTHON=$$(scripts/find-python) || exit 1; \
	  echo "Creating $(VENV) with $$PYTHON"; \
	  "$$PYTHON" -m venv $(VENV) && $(BIN)/pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.synced: $(BIN)/uv pyproject.toml uv.lock
	$(BIN)/uv sync --frozen --quiet --python $(BIN)/python
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "Samspill needs Node.js with npm to install its front-end packages (Designsystemet, Leaflet, Chart.js). Install it: 'apt install nodejs npm' (Debian/Ubuntu) or see nodejs.org." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.synced node_modules/.installed

demo: install
	$(BIN)/samspill migrate --noinput --verbosity 0
	$(BIN)/samspill demo

# DEBUG off by default (the site's own error pages, collected static files via whitenoise);
# `make run DEBUG=1` for development. scripts/run-server says how.
run: demo
	@$(BIN)/samspill demo_logins --url "http://$(HOST):$(PORT)/"
	DEBUG=$(RUN_DEBUG) BIN=$(BIN) HOST=$(HOST) PORT=$(PORT) scripts/run-server

# Production-like on this machine: DEBUG off, collected static files served by whitenoise,
# gunicorn with WEB_CONCURRENCY workers and the task worker (see README, Deploying). Plain HTTP on
# loopback, so secure cookies are off unless set; a secret key is generated once into var/.
serve: demo
	@mkdir -p "$${SAMSPILL_VAR_DIR:-var}"
	@KEY_FILE="$${SAMSPILL_VAR_DIR:-var}/secret_key"; \
	  [ -s "$$KEY_FILE" ] || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" >"$$KEY_FILE"; \
	  DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat "$$KEY_FILE")}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),localhost,127.0.0.1}" \
	  SESSION_COOKIE_SECURE="$${SESSION_COOKIE_SECURE:-0}" CSRF_COOKIE_SECURE="$${CSRF_COOKIE_SECURE:-0}" \
	  EMAIL_BACKEND="$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}" \
	  DEFAULT_FROM_EMAIL="$${DEFAULT_FROM_EMAIL:-samspill@localhost}" \
	  $(BIN)/samspill serve --host "$(HOST)" --port "$(PORT)"

worker: install
	$(BIN)/samspill db_worker

check: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy samspill tests bench
	$(BIN)/lint-imports
	$(BIN)/samspill check
	$(BIN)/samspill makemigrations --check --dry-run

# The suite in two runs: everything but the browser tests spread over every core (pytest-xdist,
# one test database per worker), then the browser tests in one process against one demo server.
test: check
	$(BIN)/pytest -n $(TEST_WORKERS) --ignore=tests/functional $(PYTEST_ARGS)
	$(BIN)/pytest tests/functional $(PYTEST_ARGS)

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	cd samspill && ../$(BIN)/samspill makemessages -l en -l nn --no-obsolete --ignore "node_modules/*" && ../$(BIN)/samspill compilemessages

bench: install
	$(BIN)/python -m bench

# Load test of the shipped server (gunicorn, 2 workers) on SQLite and PostgreSQL; see docs/performance.md.
bench-load: install
	$(BIN)/python -m bench.load $(LOAD_ARGS)

clean:
	rm -rf $(VENV) node_modules var .mypy_cache .ruff_cache .pytest_cache
