import math

import numpy as np
import pytest

from core.base import i18n
from core.models.config import TrainConfig
from core.training.events import BatchProgress, EpochEnd, Failed, Finished, LearningRateChanged, RunStarted
from core.training.hints import (
    TEXTS,
    Hint,
    choose_hint,
    linear_ceiling,
    loss_exploded,
    loss_flat,
    near_chance,
    overfitting,
)
from core.training.history import RunHistory

BATCHES = 100


LESSON = TrainConfig()


def run_of(config=LESSON, losses=(), epoch_ends=(), outcome=None, data="sample"):
    """A run of the history fed with synthetic events: per-batch ``losses``, then ``epoch_ends``."""
    run = RunHistory().start_run(config, "Run 1")
    run.record(RunStarted("cpu", "CPU", data, data, 100, 20, BATCHES, config.epochs, 1000))
    for i, loss in enumerate(losses):
        epoch, batch = i // BATCHES + 1, i % BATCHES + 1
        run.record(BatchProgress(epoch, config.epochs, batch, BATCHES, loss, 0.5, 1e3, False, (loss,)))
    for epoch, (train_acc, test_acc) in enumerate(epoch_ends, 1):
        run.record(EpochEnd(epoch, config.epochs, 0.5, train_acc, 0.5, test_acc, 1.0, 1e3))
    if outcome is not None:
        run.record(outcome)
    return run


def falling(n, start=2.3, end=0.3):
    return list(np.geomspace(start, end, n))


LENET_LESSON = TrainConfig(model="lenet", epochs=1)


def test_near_chance_after_an_epoch_explains_plain_sgd_on_a_cnn():
    hint = near_chance(run_of(LENET_LESSON, epoch_ends=[(0.11, 0.1)]))
    assert hint.kind == "chance_sgd_cnn"
    assert "10%" in hint.text() and "momentum 0.9" in hint.text() and "lr 0.01" in hint.text()
    assert (
        near_chance(run_of(LENET_LESSON.with_changes(momentum=0.9), epoch_ends=[(0.1, 0.1)])).kind == "chance"
    )
    assert near_chance(run_of(LENET_LESSON, epoch_ends=[(0.9, 0.88)])) is None
    assert near_chance(run_of(LENET_LESSON, losses=[2.3] * 50)) is None  # no epoch yet: no verdict


def test_a_loss_that_turned_nan_or_rises_says_the_learning_rate_is_too_high():
    nan_run = run_of(TrainConfig(lr=10.0), losses=falling(20), outcome=Failed("NaN", diverged=True))
    hint = loss_exploded(nan_run)
    assert hint.kind == "diverged" and "(10)" in hint.text() and "last good weights" in hint.text()
    rising = run_of(TrainConfig(lr=0.5), losses=falling(40, 2.3, 0.5) + list(np.linspace(0.5, 4, 60)))
    assert loss_exploded(rising).kind == "rising"
    assert loss_exploded(run_of(losses=falling(300))) is None
    assert loss_exploded(run_of(outcome=Failed("disk full"))) is None  # another failure is not about lr


def test_the_rising_hint_names_the_learning_rate_changed_mid_run():
    run = run_of(TrainConfig(lr=0.01), losses=falling(40, 2.3, 0.5) + list(np.linspace(0.5, 4, 60)))
    run.record(LearningRateChanged(0.4, 0.01, 2.0, (2.0,), False))
    assert "(2)" in loss_exploded(run).text()


def test_a_loss_flat_for_a_long_stretch_asks_whether_the_learning_rate_is_too_low():
    hint = loss_flat(run_of(TrainConfig(lr=1e-5), losses=[2.302 + 0.001 * math.sin(i) for i in range(300)]))
    assert hint.kind == "flat" and "1e-05" in hint.text() and "higher" in hint.text()
    assert loss_flat(run_of(losses=falling(300))) is None  # it falls
    assert loss_flat(run_of(losses=[0.05] * 300)) is None  # flat, but trained
    assert loss_flat(run_of(losses=[2.3] * 150)) is None  # not long enough yet


def test_training_accuracy_far_above_test_accuracy_is_overfitting():
    hint = overfitting(run_of(epoch_ends=[(0.95, 0.93), (0.99, 0.9)]))
    assert hint.kind == "overfitting_sample" and "99.0%" in hint.text() and "90.0%" in hint.text()
    assert overfitting(run_of(epoch_ends=[(0.99, 0.9)], data="full")).kind == "overfitting"
    assert overfitting(run_of(epoch_ends=[(0.97, 0.96)])) is None


def test_the_linear_mlp_stalling_points_to_relu():
    linear = TrainConfig(model="mlp", activation="none")
    hint = linear_ceiling(run_of(linear, epoch_ends=[(0.9, 0.905), (0.91, 0.907)]))
    assert hint.kind == "linear" and "ReLU" in hint.text() and "90.7%" in hint.text()
    assert linear_ceiling(run_of(linear, epoch_ends=[(0.85, 0.85), (0.9, 0.9)])) is None  # still climbing
    assert linear_ceiling(run_of(linear, epoch_ends=[(0.9, 0.9)])) is None  # one epoch says nothing
    relu = linear.with_changes(activation="relu")
    assert linear_ceiling(run_of(relu, epoch_ends=[(0.9, 0.905), (0.91, 0.907)])) is None


def test_the_linear_hint_stays_true_while_the_accuracy_still_creeps_up():
    """The hint stays on screen for the rest of the run: it must not say the accuracy stopped rising."""
    linear = TrainConfig(model="mlp", activation="none")
    hint = linear_ceiling(run_of(linear, epoch_ends=[(0.88, 0.890), (0.89, 0.893)]))
    text = hint.text()
    assert "After epoch 2" in text and "89.3%" in text and "(89.0%)" in text
    assert "rises only slowly" in text and "stopped" not in text and "no longer" not in text
    # The next epoch rises a little more: the hint (now about epoch 3) still holds.
    later = linear_ceiling(run_of(linear, epoch_ends=[(0.88, 0.890), (0.89, 0.893), (0.9, 0.897)]))
    assert later.kind == "linear" and "After epoch 3" in later.text() and "89.7%" in later.text()
    # A drop of several points is not "about what it was": no hint claims it levelled off.
    assert linear_ceiling(run_of(linear, epoch_ends=[(0.9, 0.9), (0.88, 0.87)])) is None


def test_the_arbiter_shows_at_most_one_hint_the_most_urgent():
    both = run_of(LENET_LESSON, epoch_ends=[(0.3, 0.1)], outcome=Failed("NaN", diverged=True))
    assert near_chance(both) is not None and overfitting(both) is not None
    assert choose_hint(both).kind == "diverged"
    healthy = run_of(TrainConfig(activation="relu"), losses=falling(300), epoch_ends=[(0.9, 0.91)])
    healthy.record(Finished(1, 0.3, 0.9, 0.3, 0.91, 1.0, 1e3))
    assert choose_hint(healthy) is None


@pytest.fixture
def chinese():
    i18n.set_language(i18n.CHINESE)
    yield
    i18n.set_language(i18n.ENGLISH)


def test_a_hint_speaks_the_current_language(chinese):
    text = Hint("rising", (("low", 0.5), ("now", 1.5), ("lr", 0.5))).text()
    assert "0.500" in text and "1.500" in text and "学习率" in text
    linear = Hint("linear", (("epoch", 2), ("accuracy", 0.9), ("before", 0.898))).text()
    assert linear == i18n._(TEXTS["linear"]).format(epoch=2, accuracy=0.9, before=0.898)


def test_each_hint_that_names_a_setting_to_try_says_which():
    config = TrainConfig(lr=0.5, device="cpu")
    tries = {
        "linear": {"activation": "relu"},
        "diverged": {"lr": 0.05},
        "rising": {"lr": 0.05},
        "flat": {"lr": 5.0},
        "chance_sgd_cnn": {"optimizer": "sgd", "momentum": 0.9},
        "overfitting": {},
    }
    for kind, changes in tries.items():
        hint = Hint(kind, (("lr", 0.5), ("low", 1.0), ("now", 2.0), ("batches", 200), ("loss", 2.0)))
        assert hint.changes() == changes, kind
        config.with_changes(**changes)  # each is a valid setting
