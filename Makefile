# Two commands for a newcomer: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test test-fast lint format bench test-postgres clean-venv

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null || { echo "Paarweise needs Python 3.11 ('$(PYTHON)' is not). Install it, or run: make run PYTHON=/path/to/python3.11"; exit 2; }
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a requirements file changed.
$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-run

## Start the app (opens on the demo event the first time). Only this computer can open it
## unless a team password is set (PAARWEISE_PASSWORD): then phones on the network can too.
run: $(VENV)/.installed-run
	PAARWEISE_SEED_DEMO=1 PORT=$(PORT) $(BIN)/python scripts/run_app.py

## Lint, then every test: browser tests (scripts/ensure-browser.sh) and PostgreSQL storage
## tests (scripts/with-postgres.sh, a throw-away local server) included.
test: $(VENV)/.installed-dev
	@bash scripts/ensure-browser.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@bash scripts/audit.sh $(BIN)
	bash scripts/with-postgres.sh --optional $(BIN)/python -m pytest -n auto

## While developing: the quick tests only (no browser, no slow ones), in parallel.
test-fast: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n auto -q -m "not slow and not e2e and not postgres"

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Planner benchmark: ours vs baselines vs the proven bound.
bench: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/bench_planner.py
	$(BIN)/python benchmarks/bench_scale.py

## Storage tests against a throw-away local PostgreSQL (Debian package, free port).
test-postgres: $(VENV)/.installed-dev
	bash scripts/with-postgres.sh $(BIN)/python -m pytest -m postgres tests/storage/test_store.py -ra

clean-venv:
	rm -rf $(VENV)
