import math

import numpy as np

from core.config import TrainConfig
from core.events import BatchProgress, EpochEnd, Finished, RunStarted, Stopped
from core.run_history import CSV_HEADER, MAX_POINTS, RunHistory, Series


def progress(epoch, batch, loss, accuracy, batches=4):
    return BatchProgress(epoch, 2, batch, batches, loss, accuracy, 1000.0, False)


def test_a_run_records_its_settings_points_and_outcome_from_its_events():
    history = RunHistory()
    config = TrainConfig(epochs=2)
    run = history.start_run(config, "Run 1: MLP (linear)")
    events = [
        RunStarted("cpu", "CPU, 2 threads", "sample", "bundled MNIST sample", 100, 20, 4, 2, 1000),
        progress(1, 2, 2.0, 0.2),
        progress(1, 4, 1.5, 0.5),
        EpochEnd(1, 2, 1.5, 0.5, 1.4, 0.55, 1.0, 100.0),
        progress(2, 2, 1.2, 0.6),
        Finished(2, 1.2, 0.6, 1.1, 0.65, 2.0, 100.0),
    ]
    for event in events:
        run.record(event)
    assert run.config is config and run.started.train_size == 100 and run.outcome.test_accuracy == 0.65
    train_loss = run.series["train_loss"]
    assert train_loss.x.tolist()[:2] == [0.5, 1.0] and math.isnan(train_loss.y[2])  # a gap between epochs
    assert train_loss.x[3] == 1.5 and run.series["test_acc"].y.tolist() == [0.55]
    assert run.highest_loss == 2.0 and run.last_epoch_position == 1.5
    assert history.point_count() == run.point_count == 4 + 4 + 1 + 1


def test_the_csv_holds_every_run_without_the_gaps_and_runs_keep_their_numbers():
    history = RunHistory()
    first = history.start_run(TrainConfig(), "Run 1: LeNet")
    for event in (
        progress(1, 4, 0.5, 0.9),
        progress(2, 4, 0.25, 0.95),
        EpochEnd(2, 2, 0.25, 0.95, 0.3, 0.9, 1, 1),
    ):
        first.record(event)
    second = history.start_run(TrainConfig(), "Run 2: LeNet")
    second.record(Stopped(1, 0))
    assert history.to_csv().splitlines() == [
        CSV_HEADER,
        "1,Run 1: LeNet,train,1.000000,0.500000,0.900000",
        "1,Run 1: LeNet,train,2.000000,0.250000,0.950000",
        "1,Run 1: LeNet,test,2.000000,0.300000,0.900000",
    ]
    assert history.clear_earlier() == [first] and history.runs == [second]
    assert history.start_run(TrainConfig(), "Run 3: LeNet").index == 3


def test_a_long_series_doubles_then_thins_itself_and_stays_bounded():
    series = Series()
    for i in range(MAX_POINTS + 10):
        series.append(i, -i)
    assert series.count <= MAX_POINTS and series.thinnings == 1
    assert np.all(np.diff(series.x) > 0) and series.x[0] == 0 and series.x[-1] == MAX_POINTS + 9
    assert series.points_from(series.count - 1) == [[MAX_POINTS + 9.0, -(MAX_POINTS + 9.0)]]
