# The two commands a fresh machine needs: `make demo` and `make test`.
# Both create .venv/ here, install the system libraries WeasyPrint needs when
# they are missing (and this user may install them), then do their job.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test setup setup-dev system-deps test-deps lint golden bench clean

demo: setup
	$(BIN)/spinsheet check
	$(BIN)/spinsheet build

test: setup-dev
	$(BIN)/ruff check src tests bench fuzz dev
	$(BIN)/ruff format --check src tests bench fuzz dev
	$(BIN)/mypy
	$(BIN)/pytest

setup: system-deps $(VENV)/.installed
setup-dev: system-deps test-deps $(VENV)/.installed-dev

system-deps:
	@sh scripts/system-deps.sh

# Chromium for the browser tests (tests/browser.py); never fails: without it they are skipped.
test-deps:
	@sh scripts/test-deps.sh

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(VENV)/.installed $@

# Rewrite tests/golden/ from tests/fixtures/workspace/: only for intended changes.
golden: setup-dev
	$(BIN)/pytest tests/test_golden.py --update-golden

bench: setup
	$(BIN)/python bench/bench_iteration.py
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_formats.py
	$(BIN)/python bench/bench_classpack.py
	$(BIN)/python bench/bench_suggest.py
	$(BIN)/python bench/bench_scan.py
	$(BIN)/python bench/bench_import.py

clean:
	rm -rf $(VENV) output/*/ .pytest_cache .mypy_cache .ruff_cache .hypothesis .spinsheet-cache
