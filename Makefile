# Two commands for a newcomer: `make run` launches the app on the demo catalogue,
# `make test` runs the whole suite headless. Both create .venv when it is missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
# The demo catalogue lives in its own folder so `make run` never touches a real catalogue.
DEMO_DIR ?= $(CURDIR)/.venv/demo-catalogue

.PHONY: run test lint typecheck pytest clean-demo demo-pdfs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/kmdesk --data-dir "$(DEMO_DIR)"

test: $(STAMP_TEST)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

clean-demo:
	rm -rf "$(DEMO_DIR)"

demo-pdfs: | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[demo]"
	$(BIN)/python scripts/make_demo_pdfs.py
