"""The window in Simplified Chinese and in English: every text switches, nothing is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QWidget

from core.base.i18n import CHINESE, ENGLISH
from core.models.config import TrainConfig
from gui.base.language import SETTINGS_KEY, app_language, set_app_language
from tests.gui.language_rules import CJK, is_chinese, is_english, not_chinese, not_english
from tests.gui.waiting import wait_idle

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def english_afterwards():
    """Leave the app in English for the tests that follow, whatever a test switched to."""
    yield
    if app_language() != ENGLISH:
        set_app_language(ENGLISH)


def choose(window, language: str) -> None:
    """Pick ``language`` in the Language menu, as a learner does."""
    action = window.findChild(QAction, f"language_{language}")
    action.trigger()
    assert app_language() == language


def test_the_rules_tell_chinese_from_english():
    assert is_chinese("张量(&T)") and is_chinese("print(net)") and is_chinese("ReLU") and is_chinese("0.01")
    assert not is_chinese("Run this step") and not is_chinese("MLP, as in the lesson")
    assert is_english("Run this step") and not is_english("运行")


def test_the_language_menu_offers_each_language_once_checkable_and_exclusive(window):
    menu = window.menuBar().findChild(type(window.language_menu), "languageMenu")
    actions = [a for a in menu.actions() if not a.isSeparator()]
    assert [a.data() for a in actions] == [ENGLISH, CHINESE]
    assert all(a.isCheckable() for a in actions) and window.language_group.isExclusive()
    assert [a.isChecked() for a in actions] == [True, False]  # the suite runs with LANGUAGE=en
    assert not not_english(window)


def test_switching_translates_every_text_and_keeps_every_state(window, qtbot, settings):
    tensors, autograd = window.tensors_tab, window.autograd_tab
    train, draw = window.train_tab, window.draw_tab
    # Variables in the kernel, a graph stepped part-way, a drawing read by the network.
    tensors.run_code("x = torch.ones(2, 3)\nx")
    wait_idle(qtbot, tensors.runner, 30_000)
    autograd.run_code(autograd.code.toPlainText())
    wait_idle(qtbot, autograd.runner, 30_000)
    autograd.step()
    wait_idle(qtbot, autograd.runner, 30_000)
    graph, shown_steps = autograd.graph, autograd.shown_steps
    digit = np.zeros((280, 280), dtype=np.uint8)
    digit[60:220, 130:150] = 255  # a "1"
    draw.canvas.set_pixels(digit)
    qtbot.waitUntil(lambda: draw.current_probabilities() is not None, timeout=10_000)
    probabilities = draw.current_probabilities()
    # A run long enough to be still training across both switches.
    train.apply_config(TrainConfig(epochs=100, batch_size=1, data="full", device="cpu"))
    train.start_training()
    qtbot.waitUntil(lambda: train.record.point_count > 0, timeout=30_000)

    choose(window, CHINESE)
    assert settings.value(SETTINGS_KEY) == CHINESE
    assert train.runner.busy and train.state == "running"
    untranslated = not_chinese(window)
    assert not untranslated, "\n".join(map(str, untranslated))
    assert window.tabs.tabText(0) == "张量(&T)" and train.pause_button.text() == "暂停(&P)"
    points = train.record.point_count
    qtbot.waitUntil(lambda: train.record.point_count > points, timeout=30_000)  # still training

    choose(window, ENGLISH)
    assert settings.value(SETTINGS_KEY) == ENGLISH
    untranslated = not_english(window)
    assert not untranslated, "\n".join(map(str, untranslated))
    assert window.tabs.tabText(0) == "&Tensors" and train.pause_button.text() == "&Pause"
    assert train.runner.busy and train.record.point_count >= points

    train.stop_training()
    wait_idle(qtbot, train.runner, 30_000)
    assert tensors.variables.item(0, 0).text() == "x" and "x" in tensors.infos
    assert autograd.graph is graph and autograd.shown_steps == shown_steps
    assert np.array_equal(draw.canvas.pixels(), digit) or draw.canvas.pixels().max() == 255
    assert draw.current_probabilities() == probabilities
    tensors.run_code("y = x * 2\ny")  # the kernel kept x through both switches
    wait_idle(qtbot, tensors.runner, 30_000)
    assert not tensors.error.isVisible() and tensors.variables.rowCount() == 2


def test_messages_from_the_kernel_and_the_core_follow_the_language(window, qtbot):
    tensors = window.tensors_tab
    choose(window, CHINESE)
    tensors.run_code("import os\nos.system('true')")
    wait_idle(qtbot, tensors.runner, 30_000)
    assert tensors.error.isVisible() and "输入的代码不能启动程序或进程" in tensors.error.text()
    assert "CPU" in window.device_status.text() and CJK.search(window.device_status.text())
    choose(window, ENGLISH)
    tensors.run_code("import os\nos.system('true')")
    wait_idle(qtbot, tensors.runner, 30_000)
    assert "Typed code cannot start programs or processes" in tensors.error.text()


def test_a_shown_message_that_the_app_wrote_is_translated_too(window, qtbot):
    autograd = window.autograd_tab
    autograd.run_code(autograd.code.toPlainText())
    wait_idle(qtbot, autograd.runner, 30_000)
    assert autograd.message.text().startswith("The graph of out:")
    choose(window, CHINESE)
    assert autograd.message.text().startswith("out 的计算图")
    status = window.findChild(QLabel, "dataStatus").text()  # full MNIST, found in the tests' data folder
    assert status and any("\u4e00" <= c <= "\u9fff" for c in status), status


@pytest.mark.slow
def test_the_window_starts_in_the_systems_chinese_and_remembers_a_choice(tmp_path):
    """Under LANG=zh_CN.UTF-8, with no choice saved, the real window opens in Chinese."""
    script = f"""
import json, sys
sys.path.insert(0, {str(ROOT)!r})
from PySide6.QtCore import QSettings
from gui.app.window import MainWindow
from gui.app.startup import create_app
from gui.base.jobs import stop_all_jobs
from tests.gui.language_rules import not_chinese, not_english
app = create_app()
settings = QSettings({str(tmp_path / "settings.ini")!r}, QSettings.Format.IniFormat)
window = MainWindow(settings=settings, data_dir={str(tmp_path)!r})
window.resize(1280, 820)
window.show()
window.build_later_tabs()  # as the first frame would
first = [window.tabs.tabText(i) for i in range(4)], not_chinese(window)
window.findChild(type(window.language_group.actions()[0]), "language_en").trigger()
second = not_english(window), settings.value("ui/language")
window.close()
stop_all_jobs(10_000)
print(json.dumps([first, second], ensure_ascii=False))
"""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG="zh_CN.UTF-8", QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=180, check=False
    )
    assert result.returncode == 0, result.stderr
    (tabs, not_zh), (not_en, saved) = json.loads(result.stdout.strip().splitlines()[-1])
    assert tabs == ["张量(&T)", "自动求导(&A)", "训练(&R)", "手写(&D)"]
    assert not_zh == [] and not_en == [] and saved == ENGLISH


def clipped(window) -> list[str]:
    """Return the visible buttons, labels and tabs narrower than their text needs, on every tab."""
    found = []
    tabs = window.tabs
    bar = tabs.tabBar()
    found += [
        f"tab {bar.tabText(i)!r}"
        for i in range(bar.count())
        if bar.tabRect(i).width() < bar.tabSizeHint(i).width()
    ]
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # lay the shown page out now
        widgets = window.findChildren(QAbstractButton) + [
            label for label in window.findChildren(QLabel) if not label.wordWrap() and label.text()
        ]
        for widget in widgets:
            if widget.isVisibleTo(window) and widget.width() < widget.minimumSizeHint().width():
                needed = widget.minimumSizeHint().width()
                found.append(f"{type(widget).__name__} {widget.text()!r}: {widget.width()} < {needed}")
    return found


@pytest.mark.parametrize("language", [CHINESE, ENGLISH])
def test_no_text_is_clipped_at_the_default_window_size(window, qtbot, language):
    set_app_language(language)
    window.resize(1280, 820)
    qtbot.waitUntil(lambda: window.width() == 1280, timeout=5_000)
    problems = clipped(window)
    assert not problems, "\n".join(problems)


def test_the_plots_right_click_menus_follow_the_language(window):
    plot = window.findChild(QWidget, "lossPlot").getPlotItem()
    choose(window, CHINESE)
    assert plot.vb.menu.viewAll.text() == "显示全部" and plot.ctrlMenu.title() == "绘图选项"
    assert plot.vb.menu.ctrl[0].invertCheck.text() == "反转坐标轴"
    choose(window, ENGLISH)
    assert plot.vb.menu.viewAll.text() == "View All" and plot.ctrlMenu.title() == "Plot Options"


def test_qts_own_file_dialog_speaks_the_language(window):
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not (folder / "qtbase_zh_CN.qm").is_file():
        pytest.skip(f"this Qt ships no qtbase_zh_CN.qm in {folder}: its dialogs can only speak English")
    choose(window, CHINESE)
    translate = QCoreApplication.translate
    look_in = translate("QFileDialog", "Look in:")
    assert look_in != "Look in:" and CJK.search(look_in)
    # Qt 6's dialog asks for "&Look in:" and "Files of &type:", which Qt's catalogue lacks.
    assert translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
    assert translate("QFileDialog", "File &name:") == "文件名称(&N)："  # Qt's own, as it was
    assert translate("DrawTab", "&Nowhere in any catalogue") == "&Nowhere in any catalogue"
    dialog = QFileDialog(window, "", "", "Python script (*.py)")  # Qt's own dialog, not the desktop's
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    try:
        labels = [dialog.findChild(QLabel, name).text() for name in ("lookInLabel", "fileTypeLabel")]
        assert labels == ["查找范围(&L)：", "文件类型(&T)："]
    finally:
        dialog.deleteLater()
    choose(window, ENGLISH)
    assert translate("QFileDialog", "&Look in:") == "&Look in:"
    assert translate("QFileDialog", "Look in:") == "Look in:"
