"""The training process, driven through its client as the Train tab drives it."""

import os
import signal
import threading

import psutil
import pytest
import torch

from core.data import mnist
from core.models.config import TrainConfig
from core.models.trained import from_weights
from core.training.events import BatchProgress, EpochEnd, Failed, Finished, LayerWeights, RunStarted, Stopped
from core.training.loop import TrainingRun
from core.training.process import RemoteControl, TrainerClient
from core.training.process.protocol import Weights

TINY = TrainConfig(
    epochs=2, batch_size=16, lr=0.05, device="cpu", data="full", report_interval=2, log_interval=5
)
SLOW = TrainConfig(model="lenet", epochs=3, batch_size=8, device="cpu", data="full", report_interval=1)
EVERY_EVENT = 1e9  # events a second: none is dropped


def run_in(trainer, config, data_dir, control=None, events_per_second=EVERY_EVENT):
    return list(trainer.train(config, data_dir, events_per_second, control or RemoteControl()))


def test_a_run_reports_what_the_same_run_in_this_process_reports(trainer, tiny_data_dir):
    config = TINY.with_changes(activation="relu")
    reported = run_in(trainer, config, tiny_data_dir)
    local = TrainingRun(config, mnist.load_data("full", tiny_data_dir))
    # The first layer's copies go out on each process's own clock: compared apart.
    copies = [e for e in reported if isinstance(e, LayerWeights)]
    assert copies[0].batch == 0 and copies[-1].weights.shape == (300, 784)
    expected = [e for e in local.events() if not isinstance(e, LayerWeights)]
    reported = [e for e in reported if not isinstance(e, LayerWeights)]
    assert [type(e) for e in reported if not isinstance(e, Weights)] == [type(e) for e in expected]
    assert isinstance(reported[-2], Weights) and isinstance(reported[-1], Finished)
    for got, want in zip([e for e in reported if not isinstance(e, Weights)], expected, strict=True):
        if isinstance(got, BatchProgress):
            assert (got.epoch, got.batch, got.accuracy) == (want.epoch, want.batch, want.accuracy)
            assert got.loss == pytest.approx(want.loss, rel=1e-5)
        elif isinstance(got, EpochEnd):
            assert got.test_loss == pytest.approx(want.test_loss, rel=1e-5)
    weights = dict(zip(reported[-2].names, reported[-2].arrays, strict=True))
    final = reported[-1]
    trained = from_weights(
        config,
        weights,
        test_loss=final.test_loss,
        test_accuracy=final.test_accuracy,
        data_description="tiny",
    )
    for name, parameter in local.model.state_dict().items():
        assert torch.allclose(trained.model.state_dict()[name], parameter, atol=1e-5), name
    assert trained.source == "trained" and trained.name == "MLP (ReLU)" and not trained.model.training


def test_progress_is_thinned_but_the_first_the_log_steps_and_the_last_always_come(trainer, tiny_data_dir):
    events = run_in(trainer, TINY.with_changes(epochs=1), tiny_data_dir, events_per_second=0.001)
    batches = [e.batch for e in events if isinstance(e, BatchProgress)]
    assert batches == [1, 5, 10, 13]  # 13 batches of 16 in 200 images; log steps every 5


def test_pause_holds_the_run_between_batches_and_resume_lets_it_go_on(trainer, tiny_data_dir):
    control, events, paused = RemoteControl(), [], threading.Event()

    def consume():
        for event in trainer.train(SLOW, tiny_data_dir, EVERY_EVENT, control):
            events.append(event)
            if isinstance(event, BatchProgress) and event.batch == 2 and not paused.is_set():
                control.pause()
                paused.set()

    worker = threading.Thread(target=consume)
    worker.start()
    assert paused.wait(60)
    assert control.wait_until_held(30)
    count = len(events)
    assert control.held and len(events) == count  # nothing comes while it waits
    control.resume()
    worker.join(120)
    assert isinstance(events[-1], Finished) and not control.held
    progress = [e.batch for e in events if isinstance(e, BatchProgress) and e.epoch == 1]
    assert progress[:4] == [1, 2, 3, 4]  # no batch was skipped or repeated across the pause


def test_a_stop_asked_for_before_the_run_reaches_the_process_stops_it_at_once(trainer, tiny_data_dir):
    control = RemoteControl()
    control.stop()
    events = run_in(trainer, SLOW, tiny_data_dir, control)
    assert isinstance(events[0], RunStarted) and events[-1] == Stopped(epoch=1, batch=0)


def test_a_stop_mid_run_ends_it_after_the_current_batch(trainer, tiny_data_dir):
    control, events = RemoteControl(), []
    for event in trainer.train(SLOW, tiny_data_dir, EVERY_EVENT, control):
        events.append(event)
        if isinstance(event, BatchProgress) and event.batch == 3:
            control.stop()
    assert isinstance(events[-1], Stopped) and events[-1].epoch == 1 and events[-1].batch >= 3


def test_failures_come_back_with_their_message(trainer, tiny_data_dir, tmp_path):
    missing = run_in(trainer, TINY, tmp_path / "no data here")
    assert len(missing) == 1 and isinstance(missing[0], Failed) and "not in" in missing[0].message
    exploded = run_in(trainer, TINY.with_changes(lr=10.0, report_interval=1), tiny_data_dir)
    assert isinstance(exploded[-1], Failed) and "last good weights" in exploded[-1].message
    assert not any(isinstance(e, Weights) for e in exploded)


@pytest.mark.slow
def test_a_lost_process_ends_the_run_with_a_message_and_the_next_run_starts_a_fresh_one(tiny_data_dir):
    client = TrainerClient()
    try:
        events = []
        for event in client.train(SLOW, tiny_data_dir, EVERY_EVENT, RemoteControl()):
            events.append(event)
            if isinstance(event, BatchProgress) and event.batch == 1:  # the run's first progress
                os.kill(client.pid, signal.SIGKILL)
        assert isinstance(events[-1], Failed) and "ended unexpectedly" in events[-1].message
        assert "SIGKILL" in events[-1].detail
        again = run_in(client, TINY, tiny_data_dir)
        assert isinstance(again[-1], Finished)
    finally:
        client.shutdown()


@pytest.mark.slow
def test_shutdown_ends_the_process_even_mid_run(tiny_data_dir):
    client = TrainerClient()
    events, started = [], threading.Event()

    def consume():
        for event in client.train(SLOW.with_changes(epochs=50), tiny_data_dir, EVERY_EVENT, RemoteControl()):
            events.append(event)
            started.set()

    worker = threading.Thread(target=consume)
    worker.start()
    assert started.wait(60)
    pid = client.pid
    client.shutdown()
    worker.join(10)
    assert not worker.is_alive() and isinstance(events[-1], Stopped)  # closing is no failure
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert not client.running
    client.start()  # shut down for good: no new process
    assert not client.running


def test_unwatched_runs_send_the_first_layer_only_at_the_start_and_the_end(trainer, tiny_data_dir):
    control = RemoteControl()
    control.set_watch_weights(True)
    control.set_watch_weights(False)  # the last ask wins, before and during the run
    reported = run_in(trainer, SLOW.with_changes(epochs=2), tiny_data_dir, control)
    copies = [(e.epoch, e.batch) for e in reported if isinstance(e, LayerWeights)]
    last = max(b for _, b in copies)
    assert copies == [(copies[0][0], 0), (2, last)], copies  # not at the first epoch's end
