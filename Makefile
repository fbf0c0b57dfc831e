# Acquis — the single entry point. `make run` serves the demo; `make test` is what CI runs.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help venv venv-test run test quality fix bench resetdb compile-deps clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

venv: $(BIN)/python ## Create .venv with the locked runtime dependencies
	@scripts/install.sh base

venv-test: $(BIN)/python ## Create .venv with the locked runtime and test dependencies
	@scripts/install.sh test

run: venv ## Migrate the embedded SQLite database, load reference and demo data, run the worker and serve :8000
	@scripts/run.sh

test: venv-test ## Lint, migrations check, unit tests (SQLite), integration tests (PostgreSQL), browser tests (Chromium)
	@scripts/test.sh

quality: venv-test ## Lint and format check only
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fix: venv-test ## Apply the linters' fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: venv-test ## Run the benchmarks; JSON results go to bench/results/
	@scripts/bench.sh

resetdb: venv ## Delete the embedded database (var/acquis.sqlite3)
	rm -f var/acquis.sqlite3

compile-deps: $(BIN)/python ## Re-lock requirements/*.txt from pyproject.toml (hashes)
	$(BIN)/pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --generate-hashes -o requirements/test.txt

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
