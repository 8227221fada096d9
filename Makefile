# Every target sets up .venv on first use, and again only when pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

export HYPOTHESIS_PROFILE ?= ci

.PHONY: run test lint typecheck pytest bench docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	@touch $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[bench]'
	@touch $@

$(VENV)/.installed-docs: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[docs]'
	@touch $@

## run: the main job on the bundled examples
run: $(VENV)/.installed-run
	$(BIN)/jetrules subsidy examples/claims-fy2019.csv
	$(BIN)/jetrules subsidy examples/claims-fy2019.csv --lang ja --submitted-on 2020-04-10
	$(BIN)/jetrules threads examples/threads.json --at 2020-01-16T12:00+09:00
	$(BIN)/jetrules sessions examples/sessions.csv

## test: every check CI runs
test: lint typecheck pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench docs/hooks
	$(BIN)/ruff format --check src tests bench docs/hooks
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy src docs/hooks/docpages.py

pytest: $(VENV)/.installed-test
	$(BIN)/pytest --cov --cov-report=term-missing:skip-covered

## bench: performance figures, side by side with the packages people would otherwise use
bench: $(VENV)/.installed-bench
	$(BIN)/python bench/run.py

## docs: the documentation site, built into site/ with every warning an error (open site/index.html)
# NO_MKDOCS_2_WARNING silences Material's end-of-life banner, which is not about this site;
# .jupyter/ has the notebook's kernel talk over CurveZMQ-encrypted sockets (ipykernel warns if not).
docs: $(VENV)/.installed-docs
	NO_MKDOCS_2_WARNING=1 JUPYTER_CONFIG_PATH=.jupyter JUPYTER_PLATFORM_DIRS=1 $(BIN)/mkdocs build --strict --clean --site-dir site

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage site
