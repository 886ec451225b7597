# Two commands for a fresh machine: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: install run test lint format messages

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# uv.lock pins every dependency; --frozen refuses to install anything the lock does not name.
$(VENV)/.installed: pyproject.toml uv.lock | $(BIN)/uv
	$(BIN)/uv sync --frozen --inexact --python $(BIN)/python
	touch $@

install: $(VENV)/.installed
	@mkdir -p var

# --nostatic: WhiteNoise serves the static files, as it does in production. The background worker
# (re-indexing) runs beside the server and stops with it.
run: install
	$(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py load_demo
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	trap 'kill 0' EXIT; $(BIN)/python manage.py db_worker & $(BIN)/python manage.py runserver --nostatic 127.0.0.1:8000

# The browser tests drive Debian's chromium; CJK fonts make their screenshots readable.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei; \
	else \
		echo "The browser tests need Debian's chromium: sudo apt-get install chromium fonts-wqy-microhei" >&2; exit 1; \
	fi

test: install $(CHROMIUM)
	DJANGO_SETTINGS_MODULE=newsroom.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=newsroom.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest

# lint-imports holds the layers of docs/architecture.md (the contracts are in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs gettext (msgfmt); the compiled catalog is committed so that running the site does not.
messages: install
	$(BIN)/python manage.py makemessages --locale zh_Hans --extension html,txt,py,svg --ignore ".venv/*" --ignore "var/*" --no-obsolete
	$(BIN)/python manage.py compilemessages --locale zh_Hans --ignore ".venv/*"
