# Every target sets up .venv on first use, and again only when pyproject.toml changes. A .venv made
# by another Python than $(PYTHON) (another version or installation, or one that no longer runs) is
# made anew, never reused: `make test PYTHON=python3.12` then `make test` gives two clean runs.
PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PIP     := $(BIN)/python -m pip --disable-pip-version-check -q
# The Pythons the wheel's tests run on (pyproject.toml's classifiers); each one found by its name on
# PATH or under pyenv's versions, a missing one reported on stderr without failing the run.
PYTHONS ?= 3.11 3.12 3.13
PYENV_ROOT ?= $(HOME)/.pyenv
# Each Python's environment for the wheel's tests; dist/ holds the wheel.
WHEEL_VENVS := build/wheel-tests

export HYPOTHESIS_PROFILE ?= ci

.PHONY: run test lint typecheck pytest wheel test-wheels test-wheel-on bench docs mutate clean

# Which Python an interpreter is: implementation, version and installation.
IDENTIFY  := -c 'import platform, sys; print(sys.implementation.name, platform.python_version(), sys.base_prefix)'
PYTHON_IS := $(shell $(PYTHON) $(IDENTIFY) 2>/dev/null)
ifneq ($(PYTHON_IS),$(shell $(BIN)/python $(IDENTIFY) 2>/dev/null))
.PHONY: $(VENV)/.python  # missing, broken or made by another Python: made anew below
endif

$(VENV)/.python:
	@if [ -z "$(PYTHON_IS)" ]; then \
	  echo "make: PYTHON=$(PYTHON) does not run here; name one that does (a command or a path)" >&2; \
	  exit 1; \
	fi
	@if [ "$$($(BIN)/python $(IDENTIFY) 2>/dev/null)" != "$(PYTHON_IS)" ]; then \
	  echo "making $(VENV) with $(PYTHON) ($(PYTHON_IS))"; \
	  rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); \
	fi
	@echo '$(PYTHON_IS)' > $@

$(VENV)/.installed-run: pyproject.toml $(VENV)/.python
	$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.python
	$(PIP) install -e '.[test]'
	@touch $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.python
	$(PIP) install -e '.[bench]'
	@touch $@

$(VENV)/.installed-docs: pyproject.toml $(VENV)/.python
	$(PIP) install -e '.[docs]'
	@touch $@

## run: the main job on the bundled examples
run: $(VENV)/.installed-run
	$(BIN)/jetrules subsidy examples/claims-fy2019.csv
	$(BIN)/jetrules subsidy examples/claims-fy2019.csv --lang ja --submitted-on 2020-04-10
	$(BIN)/jetrules threads examples/threads.json --at 2020-01-16T12:00+09:00
	$(BIN)/jetrules sessions examples/sessions.csv

## test: every check CI runs; then the built wheel's tests on each of $(PYTHONS) found
test: lint typecheck pytest test-wheels

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench docs/hooks
	$(BIN)/ruff format --check src tests bench docs/hooks
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy src docs/hooks/docpages.py

# The docs extra too: tests/test_site.py builds the site and checks its every link.
pytest: $(VENV)/.installed-test $(VENV)/.installed-docs
	$(BIN)/pytest --cov --cov-report=term-missing:skip-covered

## wheel: the wheel pip would install, built into dist/
wheel: $(VENV)/.installed-test
	rm -rf dist
	$(PIP) wheel --no-deps --wheel-dir dist .

# The suite against the wheel installed with its test extra, in one environment per Python, lean:
# no coverage (the main run has it), no cache, the ci Hypothesis profile, and without the site's
# build (the main run builds it; these environments have no docs extra). `python -I` keeps src/
# and the environment's PYTHONPATH out: the tests import the installed package, whose doctests run
# from site-packages.
test-wheels: wheel
	@missing=; failed=; \
	for version in $(PYTHONS); do \
	  python=$$(command -v python$$version 2>/dev/null); \
	  if ! [ -n "$$python" ] || ! "$$python" -c '' 2>/dev/null; then \
	    python=$$(ls -d $(PYENV_ROOT)/versions/$$version.*/bin/python$$version 2>/dev/null \
	      | sort -V | tail -n 1); \
	  fi; \
	  if [ -z "$$python" ]; then \
	    echo "make: Python $$version NOT TESTED: no python$$version on PATH or under $(PYENV_ROOT)/versions" >&2; \
	    missing="$$missing $$version"; continue; \
	  fi; \
	  $(MAKE) --no-print-directory test-wheel-on WHEEL_PYTHON="$$python" WHEEL_VERSION=$$version \
	    || failed="$$failed $$version"; \
	done; \
	if [ -n "$$missing" ]; then echo "make: the wheel's tests did NOT run on Python$$missing (not found)" >&2; fi; \
	if [ -n "$$failed" ]; then echo "make: the wheel's tests FAILED on Python$$failed" >&2; exit 1; fi

test-wheel-on:
	@env=$(WHEEL_VENVS)/$(WHEEL_VERSION); wheel=$$(ls dist/*.whl); \
	echo "== the wheel's tests on Python $(WHEEL_VERSION): $(WHEEL_PYTHON)"; \
	if [ "$$($$env/bin/python $(IDENTIFY) 2>/dev/null)" != "$$($(WHEEL_PYTHON) $(IDENTIFY))" ]; then \
	  rm -rf $$env && $(WHEEL_PYTHON) -m venv $$env || exit 1; \
	fi; \
	$$env/bin/python -m pip --disable-pip-version-check -q install "$$wheel[test]" \
	&& $$env/bin/python -m pip --disable-pip-version-check -q install --force-reinstall --no-deps "$$wheel" \
	&& package=$$($$env/bin/python -I -c 'import jetrules, os; print(os.path.dirname(jetrules.__file__))') \
	&& echo "testing $$package" \
	&& $$env/bin/python -I -m pytest -q -p no:cacheprovider tests README.md docs "$$package" \
	  --deselect tests/test_site.py::test_the_built_site_opens_from_disk

## bench: performance figures, side by side with the packages people would otherwise use
bench: $(VENV)/.installed-bench
	$(BIN)/python bench/run.py

## docs: the documentation site, built into site/ with every warning an error. Open site/index.html
## from disk, or serve it: python -m http.server -d site
# NO_MKDOCS_2_WARNING silences Material's end-of-life banner, which is not about this site;
# .jupyter/ has the notebook's kernel talk over CurveZMQ-encrypted sockets (ipykernel warns if not).
# tests/test_site.py builds it the same way.
docs: $(VENV)/.installed-docs
	NO_MKDOCS_2_WARNING=1 JUPYTER_CONFIG_PATH=.jupyter JUPYTER_PLATFORM_DIRS=1 $(BIN)/mkdocs build --strict --clean --site-dir site

## mutate: mutation testing with mutmut, a group of modules at a time (money calendar subsidy
## threads booking phone; MUTATE=money for one); not part of `make test`. Scores and survivors:
## build/mutate/GROUP/ (docs/development.md, "Mutation testing")
MUTATE ?=
$(VENV)/.installed-mutate: pyproject.toml $(VENV)/.installed-test
	$(PIP) install 'mutmut>=3.8,<4'
	@touch $@

mutate: $(VENV)/.installed-mutate
	$(BIN)/python tests/mutate.py $(MUTATE)

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage site
