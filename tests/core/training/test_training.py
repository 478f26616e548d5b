import threading
from dataclasses import is_dataclass

import numpy as np
import pytest
import torch

from core.data import mnist
from core.models.config import ConfigError, TrainConfig
from core.models.networks import build_model
from core.training.control import RunControl, RunControls
from core.training.events import (
    BatchProgress,
    EpochEnd,
    Failed,
    Finished,
    LearningRateChanged,
    RunStarted,
    Stopped,
)
from core.training.loop import TrainingRun
from core.training.process import RemoteControl

TINY = TrainConfig(
    epochs=2, batch_size=16, lr=0.05, device="cpu", data="full", report_interval=2, log_interval=5
)


@pytest.fixture
def tiny(tiny_data_dir):
    return mnist.load_data("full", tiny_data_dir)


def plain_values(event):
    """Numbers, text, NumPy arrays, tuples and dataclasses of those: nothing of torch's."""

    def plain(v):
        return (
            isinstance(v, (int, float, str, bool, np.ndarray))
            or (isinstance(v, tuple) and all(map(plain, v)))
            or (is_dataclass(v) and plain_values(v))
        )

    return all(plain(v) for v in vars(event).values())


def test_events_tell_the_lessons_story_and_loss_falls(tiny):
    events = list(TrainingRun(TINY.with_changes(epochs=4, activation="relu"), tiny).events())
    assert isinstance(events[0], RunStarted) and events[0].batches_per_epoch == 13
    assert isinstance(events[-1], Finished)
    assert all(plain_values(e) for e in events)
    epochs = [e for e in events if isinstance(e, EpochEnd)]
    assert [e.epoch for e in epochs] == [1, 2, 3, 4]
    assert epochs[-1].train_loss < epochs[0].train_loss - 0.1
    assert epochs[-1].test_accuracy > 0.8
    progress = [e for e in events if isinstance(e, BatchProgress)]
    # the first batch reports at once (its point is on the curve), then every report_interval
    assert [e.batch for e in progress if e.epoch == 1] == [1, 2, 4, 5, 6, 8, 10, 12, 13]
    assert [e.batch for e in progress if e.is_log_step and e.epoch == 1] == [5, 10]
    assert progress[0].lesson_line().startswith("[1/4] Loss: ")
    # Each report carries the loss of every batch since the one before: none missing, none twice.
    assert [len(e.batch_losses) for e in progress if e.epoch == 1] == [1, 1, 2, 1, 1, 2, 2, 2, 1]


def test_a_learning_rate_asked_for_mid_run_reaches_the_optimizer_at_the_next_batch(tiny):
    control = RunControl()
    run = TrainingRun(TINY.with_changes(epochs=2), tiny, control)
    events = []
    for event in run.events():
        events.append(event)
        if isinstance(event, BatchProgress) and event.epoch == 1 and event.batch == 4:
            control.set_lr(0.2)
            assert [g["lr"] for g in run.optimizer.param_groups] == [0.05]  # not before the next batch
        if isinstance(event, LearningRateChanged):
            assert [g["lr"] for g in run.optimizer.param_groups] == [0.2]
    changes = [e for e in events if isinstance(e, LearningRateChanged)]
    assert len(changes) == 1 and isinstance(events[-1], Finished)
    change = changes[0]
    assert (change.old, change.new, change.applied, change.by_schedule) == (0.05, 0.2, (0.2,), False)
    assert change.position == pytest.approx(4 / 13)
    assert change.lesson_line() == "lr 0.05 → 0.2 at epoch 0.31"
    assert control.take_lr() is None


def test_step_decay_multiplies_the_learning_rate_at_every_step_of_epochs(tiny):
    config = TINY.with_changes(epochs=5, lr=0.1, lr_step=2, lr_gamma=0.5, report_interval=13)
    run = TrainingRun(config, tiny)
    changes = [e for e in run.events() if isinstance(e, LearningRateChanged)]
    assert [(c.position, c.new, c.by_schedule) for c in changes] == [(2, 0.05, True), (4, 0.025, True)]
    assert [g["lr"] for g in run.optimizer.param_groups] == [0.025] == [config.lr_at_epoch(5)]


def lessons_running_values(config, data):
    """The lesson's loop, written out: ``running_loss += loss.item() * label.size(0)`` and the like,
    on the same batches in the same order; its running values after every batch."""
    torch.manual_seed(config.seed)
    model = build_model(config.model, config.activation)
    optimizer = torch.optim.SGD(model.parameters(), lr=config.lr)
    images = mnist.to_unit_float(data.train.images)
    order = torch.Generator().manual_seed(config.seed)
    values = {}
    for epoch in range(1, config.epochs + 1):
        running_loss = running_acc = seen = 0
        perm = torch.randperm(len(data.train), generator=order)
        for i, start in enumerate(range(0, len(perm), config.batch_size), 1):
            rows = perm[start : start + config.batch_size]
            img, label = images[rows], data.train.labels[rows]
            out = model(img)
            loss = torch.nn.functional.cross_entropy(out, label)
            running_loss += loss.item() * label.size(0)
            running_acc += (out.argmax(1) == label).sum().item()
            seen += label.size(0)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            values[epoch, i] = (running_loss / seen, running_acc / seen)
    return values


@pytest.mark.parametrize("model", ["mlp", "lenet"])
def test_running_loss_and_accuracy_are_the_lessons_to_the_last_bit(tiny, model):
    config = TINY.with_changes(model=model, batch_size=24, report_interval=3)  # 200 = 8 * 24 + 8
    expected = lessons_running_values(config, tiny)
    reported = {
        (e.epoch, e.batch): (e.loss, e.accuracy)
        for e in TrainingRun(config, tiny).events()
        if isinstance(e, BatchProgress)
    }
    assert sorted(reported) == [(epoch, i) for epoch in (1, 2) for i in (1, 3, 5, 6, 9)]
    assert all(reported[key] == expected[key] for key in reported)


def test_same_seed_same_numbers_and_other_seed_differs(tiny):
    def losses(config):
        return [e.test_loss for e in TrainingRun(config, tiny).events() if isinstance(e, EpochEnd)]

    assert losses(TINY) == losses(TINY)
    assert losses(TINY) != losses(TINY.with_changes(seed=1))


def test_runs_that_differ_in_one_setting_start_from_the_same_initial_weights(tiny):
    base = TrainingRun(TINY.with_changes(model="lenet"), tiny).model.state_dict()
    for change in ({"lr": 0.5}, {"momentum": 0.9}, {"optimizer": "adam"}, {"epochs": 7}):
        other = TrainingRun(TINY.with_changes(model="lenet", **change), tiny).model.state_dict()
        assert all(torch.equal(base[name], other[name]) for name in base), change


def test_lessons_dataloader_pipeline_trains_too(tiny):
    events = list(TrainingRun(TINY.with_changes(pipeline="dataloader", epochs=3), tiny).events())
    epochs = [e for e in events if isinstance(e, EpochEnd)]
    assert isinstance(events[-1], Finished)
    assert epochs[-1].train_loss < epochs[0].train_loss


def test_stop_mid_epoch_is_honoured_between_batches(tiny):
    control = RunControl()
    run = TrainingRun(TINY, tiny, control)
    events = []
    for event in run.events():
        events.append(event)
        if isinstance(event, BatchProgress) and event.batch == 4:
            control.stop()
    assert events[-1] == Stopped(epoch=1, batch=4)


def test_pause_waits_and_resume_goes_on(tiny):
    control = RunControl()
    run = TrainingRun(TINY, tiny, control)
    events, paused_at = [], threading.Event()

    def consume():
        for event in run.events():
            events.append(event)
            if isinstance(event, BatchProgress) and event.batch == 2 and event.epoch == 1:
                control.pause()
                paused_at.set()

    worker = threading.Thread(target=consume)
    worker.start()
    assert paused_at.wait(30)
    assert control.wait_until_held(30)  # the loop waits before its next batch
    count = len(events)
    assert worker.is_alive() and control.held and len(events) == count
    control.resume()
    worker.join(60)
    assert isinstance(events[-1], Finished) and not control.held
    progress = [e.batch for e in events if isinstance(e, BatchProgress) and e.epoch == 1]
    assert progress[:4] == [1, 2, 4, 5]  # no batch was skipped or repeated across the pause


def test_the_in_process_and_the_training_process_controls_both_offer_run_controls():
    in_process, remote = RunControl(), RemoteControl()
    controls: list[RunControls] = [in_process, remote]  # what the GUI holds: either one
    for control in controls:
        assert isinstance(control, RunControls)
        control.set_lr(0.2)
        control.set_watch_weights(True)
        control.pause()
        assert control.pause_requested and not control.stop_requested
        control.resume()
        assert not control.pause_requested
        control.stop()
        assert control.stop_requested and not control.held and not control.wait_until_held(0)
    assert in_process.watch_weights and in_process.take_lr() == 0.2
    assert not isinstance(object(), RunControls)


def test_exploding_loss_stops_with_a_message_and_keeps_good_weights(tiny, caplog):
    run = TrainingRun(TINY.with_changes(lr=10.0, report_interval=1), tiny)
    events = list(run.events())
    assert isinstance(events[-1], Failed) and events[-1].diverged
    assert "learning rate" in events[-1].message and "last good weights" in events[-1].message
    assert all(torch.isfinite(p).all() for p in run.model.parameters())
    assert any("learning rate" in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)


def test_an_unexpected_error_ends_the_run_with_its_detail_and_a_logged_traceback(tiny, caplog):
    cropped = mnist.MnistSplit(tiny.train.images[:, :27, :27], tiny.train.labels)  # 729 pixels, not 784
    broken = mnist.MnistData("full", cropped, tiny.test)
    events = list(TrainingRun(TINY, broken).events())
    failed = events[-1]
    assert isinstance(failed, Failed) and failed.message.startswith("Training stopped with an error")
    assert failed.detail.startswith("RuntimeError") and "mat1 and mat2" in failed.detail
    logged = [r for r in caplog.records if r.levelname == "ERROR"]
    assert logged and logged[0].exc_info is not None and "Traceback" in caplog.text


@pytest.mark.parametrize(
    ("change", "word"),
    [
        ({"epochs": 0}, "epochs"),
        ({"batch_size": -1}, "batch_size"),
        ({"lr": 0.0}, "lr"),
        ({"lr": float("nan")}, "lr"),
        ({"model": "resnet"}, "model"),
        ({"momentum": 1.5}, "momentum"),
        ({"lr_step": -1}, "lr_step"),
        ({"lr_gamma": 0.0}, "lr_gamma"),
        ({"lr_gamma": 2.0}, "lr_gamma"),
    ],
)
def test_impossible_settings_are_refused_by_name(tiny, change, word):
    with pytest.raises(ConfigError, match=word):
        TrainingRun(TINY.with_changes(**change), tiny)


def test_cuda_asked_for_without_cuda_is_a_config_error(tiny):
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(ConfigError, match="CUDA"):
        TrainingRun(TINY.with_changes(device="cuda"), tiny)


def test_augmentation_keeps_shape_and_range():
    from core.data.augment import random_affine_and_stroke

    x = torch.zeros(8, 1, 28, 28)
    x[:, :, 8:20, 12:16] = 1.0
    y = random_affine_and_stroke(x, torch.Generator().manual_seed(0))
    assert y.shape == x.shape and y.min() >= 0 and y.max() <= 1.0001
    assert not torch.allclose(x, y) and y.sum() > 0.5 * x.sum()
