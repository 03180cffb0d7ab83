# SIPINDA — two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
STAMP     := $(VENV)/.installed
INSTALL_LOG := var/install.log

# Two stamps: running needs only the runtime dependencies (`make run`); the tests, linters and
# browsers come with the `dev` extra (`make test`). pip's output goes to var/install.log, so the
# banner with the URL and the logins stays the last thing `make run` prints.
$(RUN_STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@mkdir -p var
	@echo "[sipinda] installing the runtime dependencies (log: $(INSTALL_LOG)) …"
	@$(BIN)/python -m pip install -e . >$(INSTALL_LOG) 2>&1 \
	  || { tail -n 30 $(INSTALL_LOG); exit 1; }
	@touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP) pyproject.toml
	@echo "[sipinda] installing the development extras (log: $(INSTALL_LOG)) …"
	@$(BIN)/python -m pip install -e '.[dev]' >>$(INSTALL_LOG) 2>&1 \
	  || { tail -n 30 $(INSTALL_LOG); exit 1; }
	@touch $(STAMP)

# gettext catalogues: one per service and shared/web's (README, "Languages"). The .mo files are
# built here, never committed nor edited: `make run` and `make test` compile what changed.
I18N_DIRS := shared/web/translations $(wildcard services/*/translations)
PO_FILES  := $(wildcard $(addsuffix /*/LC_MESSAGES/messages.po,$(I18N_DIRS)))
MO_FILES  := $(PO_FILES:.po=.mo)

# One interpreter compiles them all (GNU make's grouped target: the recipe runs once).
$(MO_FILES) &: $(PO_FILES) $(RUN_STAMP)
	@$(BIN)/python tools/compile_catalogues.py $(PO_FILES)

i18n-extract: $(STAMP)  ## each catalogue's messages.pot from code, templates, mails and PDFs
	@for dir in $(I18N_DIRS); do $(BIN)/python tools/i18n_template.py $$dir $${dir%/translations} || exit 1; done

i18n-update: i18n-extract  ## new keys into every .po (empty until translated)
	@for dir in $(I18N_DIRS); do $(BIN)/pybabel update --no-fuzzy-matching --ignore-pot-creation-date -w 100 -i $$dir/messages.pot -d $$dir || exit 1; done

i18n-compile: $(STAMP)  ## every .mo, with each catalogue's statistics
	@$(BIN)/python tools/compile_catalogues.py --statistics $(PO_FILES)

run: $(RUN_STAMP) $(MO_FILES)  ## start the whole system on embedded defaults
	@$(BIN)/sipinda run

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

migrate: $(RUN_STAMP)
	$(BIN)/sipinda migrate

seed: $(RUN_STAMP)
	$(BIN)/sipinda seed

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
