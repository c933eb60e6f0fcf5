# Readout: the short commands the README names.
#   make report   set up .venv, provision nltk data, execute every notebook, write reports/
#                 (full and briefing pages, slides, student and instructor workbooks, brief.html)
#   make test     set up .venv (with test tools and a browser), lint, format and type checks, the whole test suite
#   make test-fast  the library's tests only (no notebooks, browser or worker processes): about a minute
#   make lab      open the notebooks in JupyterLab with the project's environment
#   make bench    measure import, export and report-build times; writes benchmarks/RESULTS.md

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup report test test-fast check lab bench clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --upgrade pip
	$(BIN)/python -m pip install -qq -e '.[test,dask]'
	$(BIN)/python -m readout.nltk_setup
	@# the notebooks' kernel runs this project's interpreter, whatever python is on the PATH
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (Readout)" > /dev/null
	@# JupyterLab settings for the project: no news prompt, no update check (.jupyter/overrides.json)
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp .jupyter/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

setup: $(STAMP)

report: $(STAMP)
	$(BIN)/readout report

# Debian's chromium drives the browser tests; install it when missing and we may.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed: browser tests will be skipped (apt-get install chromium)"; fi; }

# ruff (lint and format) and mypy, configured in pyproject.toml
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(STAMP) browser check
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not browser and not notebooks"

# JupyterLab refuses to start as root without --allow-root (containers, classroom VMs): pass it then.
# The server prints the address to open.
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $$([ "$$(id -u)" = 0 ] && echo --allow-root)

# Synthetic corpora go to benchmarks/corpora/ (git-ignored); BENCH_ARGS passes options,
# e.g. make bench BENCH_ARGS="--sizes 1000 --runs 3"
bench: $(STAMP)
	$(BIN)/python benchmarks/run_benchmarks.py $(BENCH_ARGS)

clean:
	rm -rf reports .pytest_cache .hypothesis
