"""``python -m tasks``, what ``make run`` and ``make test`` call on every OS: checked dry (it prints)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tasks

ROOT = Path(__file__).resolve().parents[1]


def dry(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "tasks", "--dry-run", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip().splitlines()


def test_run_opens_the_app_with_the_venvs_python_and_passes_its_arguments():
    last = dry("run", "--lang", "zh_CN")[-1]
    assert last == f"{tasks.venv_program('python')} main.py --lang zh_CN"


def test_test_lints_checks_the_layers_and_types_then_runs_the_whole_suite():
    assert dry("test")[-5:] == [
        f"{tasks.venv_program('ruff')} check .",
        f"{tasks.venv_program('ruff')} format --check .",
        f"{tasks.venv_program('lint-imports')}",
        f"{tasks.venv_program('mypy')}",
        f"{tasks.venv_program('python')} -m pytest",
    ]


def test_a_fresh_set_up_can_install_from_a_mirror_with_the_cpu_only_torch(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(tasks, "STAMP", tmp_path / "never-installed")
    tasks.set_up(tasks.Runner(dry_run=True), cpu_torch=True, index_url="https://mirror.example/simple")
    lines = capsys.readouterr().out.splitlines()
    assert "torch torchvision --index-url https://download.pytorch.org/whl/cpu" in lines[-2]
    assert lines[-1].endswith("--index-url https://mirror.example/simple -e '.[test]'")
