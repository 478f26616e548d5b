"""The GPU benchmark's dry run: the same code on the CPU, so that the script is known to run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_gpu_benchmark_runs_dry_on_the_cpu():
    result = subprocess.run(
        [sys.executable, "bench/bench_gpu.py", "--dry-run"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=170,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(result.stdout.splitlines()[-1])
    assert figures["device"].startswith("CPU")
    assert [(row["model"], row["batch"]) for row in figures["loops"]] == [
        ("mlp", 32),
        ("lenet", 32),
        ("mlp", 64),
        ("lenet", 64),
    ]
    assert all(row["core_samples_per_s"] > 0 and row["bare_samples_per_s"] > 0 for row in figures["loops"])
    assert figures["gui"]["gui_samples_per_s"] > 0 and figures["gui"]["headless_samples_per_s"] > 0
    assert "dry run" in result.stdout
