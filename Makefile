# Set-up and everyday commands; `make run` and `make test` work on a fresh machine with python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m compileall -q segtui  # as a wheel install does: no compiling at each start
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/segtui $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

screenshots: $(STAMP)
	$(BIN)/python screenshots/regenerate.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
