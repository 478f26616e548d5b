"""Full MNIST on this computer is the data in use: the Train tab, the status bar and the lesson's run."""

from __future__ import annotations

from tests.gui.waiting import wait_idle


def test_full_mnist_found_at_start_is_what_the_tab_and_the_lessons_run_use(qtbot, window):
    train = window.train_tab
    panel = train.data_panel
    wait_idle(qtbot, panel.runner)
    assert panel.full_available and panel.choice() == "full"  # the tiny full set of the tests' data folder
    assert window.data_status.text() == "Data: Full MNIST"
    assert train.start_lesson_run()
    assert train.record.config.data == "full"
    train.stop_training()
    wait_idle(qtbot, train.runner, 120_000)
    panel.set_choice("sample")  # the sample is one choice away
    assert panel.choice() == "sample" and panel.is_ready()
