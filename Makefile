# netstats — the two commands of the README quick start are `make demo` and `make test`.
# `make` alone (or `make help`) lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
# One stamp per set of dependencies, named after pyproject.toml's checksum: editing it reinstalls.
HASH        := $(shell cksum < pyproject.toml | cut -d' ' -f1)
REPORT_DEPS := $(VENV)/.installed-report-$(HASH)
TEST_DEPS   := $(VENV)/.installed-test-$(HASH)
LAB_DEPS    := $(VENV)/.installed-lab-$(HASH)

.DEFAULT_GOAL := help
.PHONY: help setup demo demo-platforms test lab notebooks notebooks-html browser bench sample clean lint

help: ## list the targets
	@echo "netstats: make TARGET, where TARGET is one of"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/\1|\2/' | awk -F'|' '{printf "  %-16s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "netstats needs Python 3.11 or newer")'
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "netstats: could not create $(VENV). On Debian or Ubuntu: sudo apt install python3-venv"; exit 1; }

# --no-compile: Python compiles the modules the report imports when it first runs; compiling all
# 6,500 files of the dependencies up front would double the first `make demo`.
$(REPORT_DEPS): pyproject.toml | $(BIN)/python
	$(PIP) install --no-compile -e .
	@rm -f $(VENV)/.installed-report-*
	@touch $@

$(TEST_DEPS): pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib >/dev/null  # what make demo left uncompiled
	@rm -f $(VENV)/.installed-test-* $(VENV)/.installed-report-*
	@touch $@ $(REPORT_DEPS)

$(LAB_DEPS): pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[notebooks]'
	@rm -f $(VENV)/.installed-lab-* $(VENV)/.installed-report-*
	@touch $@ $(REPORT_DEPS)

setup: $(TEST_DEPS) ## create .venv with everything the tests need

demo: $(REPORT_DEPS) ## set up what the report needs, then write build/report.html from the synthetic sample
	$(BIN)/netstats report data/sample -o build/report.html
	@echo "Open it in your web browser: file://$(CURDIR)/build/report.html"

demo-platforms: $(REPORT_DEPS) ## the same person's LinkedIn export with their other platforms and an earlier export
	$(BIN)/netstats report data/sample data/sample_platforms -o build/report-platforms.html
	@echo "Open it in your web browser: file://$(CURDIR)/build/report-platforms.html"

test: $(TEST_DEPS) browser lint ## run the whole suite: import contracts, ruff, unit tests, doctests, notebooks, browser
	$(BIN)/python -m pytest --nbval-lax -q

lab: $(LAB_DEPS) ## open JupyterLab on the notebooks
	$(BIN)/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" = 0 ] && echo --allow-root)

browser: ## install Debian's Chromium for the browser tests (as root)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: /usr/bin/chromium missing; browser tests will be skipped (install Debian's chromium)"; fi; \
	fi

## Figures are stored as plotly JSON (small); the HTML rendering below embeds plotly.js.
notebooks: $(TEST_DEPS) ## re-execute the notebooks in place (their outputs are what the notebook tests compare)
	cd notebooks && PLOTLY_RENDERER=plotly_mimetype ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace *.ipynb

## The template leaves out require.js, MathJax and Mermaid; plotly's notebook renderer adds a MathJax
## <script src> to every figure whatever its options (plotly 7), which sed removes (the figures typeset nothing).
notebooks-html: $(TEST_DEPS) ## render the notebooks to HTML in build/notebooks (code shown, loads nothing from the network)
	mkdir -p build/notebooks
	cd notebooks && PLOTLY_RENDERER=notebook ../$(BIN)/jupyter nbconvert --to html --execute \
	  --template-file ../netstats/report/templates/notebook_offline.html.j2 --output-dir ../build/notebooks *.ipynb
	sed -i.bak -E 's#<script src="https://cdnjs\.cloudflare\.com/ajax/libs/mathjax/[^"]*"></script>##g' build/notebooks/*.html
	rm -f build/notebooks/*.html.bak

sample: $(REPORT_DEPS) ## regenerate data/sample and data/sample_platforms (tests keep them in sync)
	$(BIN)/netstats sample -o data/sample
	$(BIN)/netstats sample --platforms -o data/sample_platforms

bench: $(TEST_DEPS) ## the benchmark (bench/README.md)
	$(BIN)/python -m bench

clean: ## remove build/ (the reports) and test caches
	rm -rf build .pytest_cache

lint: $(TEST_DEPS) ## the guards of the layout: import-linter contracts, ruff rules and layout (pyproject.toml)
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
