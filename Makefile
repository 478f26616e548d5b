# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

# Lint first (ruff's rules and format, then the import contract: core/ never imports Qt), then
# every test, the slow ones included. pytest exits 5 when it collected no test: that is a
# failure here, said plainly.
test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests"; fi; exit $$rc

bench: $(STAMP)
	$(PY) bench/bench_startup.py
	$(PY) bench/bench_training.py
	$(PY) bench/bench_memory.py
	$(PY) bench/bench_draw.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_tensor_view.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_gui.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_kernel.py

clean:
	rm -rf $(VENV) .pytest_cache
