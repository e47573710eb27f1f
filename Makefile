# netstats — the two commands of the README quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: setup demo demo-platforms test notebooks notebooks-html browser bench sample clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "netstats needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e '.[test,notebooks]'
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)

## make demo: set up, then build the report of the synthetic sample export.
demo: setup
	$(BIN)/netstats report data/sample -o build/report.html

## The same person's LinkedIn export together with their other platforms and an earlier LinkedIn export.
demo-platforms: setup
	$(BIN)/netstats report data/sample data/sample_platforms -o build/report-platforms.html

## make test: set up, then run the whole suite (unit, doctests, notebooks, browser).
test: setup browser
	$(BIN)/python -m pytest --nbval-lax -q

## Debian's Chromium for the browser tests (Playwright never downloads its own).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: /usr/bin/chromium missing; browser tests will be skipped (install Debian's chromium)"; fi; \
	fi

## Re-execute the notebooks in place (their committed outputs are what nbval compares).
## Figures are stored as plotly JSON (small); the HTML rendering below embeds plotly.js.
notebooks: setup
	cd notebooks && PLOTLY_RENDERER=plotly_mimetype ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace *.ipynb

## Render the notebooks to self-contained HTML (no input cells, charts work offline) in build/notebooks.
notebooks-html: setup
	mkdir -p build/notebooks
	cd notebooks && PLOTLY_RENDERER=notebook ../$(BIN)/jupyter nbconvert --to html --execute --no-input --output-dir ../build/notebooks *.ipynb

## Regenerate data/sample and data/sample_platforms from the generator (tests keep them in sync).
sample: setup
	$(BIN)/netstats sample -o data/sample
	$(BIN)/netstats sample --platforms -o data/sample_platforms

bench: setup
	$(BIN)/python -m bench

clean:
	rm -rf build .pytest_cache
