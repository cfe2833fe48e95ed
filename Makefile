# The two commands: `make run` and `make test`. Both need nothing but Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint messages translations bench clean

install: $(STAMP) translations

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

# Compile the gettext catalogues with Python (polib), so no system gettext is needed.
translations: $(STAMP)
	@$(BIN)/python manage.py compile_translations

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py ensure_demo_admin --url http://$(HOST):$(PORT)/admin/
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

# Regenerate the catalogues from the source (needs GNU gettext's xgettext, a developer tool only).
messages: install
	$(BIN)/python manage.py makemessages --locale zh_Hans --locale en --ignore ".venv/*" --no-obsolete
	$(BIN)/python manage.py makemessages --domain djangojs --locale zh_Hans --locale en --ignore ".venv/*" --ignore "static_collected/*"

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) static_collected .pytest_cache
