# SIPINDA — two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint fmt typecheck bench migrate seed clean i18n-extract i18n-update i18n-compile

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# gettext catalogues: one per service and shared/web's (README, "Languages"). The .mo files are
# built here, never committed nor edited: `make run` and `make test` compile what changed.
I18N_DIRS := shared/web/translations $(wildcard services/*/translations)
PO_FILES  := $(wildcard $(addsuffix /*/LC_MESSAGES/messages.po,$(I18N_DIRS)))
MO_FILES  := $(PO_FILES:.po=.mo)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

i18n-extract: $(STAMP)  ## each catalogue's messages.pot from code, templates, mails and PDFs
	@for dir in $(I18N_DIRS); do $(BIN)/python tools/i18n_template.py $$dir $${dir%/translations} || exit 1; done

i18n-update: i18n-extract  ## new keys into every .po (empty until translated)
	@for dir in $(I18N_DIRS); do $(BIN)/pybabel update --no-fuzzy-matching --ignore-pot-creation-date -w 100 -i $$dir/messages.pot -d $$dir || exit 1; done

i18n-compile: $(STAMP)  ## every .mo, with each catalogue's statistics
	@for po in $(PO_FILES); do $(BIN)/pybabel compile --statistics -i $$po -o $${po%.po}.mo || exit 1; done

run: $(STAMP) $(MO_FILES)  ## start the whole system on embedded defaults
	$(BIN)/sipinda run

# Two pytest processes (one per core here), each test file whole on one of them, the slow files
# first (tests/conftest.py).
PYTEST_WORKERS ?= 2

test: $(STAMP) $(MO_FILES)  ## the whole suite
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m bench

migrate: $(STAMP)
	$(BIN)/sipinda migrate

seed: $(STAMP)
	$(BIN)/sipinda seed

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
