"""The lesson cell by cell in the window: the Lesson tab, notebook-like code boxes, chain rule, log."""

from __future__ import annotations

import re

import torch
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from core.lesson.cells import CELLS
from core.lesson.steps import AUTOGRAD_PRESETS
from core.models.networks import Net, Neuralnetwork
from gui.lesson.tab import DONE_KEY
from gui.widgets.code_editor import AFTER_RUN_NEW_LINE, CodeEditor
from tests.gui.waiting import wait_idle


def type_keys(qtbot, editor: CodeEditor, text: str) -> None:
    """Type ``text`` into ``editor`` as keys; a newline is the Enter key."""
    for index, line in enumerate(text.split("\n")):
        if index:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(editor, line)


def test_enter_runs_complete_code_and_starts_an_indented_line_in_open_code(qtbot):
    editor = CodeEditor()
    qtbot.addWidget(editor)
    ran: list[str] = []
    editor.submitted.connect(ran.append)
    type_keys(qtbot, editor, "for i in range(3):\nprint(i)\n")
    assert ran == [] and editor.toPlainText() == "for i in range(3):\n    print(i)\n    "
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # back out of the block
    assert editor.toPlainText().endswith("print(i)\n")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # an empty line ends the block: the loop runs
    assert ran == ["for i in range(3):\n    print(i)\n"]
    editor.setPlainText("x = (1,")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert len(ran) == 1 and editor.toPlainText() == "x = (1,\n"  # an open bracket: a new line
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # Shift+Enter always runs
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # and so does Ctrl+Enter
    assert ran[1:] == ["x = (1,\n", "x = (1,\n"]
    editor.clear()
    type_keys(qtbot, editor, "x = torch.ones(2)\n")
    assert ran[-1] == "x = torch.ones(2)"
    qtbot.keyClicks(editor, "y = x * 2")  # the code that ran was selected: the next statement replaces it
    assert editor.toPlainText() == "y = x * 2"


def test_in_the_autograd_editor_enter_runs_and_the_program_goes_on_below(qtbot):
    editor = CodeEditor(after_run=AFTER_RUN_NEW_LINE)
    qtbot.addWidget(editor)
    ran: list[str] = []
    editor.submitted.connect(ran.append)
    type_keys(qtbot, editor, "x = torch.ones(2, 2, requires_grad=True)\ny = x + 2\nw = y * 2")
    assert ran == [
        "x = torch.ones(2, 2, requires_grad=True)",
        "x = torch.ones(2, 2, requires_grad=True)\ny = x + 2",
    ]
    assert editor.toPlainText() == "x = torch.ones(2, 2, requires_grad=True)\ny = x + 2\nw = y * 2"


def test_the_tensors_tab_says_what_it_shows_and_starts_over(qtbot, window):
    tab = window.tensors_tab
    assert "Shift+Enter" in tab.code.placeholderText() and "Shift+Enter" in tab.code.toolTip()
    tab.run_code("result = torch.zeros(2)\ntorch.ones(2, 3)")
    wait_idle(qtbot, tab.runner, 30_000)
    assert tab.view.title.text() == "value of the last expression: a torch.Tensor"
    assert tab.view.model.headerData(0, Qt.Orientation.Horizontal) == "0"  # indices count from 0
    tab.run_code("x = torch.ones(2, 2)\nx")
    wait_idle(qtbot, tab.runner, 30_000)
    tab.run_code("x = x @ torch.ones(3, 3)")
    wait_idle(qtbot, tab.runner, 30_000)
    assert tab.error.isVisible() and tab.view.info.name == "x"
    assert tab.view.stale_note.isVisible() and "from before" in tab.view.stale_note.text()
    assert tab.reset_button.isEnabled()
    qtbot.mouseClick(tab.reset_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner, 30_000)
    assert tab.variables.rowCount() == 0 and tab.view.info is None and not tab.error.isVisible()
    tab.run_code("x")
    wait_idle(qtbot, tab.runner, 30_000)
    assert "x is not defined yet" in tab.error.text()


def test_a_step_run_before_the_one_that_makes_its_variable_names_that_step(qtbot, window):
    tab = window.tensors_tab
    tab.steps.setCurrentRow(5)  # "In place: add_" needs x (step 2) and y (step 4)
    qtbot.mouseClick(tab.step_run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner, 30_000)
    assert tab.error.text() == "⚠ y is made by step 4 (Addition): run that step first, then this one again."


def test_the_autograd_tab_prints_draws_each_use_and_writes_out_the_chain_rule(qtbot, window):
    tab = window.autograd_tab
    tab.code.setPlainText(AUTOGRAD_PRESETS["The lesson's four lines"] + "\nprint(z, out)")
    tab.run_code(tab.code.toPlainText())
    wait_idle(qtbot, tab.runner, 30_000)
    assert tab.output.toPlainText().endswith("tensor(27., grad_fn=<MeanBackward0>)\n")
    add = next(n for n in tab.graph.nodes if n.label == "AddBackward0")
    assert len([e for e in tab.graph_view.edges if e.target == add.id]) == 2  # y * y: two edges drawn
    square = next(e.source for e in tab.graph_view.edges if e.target == add.id)
    tab.graph_view.node_clicked.emit(square)
    assert "saved for backward: other = 3 (2, 2); self = 3 (2, 2)" in tab.details.text()
    for _ in range(5):
        tab.step()
        wait_idle(qtbot, tab.runner, 30_000)
    text = tab.chain_view.toPlainText()
    assert "Step 1 of 5: MeanBackward0 (it made out)" in text
    assert (
        "to MulBackward0 (it made z), local derivative: 1/n for each element, n = 4\n      1 × 0.25 = 0.25"
        in text
    )
    assert (
        text.count(
            "to AddBackward0 (it made y), local derivative: the other factor, 3\n      0.75 × 3 = 2.25"
        )
        == 2
    )
    assert "gradient arriving: 2.25 + 2.25 = 4.5 (one gradient per edge, added)" in text
    assert text.endswith("adds it into x.grad: x.grad = 4.5")
    assert sorted(tab.graph_view.edge_labels().values()) == [
        "0.25",
        "0.75",
        "1",
        "2.25",
        "2.25",
        "4.5",
        "4.5",
    ]
    assert "x.grad = [4.5, 4.5, 4.5, 4.5]" in tab.message.text()


def test_the_lesson_tab_runs_each_kind_of_cell_in_its_tab_and_remembers_the_ticks(qtbot, window, settings):
    lesson = window.lesson_tab
    window.questions.set_asking(False)  # asking before a result: tests/gui/questions
    window.tabs.setCurrentWidget(lesson)
    assert lesson.cells.count() == len(CELLS) == 26
    lesson.cells.setCurrentRow(6)  # cell 7: y.add_(x), in a session that has neither x nor y
    assert (
        lesson.written.toPlainText() == "y.add_(x)\nprint(y)"
        and lesson.today_label.text() == "Today: the same"
    )
    qtbot.mouseClick(lesson.run_button, Qt.MouseButton.LeftButton)
    tensors = window.tensors_tab
    assert window.tabs.currentWidget() is tensors and tensors.code.toPlainText() == "y.add_(x)\nprint(y)"
    qtbot.waitUntil(lambda: not tensors.runner.busy and not tensors.queued, timeout=60_000)
    assert not tensors.error.isVisible() and tensors.variable_names() == {"x", "y"}
    assert tensors.view.info.name == "y" and tensors.view.changed_cells() == 15
    lesson.cells.setCurrentRow(15)  # cell 16: out.backward(), in the Autograd tab
    qtbot.mouseClick(lesson.run_button, Qt.MouseButton.LeftButton)
    autograd = window.autograd_tab
    assert window.tabs.currentWidget() is autograd
    qtbot.waitUntil(lambda: autograd.shown_steps == 5, timeout=60_000)
    assert "adds it into x.grad: x.grad = 4.5" in autograd.chain_view.toPlainText()
    lesson.cells.setCurrentRow(16)  # cell 17: print(x.grad), shown as x's gradient after backward
    qtbot.mouseClick(lesson.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: autograd.shown_steps == 5 and not autograd.runner.busy, timeout=60_000)
    assert autograd.details.text().startswith("<b>x") and autograd.grad_view.cell_text(0, 0) == "4.5"
    lesson.cells.setCurrentRow(11)  # cell 12 as written in 2017: Variable, with a note
    qtbot.mouseClick(lesson.written_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: autograd.graph is not None and len(autograd.graph.nodes) == 1, timeout=60_000)
    wait_idle(qtbot, autograd.runner, 30_000)
    assert autograd.note.isVisible() and "torch.ones(2, 2, requires_grad=True)" in autograd.note.text()
    assert not autograd.backward_button.isEnabled()  # a lone leaf: nothing to go back through

    lesson.cells.setCurrentRow(2)
    qtbot.mouseClick(lesson.next_button, Qt.MouseButton.LeftButton)
    assert lesson.current_cell().number == 4 and lesson.progress.text() == "1 of 26 cells done"
    lesson.cells.item(0).setCheckState(Qt.CheckState.Checked)
    assert settings.value(DONE_KEY) == "1,3"
    reopened = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    from gui.lesson.tab import _read_done

    assert _read_done(reopened.value(DONE_KEY)) == {1, 3}


def test_cell_26_trains_the_lessons_mlp_with_the_lessons_log(qtbot, window):
    lesson, train = window.lesson_tab, window.train_tab
    window.questions.set_asking(False)
    train.data_panel.set_choice("sample")
    lesson.cells.setCurrentRow(25)
    assert lesson.run_button.text() == "Train in the Train tab" and not lesson.written_button.isVisible()
    qtbot.mouseClick(lesson.run_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is train and train.runner.busy
    config = train.record.config
    assert (
        config.model,
        config.activation,
        config.epochs,
        config.batch_size,
        config.lr,
        config.optimizer,
    ) == (
        "mlp",
        "none",
        5,
        32,
        0.01,
        "sgd",
    )
    qtbot.mouseClick(lesson.run_button, Qt.MouseButton.LeftButton)  # a second run is refused, and said so
    assert "stop it in the Train tab first" in lesson.message.text()
    log = train.run_view.log
    qtbot.waitUntil(lambda: "epoch 2\n" in log.toPlainText(), timeout=120_000)
    train.stop_training()
    wait_idle(qtbot, train.runner, 30_000)
    lines = log.toPlainText().splitlines()
    start = lines.index("epoch 1")
    assert lines[start - 1].startswith("Fewer log lines than in the lesson: 10,000 training images make 313")
    assert lines[start + 1] == "**********"
    assert re.fullmatch(r"\[1/5\] Loss: \d\.\d{6}, Acc: \d\.\d{6}", lines[start + 2])
    assert re.fullmatch(r"Finish 1 epoch, Loss: \d\.\d{6}, Acc: \d\.\d{6}", lines[start + 3])
    assert re.fullmatch(r"Test Loss: \d\.\d{6}, Acc: \d\.\d{6}", lines[start + 4])
    assert lines[start + 5 : start + 8] == ["", "epoch 2", "**********"]
    window.resize(1280, 820)
    qtbot.waitUntil(lambda: window.width() == 1280, timeout=5_000)
    assert log.viewport().height() >= 12 * log.fontMetrics().lineSpacing()


def test_a_lesson_state_dict_loads_and_the_model_saves_as_one(qtbot, window, tmp_path):
    lesson_file = tmp_path / "neural_network.pth"
    torch.save(Neuralnetwork(28 * 28, 300, 100, 10).state_dict(), lesson_file)  # as the lesson saves it
    window.files.load_model_file(str(lesson_file))
    wait_idle(qtbot, window.files.runner, 30_000)
    assert window.hub.current.source == "neural_network.pth" and window.hub.current.name == "MLP (linear)"
    assert window.save_action.isEnabled()
    saved = tmp_path / "lenet.pth"
    window.draw_tab.use_bundled_model()
    wait_idle(qtbot, window.draw_tab.runner, 30_000)
    window.files.save_model_file(str(saved), state_dict_only=True)
    wait_idle(qtbot, window.files.runner, 30_000)
    net = Net()
    net.load_state_dict(torch.load(saved))  # the lesson's way back
    bundled = window.hub.current.model
    x = torch.randn(2, 1, 32, 32)
    assert torch.equal(net(x), bundled(x))
    wrong = tmp_path / "wrong.pth"
    state = Net().state_dict()
    state["fc1.weight"] = torch.zeros(120, 256)
    torch.save(state, wrong)
    window.files.load_model_file(str(wrong))
    wait_idle(qtbot, window.files.runner, 30_000)
    (box,) = [b for b in window.findChildren(QMessageBox, "errorMessage") if b.isVisible()]
    assert box.windowTitle() == "The model could not be loaded"
    assert box.text() == (
        "wrong.pth does not fit the LeNet: fc1.weight is [120, 256] in the file, [120, 400] in the network."
    )
