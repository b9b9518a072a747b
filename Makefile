# The two commands a newcomer needs: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.local

# pytest-xdist: one worker per core; a group (xdist_group) that shares an expensive fixture stays on
# one worker. `make test XDIST=` runs the suite in one process.
XDIST ?= -n auto --dist loadgroup
FAST := not slow and not integration and not browser and not fuzz and not load

.PHONY: run test test-fast install install-test frontend setup lint format lock check-deploy clean

## run: install, build, migrate, load organisations and demo data, then start web + worker + beat
run: install frontend setup
	@echo ""
	@echo "  Open http://127.0.0.1:$(PORT)/ and sign in with a demo account above. Ctrl-C stops all three."
	@echo ""
	PATH="$(CURDIR)/$(BIN):$$PATH" BIND=127.0.0.1:$(PORT) exec $(BIN)/honcho start -f Procfile

## test: install what the tests need and run the whole suite, on every core
test: install-test frontend
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports --no-logo
	$(BIN)/python scripts/lint_model_usage_in_views.py
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest $(XDIST)

## test-fast: the suite without the tests marked slow (crawls, national-scale loads, subprocesses)
test-fast: install-test frontend
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest $(XDIST) -m "$(FAST)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base-installed: requirements/base.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/base.lock
	@touch $@

$(VENV)/.test-installed: requirements/test.lock | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/test.lock
	@touch $(VENV)/.base-installed $@

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund

install: $(VENV)/.base-installed node_modules/.package-lock.json

install-test: $(VENV)/.test-installed node_modules/.package-lock.json

## frontend: compile the NHS.UK design system into static/dist
frontend: node_modules/.package-lock.json
	npm run --silent build

## setup: migrate and load everything `make run` needs; safe to repeat
setup:
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_service

## lint: ruff, the layers between apps (.importlinter) and no bare query of a scoped model in views
lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo
	$(BIN)/python scripts/lint_model_usage_in_views.py

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## lock: re-pin Python dependencies from pyproject.toml (needs uv: pip install uv)
lock:
	uv pip compile pyproject.toml -o requirements/base.lock --python-version 3.11
	uv pip compile pyproject.toml --extra test -o requirements/test.lock --python-version 3.11

## check-deploy: Django's deployment checks under production settings
check-deploy:
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules static/dist var
