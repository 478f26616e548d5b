"""What sets runs apart: key=value for the CSV, the field's words in the learner's language for the legend."""

from __future__ import annotations

import pytest

from core.base import i18n
from core.models.config import TrainConfig
from core.training.compare import VALUE_WORDS, WORDS, described_differences, differences

LESSON = TrainConfig()


@pytest.fixture
def chinese():
    i18n.set_language(i18n.CHINESE)
    yield
    i18n.set_language(i18n.ENGLISH)


def test_the_legend_names_each_difference_with_the_fields_words():
    assert described_differences(LESSON, LESSON.with_changes(lr=0.05)) == ["learning rate 0.05"]
    assert described_differences(LESSON, LESSON.with_changes(data="full")) == ["full MNIST"]
    assert described_differences(LESSON, LESSON.with_changes(model="lenet", optimizer="adam")) == [
        "network LeNet",
        "activation ReLU",  # LeNet's own, which the lesson's MLP lacks
        "optimizer Adam",
    ]
    assert described_differences(LESSON, LESSON.with_changes(momentum=0.9, batch_size=64, seed=3)) == [
        "momentum 0.9",
        "batch size 64",
        "seed 3",
    ]
    assert described_differences(LESSON, LESSON.with_changes(augment=True, lr_step=2, lr_gamma=0.5)) == [
        "learning rate decay every 2 epochs",
        "decay factor 0.5",
        "with augmentation",
    ]
    scheduled = LESSON.with_changes(lr_step=2)
    assert described_differences(scheduled, LESSON) == ["no learning rate decay"]  # not "decay factor None"
    assert described_differences(LESSON, LESSON.with_changes(report_interval=3)) == []


def test_the_csv_keeps_the_clis_names():
    assert differences(LESSON, LESSON.with_changes(lr=0.05, data="full")) == ["lr=0.05", "data=full"]


def test_in_chinese_each_difference_is_its_catalogues_words_and_the_values_stay(chinese):
    words = described_differences(LESSON, LESSON.with_changes(lr=0.05, data="full", model="lenet"))
    assert words == [
        i18n._(WORDS["model"]).format(value="LeNet"),
        i18n._(WORDS["activation"]).format(value="ReLU"),
        i18n._(WORDS["lr"]).format(value="0.05"),
        i18n._(VALUE_WORDS[("data", "full")]),
    ]
    assert "0.05" in words[2] and "LeNet" in words[0]
    assert differences(LESSON, LESSON.with_changes(lr=0.05)) == ["lr=0.05"]  # the CSV is for programs
