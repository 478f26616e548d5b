import json
from pathlib import Path

from PySide6.QtWidgets import QPlainTextEdit

from core.data.mnist import SAMPLE_PATH
from core.export.train_script import python_script
from tests.gui.waiting import wait_idle


def test_the_code_follows_the_settings_and_highlights_what_changed(window):
    tab = window.train_tab
    code = window.findChild(QPlainTextEdit, "trainCode")
    assert code is not None and code.accessibleName()
    tab.form.lr_spin.setValue(0.05)
    text = code.toPlainText()
    assert text == python_script(tab.config(), tab.config().data, SAMPLE_PATH, tab.data_panel.data_dir)
    lines = text.splitlines()
    assert "learning_rate = 0.05" in [lines[i] for i in tab.code_panel.highlighted]
    tab.form.model_combo.setCurrentIndex(tab.form.model_combo.findData("lenet"))
    changed = [code.toPlainText().splitlines()[i] for i in tab.code_panel.highlighted]
    assert "class Net(nn.Module):" in changed and "learning_rate = 0.05" not in changed
    assert len(code.extraSelections()) == len(tab.code_panel.highlighted)


def test_export_writes_the_shown_script_and_a_notebook(qtbot, window, tmp_path):
    panel = window.train_tab.code_panel
    with qtbot.waitSignal(panel.files_written, timeout=10_000) as written:
        panel.export(tmp_path / "run.py")
    assert written.args[0] == [str(tmp_path / "run.py")]
    assert (tmp_path / "run.py").read_text() == panel.code.toPlainText()
    with qtbot.waitSignal(panel.error_reported, timeout=10_000) as refused:
        panel.export(tmp_path / "run.py")
        panel.export(tmp_path / "run.ipynb")  # while the first is still being written: said so
    assert "still being written" in refused.args[1]
    wait_idle(qtbot, panel.runner)
    with qtbot.waitSignal(panel.files_written, timeout=10_000):
        panel.export(tmp_path / "run.ipynb")
    cells = json.loads((tmp_path / "run.ipynb").read_text())["cells"]
    assert [c["cell_type"] for c in cells[:3]] == ["markdown", "markdown", "code"]


def test_an_export_that_cannot_be_written_says_why(qtbot, window, tmp_path):
    panel = window.train_tab.code_panel
    (tmp_path / "file").write_text("")
    with qtbot.waitSignal(panel.error_reported, timeout=10_000) as failed:
        panel.export(Path(tmp_path / "file" / "run.py"))
    assert "run.py" in failed.args[1] or "file" in failed.args[1]


def test_the_draw_code_shows_the_images_of_its_steps(qtbot, window):
    from core.data import mnist
    from core.models.digits import enlarge, preprocess
    from gui.draw.digit_canvas import CANVAS_PIXELS

    tab = window.draw_tab
    code = window.findChild(QPlainTextEdit, "drawCode")
    assert "model(x).softmax(1)" in code.toPlainText() and "def prepare(drawing):" in code.toPlainText()
    tab.side_tabs.setCurrentWidget(tab.code_panel)
    assert tab.code_panel.shapes == ()
    digit = mnist.load_sample().test.images[0].numpy()
    tab.canvas.set_pixels(enlarge(digit, CANVAS_PIXELS))
    qtbot.waitUntil(lambda: tab.code_panel.shapes != (), timeout=5000)
    _crop, box, x = tab.code_panel.shapes
    assert x == (1, 1, 28, 28) and max(box) == 20
    assert x == tuple(preprocess(tab.canvas.pixels()).shape)


def run_script(text, folder):
    import subprocess
    import sys

    (folder / "copied.py").write_text(text)
    result = subprocess.run(
        [sys.executable, "-I", "copied.py"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_copy_as_script_of_the_lessons_tensor_steps_runs(qtbot, window, tmp_path):
    from core.lesson.steps import TENSOR_STEPS

    tab = window.tensors_tab
    for step in TENSOR_STEPS:
        tab.run_code(step.code, step.show)
    tab.run_code("import os\nos.system('true')")  # refused in the kernel
    tab.run_code("x.no_such_method()")  # stops with an error
    tab.run_code("print(x.shape)")
    qtbot.waitUntil(lambda: len(tab.script.entries) == len(TENSOR_STEPS) + 3, timeout=60_000)
    wait_idle(qtbot, tab.runner, 10_000)
    text = tab.script_text()
    assert "# import os" in text and "# x.no_such_method()" in text
    assert [entry.reason is None for entry in tab.script.entries[-3:]] == [False, False, True]
    output = run_script(text, tmp_path)
    assert "torch.Size([5, 3])" in output and output.rstrip().endswith("torch.Size([5, 3])")
    assert "[2. 2. 2. 2. 2.]" in output  # b shares a's memory: a.add_(1) changed it


def test_copy_as_script_of_the_autograd_presets_runs_with_their_gradients(qtbot, window, tmp_path):
    from core.lesson.steps import AUTOGRAD_PRESETS

    tab = window.autograd_tab
    for code in AUTOGRAD_PRESETS.values():
        tab.run_code(code)
        wait_idle(qtbot, tab.runner, 60_000)
        tab.backward_all()
        wait_idle(qtbot, tab.runner, 60_000)
    tab.zero_grad()
    wait_idle(qtbot, tab.runner, 60_000)
    tab.run_code("x = torch.ones(2, requires_grad=True)\nx.sum().backward(")  # a syntax error
    wait_idle(qtbot, tab.runner, 60_000)
    text = tab.script_text()
    assert "class Net(nn.Module):" in text and "out.backward(retain_graph=True)" in text
    assert "# x.sum().backward(" in text
    output = run_script(text, tmp_path)
    assert "tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])" in output


def test_the_exported_script_prints_what_the_train_tab_logged(qtbot, window, tmp_path):
    from PySide6.QtCore import Qt

    from core.models.config import TrainConfig

    tab = window.train_tab
    tab.apply_config(TrainConfig(model="mlp", epochs=2, batch_size=16, lr=0.05, device="cpu", data="full"))
    qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner)
    lesson = ("Finish 1 epoch", "Finish 2 epoch", "Test Loss")
    logged = [line for line in tab.run_view.log.toPlainText().splitlines() if line.startswith(lesson)]
    assert len(logged) == 4
    with qtbot.waitSignal(tab.code_panel.files_written, timeout=10_000):
        tab.code_panel.export(tmp_path / "run.py")
    printed = run_script((tmp_path / "run.py").read_text(), tmp_path).splitlines()
    assert [line for line in printed if line.startswith(lesson)] == logged
