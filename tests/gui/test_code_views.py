import json
from pathlib import Path

from PySide6.QtWidgets import QPlainTextEdit

from core.data import SAMPLE_PATH
from core.train_script import python_script


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
    from core import data as mnist
    from core.digits import enlarge, preprocess
    from gui.widgets.digit_canvas import CANVAS_PIXELS

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
