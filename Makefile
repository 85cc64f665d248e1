# One task runner. `make demo` and `make test` are the README's two quick-start commands.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench calibrate docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## set up and score the built-in demo answer
	$(BIN)/aspira score --demo

test: $(STAMP) lint typecheck unit  ## set up and run the whole test suite

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)  ## speed and quality benchmarks (writes benchmarks/results.md)
	$(BIN)/python benchmarks/run.py

calibrate: $(STAMP)  ## refit the scorer's weights on the train split
	$(BIN)/python scripts/calibrate.py

docs: $(STAMP)  ## regenerate README tables from the rubric data
	$(BIN)/python scripts/gen_docs.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
