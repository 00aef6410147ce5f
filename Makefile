# Two commands for a newcomer: `make run` launches the app on the demo catalogue,
# `make test` runs the whole suite headless. Both create the venv (.venv) when it is missing,
# and recreate it when its Python is older than 3.12 or no longer runs.
#
# kmdesk needs Python 3.12+ (PySide6 6.12 on 3.11 aborts with "none_dealloc"). The venv is made
# with the first working 3.12+ interpreter found by scripts/find-python.sh: PYTHON=... when
# given, python3.13, python3.12, pyenv's versions, python3.

PYTHON ?=
VENV ?= .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
# The demo catalogue lives in its own folder so `make run` never touches a real catalogue.
DEMO_DIR ?= $(abspath $(VENV))/demo-catalogue

# Does the venv's Python run, and is it 3.12+? When not, every target that needs the venv
# first goes through `venv`, which (re)creates it; its install stamps are then redone.
VENV_PYTHON_OK := $(shell "$(BIN)/python" -c 'import sys; sys.exit(sys.version_info < (3, 12))' \
	>/dev/null 2>&1 && echo yes)
ifeq ($(VENV_PYTHON_OK),yes)
VENV_READY :=
else
VENV_READY := venv
endif

# The interpreter for a new venv (an absolute path), or the one-line reason there is none.
# Found at most once per make run, and only when the venv has to be made.
FOUND_PYTHON = $(eval FOUND_PYTHON := $$(shell PYTHON='$$(PYTHON)' sh scripts/find-python.sh 2>&1))$(FOUND_PYTHON)

.PHONY: run test venv lint typecheck pytest clean-demo demo-pdfs translations

venv:
ifeq ($(VENV_PYTHON_OK),yes)
	@echo "$(VENV) already uses $$($(BIN)/python --version)"
else
	$(if $(filter /%,$(firstword $(FOUND_PYTHON))),,$(error $(patsubst %.,%,$(FOUND_PYTHON))))
	@if [ -e "$(VENV)" ] && [ ! -f "$(VENV)/pyvenv.cfg" ]; then \
		echo "$(VENV) exists but is not a virtual environment; move it away or pass VENV=..." >&2; \
		exit 1; \
	fi
	@echo "Creating $(VENV) with $$("$(FOUND_PYTHON)" --version) at $(FOUND_PYTHON)"
# Everything of the old venv goes, except the demo catalogue.
	@if [ -d "$(VENV)" ]; then \
		find "$(VENV)" -mindepth 1 -maxdepth 1 ! -name demo-catalogue -exec rm -rf {} +; \
	fi
	"$(FOUND_PYTHON)" -m venv "$(VENV)"
	"$(BIN)/python" -m pip install --quiet --upgrade pip
endif

$(STAMP_RUN): pyproject.toml $(VENV_READY)
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml $(VENV_READY)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(STAMP_RUN)

# The app's translations: .ts sources in resources/i18n, compiled to .qm (build output, not in git).
translations: $(STAMP_RUN)
	$(BIN)/python scripts/translations.py compile

run: $(STAMP_RUN) translations
	$(BIN)/kmdesk --data-dir "$(DEMO_DIR)"

# Tests run on two workers (pytest-xdist): the suite is CPU-bound and machines have 2+ cores.
test: $(STAMP_TEST) translations
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -n 2

clean-demo:
	rm -rf "$(DEMO_DIR)"

demo-pdfs: $(VENV_READY)
	$(BIN)/python -m pip install --quiet -e ".[demo]"
	$(BIN)/python scripts/make_demo_pdfs.py
