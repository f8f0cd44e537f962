# Two entry points (see README): `make demo` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint bench system-deps wheel-check

$(BIN)/partygraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

demo: $(BIN)/partygraph
	$(BIN)/partygraph demo --out out
	@echo "partygraph is installed in $(VENV): run '. $(VENV)/bin/activate' to put it on your PATH (or call $(BIN)/partygraph)"

system-deps:
	bash scripts/system-deps.sh

test: $(BIN)/partygraph system-deps
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest -q
	bash scripts/wheel-check.sh $(BIN)/python

# The wheel in a fresh venv, run from an empty folder (about a minute).
wheel-check: $(BIN)/partygraph
	bash scripts/wheel-check.sh $(BIN)/python

lint: $(BIN)/partygraph
	$(BIN)/ruff check src tests && $(BIN)/ruff format --check src tests

bench: $(BIN)/partygraph
	$(BIN)/python tests/perf/bench.py --statements 1000
