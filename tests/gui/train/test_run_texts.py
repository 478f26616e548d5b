"""The Train tab's run view says what each number is: which speed, which settings set a run apart."""

from __future__ import annotations

import gettext

import pytest

from core.base import i18n
from core.models.config import TrainConfig
from core.training.events import BatchProgress, Finished
from core.training.history import RunHistory
from gui.base.language import app_language, set_app_language
from gui.base.progress_rates import TEXT_EVERY_N_REDRAWS
from gui.train.run_view import RunView

FILLED = {"learning rate {value}": "学习率 {value}", "full MNIST": "完整 MNIST"}


class Catalogue(gettext.NullTranslations):
    """Two of the legend's words as the filled catalogue will have them."""

    def gettext(self, message: str) -> str:
        return FILLED.get(message, message)


@pytest.fixture
def view(qtbot):
    history = RunHistory()
    run_view = RunView(history)
    qtbot.addWidget(run_view)
    yield run_view
    run_view.redraw_timer.stop()


def begin(view, config, label):
    record = view.curves.history.start_run(config, label)
    view.begin(record, label)
    return record


def test_the_two_speeds_of_a_run_say_which_is_which(view):
    begin(view, TrainConfig(epochs=1), "Run 1")
    view.show_event(BatchProgress(1, 1, 5, 10, 0.5, 0.8, 20377.0, False, (0.5,)))
    for _ in range(TEXT_EVERY_N_REDRAWS):
        view._redraw()  # the redraw that writes the progress texts
    assert view.speed_label.text() == "training: 20,377 samples/s"
    assert (
        "tests after each epoch" in view.speed_label.toolTip() and "not counted" in view.speed_label.toolTip()
    )
    view.show_event(Finished(1, 0.5, 0.8, 0.5, 0.9, 2.5, 4028.0))
    view._redraw()  # a tick between the run's last event and its end
    view.end()
    log = view.log.toPlainText()
    assert "Finished in 2.5 s, 4,028 samples/s on average over the whole run" in log
    assert "(the tests after each epoch included)" in log
    assert view.speed_label.text() == "average: 4,028 samples/s"  # the log's figure, named as such
    view.retranslate()  # a language change keeps it
    assert view.speed_label.text() == "average: 4,028 samples/s"


def test_the_legend_names_what_sets_a_run_apart_in_words(view):
    begin(view, TrainConfig(epochs=1), "Run 1")
    second = begin(view, TrainConfig(epochs=1, lr=0.05, data="full"), "Run 2")
    legend = view.curves.legend
    run = next(r for r in legend.runs if r.record is second)
    assert legend.run_summary(run).startswith("Run 2: MLP (linear) (learning rate 0.05, full MNIST): ")


def test_the_legends_words_come_from_the_core_catalogue_in_chinese(view, monkeypatch):
    monkeypatch.setitem(i18n._catalogues, i18n.CHINESE, Catalogue())
    begin(view, TrainConfig(epochs=1), "Run 1")
    second = begin(view, TrainConfig(epochs=1, lr=0.05, data="full"), "Run 2")
    set_app_language(i18n.CHINESE)
    try:
        legend = view.curves.legend
        summary = legend.run_summary(next(r for r in legend.runs if r.record is second))
        assert "学习率 0.05" in summary and "完整 MNIST" in summary and "lr=" not in summary
    finally:
        if app_language() != i18n.ENGLISH:
            set_app_language(i18n.ENGLISH)
