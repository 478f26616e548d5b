"""The Draw tab's texts agree with what it shows: the feature maps' note, the model's test set, the plot's
label, the code's comments in the app's language."""

from __future__ import annotations

import gettext

import numpy as np
import pytest

from core.base import i18n
from core.export.draw_script import COMMENTS, code_text
from core.models.config import TrainConfig
from core.models.networks import build_model
from core.models.trained import BUNDLED, TRAINED, TrainedModel
from gui.base.language import app_language, set_app_language
from gui.draw.tab import describe_model


def trained_mlp(metadata=None, accuracy=0.91, source=TRAINED):
    model = build_model("mlp", "none").eval()
    if metadata is None:
        metadata = {
            "config": TrainConfig().to_dict(),
            "data": "bundled MNIST sample (10,000 train / 2,000 test)",
        }
    return TrainedModel(model, "mlp", "none", accuracy, source, metadata)


def draw_a_one(qtbot, draw):
    digit = np.zeros((280, 280), dtype=np.uint8)
    digit[60:220, 130:150] = 255
    draw.canvas.set_pixels(digit)
    qtbot.waitUntil(lambda: draw.current_probabilities() is not None, timeout=10_000)


def test_the_feature_maps_note_shows_only_when_the_model_in_use_is_not_a_lenet(qtbot, window):
    draw, hub = window.draw_tab, window.hub
    window.tabs.setCurrentWidget(draw)
    box = draw.maps_box
    assert hub.current.source == BUNDLED and hub.current.architecture == "lenet"
    assert box.maps_note.isHidden() and not box.conv1_grid.isHidden()  # nothing drawn: black maps, no note
    draw_a_one(qtbot, draw)
    assert box.maps_note.isHidden() and not box.conv1_grid.isHidden()
    draw.canvas.clear()
    draw.update_prediction()
    assert box.maps_note.isHidden() and not box.conv2_grid.isHidden()
    hub.set_model(trained_mlp())  # an MLP answers: no maps, and the note says why, naming it
    assert not box.maps_note.isHidden() and box.conv1_grid.isHidden() and box.conv2_grid.isHidden()
    assert "MLP (linear)" in box.maps_note.text() and "no convolution layers" in box.maps_note.text()
    draw_a_one(qtbot, draw)
    assert not box.maps_note.isHidden() and box.conv1_grid.isHidden()
    draw.use_bundled_model()
    qtbot.waitUntil(lambda: hub.current.source == BUNDLED, timeout=20_000)
    assert box.maps_note.isHidden() and not box.conv1_grid.isHidden()


def test_the_model_is_described_with_the_test_set_its_accuracy_is_on(window):
    bundled = window.hub.current  # trained on full MNIST, as its checkpoint says
    assert describe_model(bundled).endswith(
        f"test accuracy {bundled.test_accuracy:.2%} on full MNIST's 10,000 test images"
    )
    assert describe_model(trained_mlp()) == (
        "MLP (linear), trained just now, test accuracy 91.00% on the bundled sample's test images"
    )
    auto = {"config": TrainConfig(data="auto").to_dict(), "data": "full MNIST (60,000 train / 10,000 test)"}
    assert describe_model(trained_mlp(auto)).endswith(
        "test accuracy 91.00% on the test images of full MNIST (60,000 train / 10,000 test)"
    )
    unknown = trained_mlp({}, source="good.pt")  # a checkpoint that does not say: no test set named
    assert describe_model(unknown) == "MLP (linear), loaded from good.pt, test accuracy 91.00%"
    # The status bar says it in the same words (its text is made by describe_model).
    assert window.model_status.text() == f"Model: {describe_model(bundled)}"


def test_the_probability_plot_is_labelled_by_a_title_not_a_rotated_axis_label(window):
    plot = window.draw_tab.reading_pane.bars_widget.getPlotItem()
    assert not plot.getAxis("left").label.isVisible()  # rotated, CJK characters lie on their sides
    assert plot.titleLabel.isVisible() and plot.titleLabel.text == "Probability of each digit"
    set_app_language(i18n.CHINESE)
    try:
        assert not plot.getAxis("left").label.isVisible()
        assert plot.titleLabel.text == window.draw_tab.reading_pane.tr("Probability of each digit")
    finally:
        set_app_language(i18n.ENGLISH)


class Marked(gettext.NullTranslations):
    """A stand-in catalogue in which every message without placeholders reads otherwise."""

    def gettext(self, message: str) -> str:
        return message if "{" in message else f"中文〔{message}〕"


@pytest.fixture
def marked_chinese(monkeypatch):
    monkeypatch.setitem(i18n._catalogues, i18n.CHINESE, Marked())
    yield
    if app_language() != i18n.ENGLISH:
        set_app_language(i18n.ENGLISH)


def test_the_code_pages_comments_follow_the_language_switch(window, marked_chinese):
    code = window.draw_tab.code_panel.code
    assert code.toPlainText() == code_text() and COMMENTS[0] in code.toPlainText()
    set_app_language(i18n.CHINESE)
    assert code.toPlainText() == code_text() and f"# 中文〔{COMMENTS[0]}〕" in code.toPlainText()
    assert "def prepare(drawing):" in code.toPlainText()  # the code stays code
    set_app_language(i18n.ENGLISH)
    assert f"# {COMMENTS[0]}" in code.toPlainText()
