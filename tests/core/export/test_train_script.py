"""The exported script is the run: run it in a subprocess and compare with the core's own run."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from core.data import mnist
from core.export.train_export import changed_lines, export_text
from core.export.train_script import python_script
from core.export.train_steps import model_file_name
from core.models.config import TrainConfig
from core.models.devices import use_all_cpu_threads
from core.training.lesson_log import lesson_lines
from core.training.loop import TrainingRun

ROOT = Path(__file__).resolve().parents[3]
TINY = TrainConfig(epochs=2, batch_size=16, device="cpu", log_interval=3, report_interval=2)


def tiny_sample(folder: Path) -> Path:
    """Write a small cut of the bundled sample where the script looks for it first."""
    with np.load(mnist.SAMPLE_PATH) as arrays:
        parts = {key: arrays[key] for key in arrays.files}
    cut = {
        "train_images": parts["train_images"][:200],
        "train_labels": parts["train_labels"][:200],
        "test_images": parts["test_images"][:1100],  # two evaluation batches, the second partial
        "test_labels": parts["test_labels"][:1100],
    }
    path = folder / "mnist_sample.npz"
    np.savez(path, **cut)
    return path


def app_lines(run: TrainingRun) -> list[str]:
    return [line for event in run.events() for line in lesson_lines(event)]


def run_python(path: Path, cwd: Path) -> list[str]:
    env = {**os.environ, "PYTHONPATH": ""}  # nothing of this project is importable from there
    result = subprocess.run(
        [sys.executable, "-I", str(path)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    printed = result.stdout.splitlines()
    return printed[printed.index("epoch 1") :]  # what follows print(model)


def assert_same_run(config: TrainConfig, data: mnist.MnistData, folder: Path, script: Path) -> None:
    # The script runs on every core; so must the app's run, even after a test left this thread serial.
    threads = torch.get_num_threads()
    use_all_cpu_threads()
    try:
        run = TrainingRun(config, data)
        expected = app_lines(run)
    finally:
        torch.set_num_threads(threads)
    assert len(expected) >= 2 * config.epochs
    assert run_python(script, folder) == expected
    weights = torch.load(folder / model_file_name(config), weights_only=True)
    for name, value in run.model.state_dict().items():
        assert torch.equal(weights[name], value), name


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"activation": "relu", "optimizer": "adam", "lr": 1e-3},
        {"model": "lenet", "momentum": 0.9},
        {"model": "lenet", "optimizer": "adam", "lr": 1e-3, "augment": True, "seed": 7},
    ],
    ids=["mlp-sgd", "mlp-relu-adam", "lenet-sgd-momentum", "lenet-adam-augment"],
)
def test_the_script_prints_the_apps_lines_and_ends_with_its_weights(tmp_path, changes):
    config = TINY.with_changes(**changes)
    data = mnist.load_sample(tiny_sample(tmp_path))
    script = tmp_path / "run.py"
    script.write_text(python_script(config, "sample", Path("/nowhere/mnist_sample.npz"), tmp_path))
    assert "core" not in {
        node.names[0].name.split(".")[0]
        for node in ast.walk(ast.parse(script.read_text()))
        if isinstance(node, ast.Import)
    }
    assert_same_run(config, data, tmp_path, script)


def test_the_script_reads_full_mnist_through_torchvision(tmp_path, tiny_data_dir):
    config = TINY.with_changes(data="full", epochs=1)
    script = tmp_path / "run.py"
    script.write_text(python_script(config, "full", mnist.SAMPLE_PATH, tiny_data_dir))
    assert "datasets.MNIST(" in script.read_text()
    assert_same_run(config, mnist.load_full(tiny_data_dir), tmp_path, script)


def test_the_notebook_has_a_note_before_each_step_and_runs_as_the_app(tmp_path):
    import nbformat

    config = TINY.with_changes(epochs=1)
    book = nbformat.reads(
        export_text(tmp_path / "run.ipynb", config, "sample", mnist.SAMPLE_PATH, tmp_path), 4
    )
    nbformat.validate(book)
    kinds = [cell.cell_type for cell in book.cells]
    assert kinds[0] == "markdown" and kinds[1:] == ["markdown", "code"] * ((len(kinds) - 1) // 2)
    assert book.cells[1].source.startswith("## Settings")
    # A notebook runs in its folder: the cells one after another, from there.
    script = tmp_path / "cells.py"
    script.write_text("\n\n".join(cell.source for cell in book.cells if cell.cell_type == "code"))
    assert_same_run(config, mnist.load_sample(tiny_sample(tmp_path)), tmp_path, script)


def test_the_notebook_speaks_the_uis_language(tmp_path):
    from core.base import i18n

    i18n.set_language(i18n.CHINESE)
    try:
        text = export_text(tmp_path / "a.ipynb", TINY, "sample", mnist.SAMPLE_PATH, tmp_path)
    finally:
        i18n.set_language(i18n.ENGLISH)
    sources = [
        "".join(cell["source"]) for cell in json.loads(text)["cells"] if cell["cell_type"] == "markdown"
    ]
    assert sources[1].startswith("## 设置\n\n这次训练的设置")


def test_a_changed_setting_changes_only_its_lines():
    before = python_script(TrainConfig(), "sample", mnist.SAMPLE_PATH, Path("/data"))
    after = python_script(TrainConfig(lr=0.1), "sample", mnist.SAMPLE_PATH, Path("/data"))
    lines = after.splitlines()
    assert [lines[i] for i in changed_lines(before, after)] == [
        line for line in lines if "lr=0.1" in line or line == "learning_rate = 0.1"
    ]
    momentum = python_script(TrainConfig(momentum=0.9), "sample", mnist.SAMPLE_PATH, Path("/data"))
    changed = [momentum.splitlines()[i] for i in changed_lines(before, momentum)]
    assert "optimizer = optim.SGD(model.parameters(), lr=learning_rate, momentum=0.9)" in changed


def test_cli_export_script_then_train_prints_what_the_script_prints(tmp_path, tiny_data_dir):
    script = tmp_path / "run.py"
    command = [
        "train",
        "--epochs",
        "2",
        "--log-interval",
        "5",
        "--data",
        "full",
        "--data-dir",
        str(tiny_data_dir),
    ]
    result = subprocess.run(
        [sys.executable, "main.py", *command, "--export-script", str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lesson = ("epoch", "*", "[", "Finish", "Test")
    app = [line for line in result.stdout.splitlines() if line.startswith(lesson)]
    script_lines = [line for line in run_python(script, tmp_path) if line]
    assert len(app) == 10 and script_lines == app


def test_cli_export_script_refuses_a_path_it_cannot_write_before_training(tmp_path):
    (tmp_path / "file").write_text("")
    result = subprocess.run(
        [
            sys.executable,
            "main.py",
            "train",
            "--data",
            "sample",
            "--export-script",
            str(tmp_path / "file" / "a.py"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0 and "--export-script" in result.stderr and "Traceback" not in result.stderr
    assert "Finish" not in result.stdout
