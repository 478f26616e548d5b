# The two commands of the README: `make run` and `make test`. They call tasks.py, which does
# the same on every OS (`python -m tasks run|test` where there is no make, as on Windows).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test bench translations clean

run:
	$(PYTHON) -m tasks run

# Lint first (ruff's rules and format, then the import contract: core/ never imports Qt), then
# every test, the slow ones included.
test:
	$(PYTHON) -m tasks test

bench:
	$(PYTHON) -m tasks setup
	$(PY) bench/bench_startup.py
	$(PY) bench/bench_training.py
	$(PY) bench/bench_memory.py
	$(PY) bench/bench_draw.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_tensor_view.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_gui.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_kernel.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_optimizers.py
	QT_QPA_PLATFORM=offscreen $(PY) bench/bench_robustness.py

# Re-extract every translatable string, keep the translations made, compile (CONTRIBUTING.md: Translations).
translations:
	$(PYTHON) -m tasks setup
	$(PY) scripts/update_translations.py

clean:
	rm -rf $(VENV) .pytest_cache
