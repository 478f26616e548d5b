import csv
import io
import math

import numpy as np
import pytest

from core.models.config import TrainConfig
from core.training.events import (
    BatchProgress,
    EpochEnd,
    Failed,
    Finished,
    LearningRateChanged,
    RunStarted,
    Stopped,
)
from core.training.history import CSV_HEADER, MAX_POINTS, RunHistory, Series


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
        "1,Run 1: LeNet,,0.900000,train,1.000000,0.500000,0.900000,0.01",
        "1,Run 1: LeNet,,0.900000,train,2.000000,0.250000,0.950000,0.01",
        "1,Run 1: LeNet,,0.900000,test,2.000000,0.300000,0.900000,0.01",
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


def test_points_added_in_blocks_equal_points_added_one_by_one_through_growth_and_thinning():
    one_by_one, in_blocks = Series(), Series()
    points = np.column_stack((np.arange(MAX_POINTS + 77.0), np.sin(np.arange(MAX_POINTS + 77.0))))
    for x, y in points:
        one_by_one.append(x, y)
    for start in range(0, len(points), 37):  # blocks that straddle every doubling and the thinning
        in_blocks.extend(points[start : start + 37])
    assert in_blocks.count == one_by_one.count and in_blocks.thinnings == one_by_one.thinnings == 1
    assert np.array_equal(in_blocks.x, one_by_one.x) and np.array_equal(in_blocks.y, one_by_one.y)


def test_each_batch_loss_lands_at_its_batch_with_a_moving_average_through_them():
    from core.training.history import EMA_DECAY

    run = RunHistory().start_run(TrainConfig(), "Run 1")
    run.record(BatchProgress(1, 2, 2, 4, 2.0, 0.2, 1e3, False, (2.5, 1.5)))
    run.record(BatchProgress(1, 2, 4, 4, 1.5, 0.5, 1e3, False, (1.0, 1.0)))
    raw, smoothed = run.series["batch_loss"], run.series["batch_loss_ema"]
    assert raw.x.tolist() == [0.25, 0.5, 0.75, 1.0] and raw.y.tolist() == [2.5, 1.5, 1.0, 1.0]
    assert smoothed.y[0] == 2.5  # the average starts at the first value, not at zero
    expected = (EMA_DECAY * (1 - EMA_DECAY) * 2.5 + (1 - EMA_DECAY) * 1.5) / (1 - EMA_DECAY**2)
    assert smoothed.y[1] == pytest.approx(expected) and smoothed.y[3] < smoothed.y[2] < smoothed.y[1]


def test_losses_of_a_blown_up_run_never_decide_the_axis_and_a_nan_run_is_diverged():
    run = RunHistory().start_run(TrainConfig(lr=10.0), "Run 1")
    run.record(BatchProgress(1, 2, 1, 4, 2.4, 0.1, 1e3, False, (2.4,)))
    run.record(BatchProgress(1, 2, 2, 4, 1e30, 0.1, 1e3, False, (1e30,)))
    assert run.highest_loss == 2.4 and not run.diverged
    run.record(Failed("The loss became NaN", diverged=True))
    assert run.diverged and run.final_test_accuracy is None


def test_the_csv_names_each_runs_differences_final_accuracy_and_learning_rate():
    history = RunHistory()
    first = history.start_run(TrainConfig(), "Run 1: MLP (linear)")
    first.record(progress(1, 2, 2.0, 0.5))
    first.record(LearningRateChanged(0.5, 0.01, 0.05, (0.05,), False))
    first.record(progress(1, 4, 1.0, 0.8))
    first.record(EpochEnd(1, 2, 1.0, 0.8, 0.9, 0.75, 1, 1))
    second = history.start_run(TrainConfig(lr=0.05, momentum=0.9), "Run 2: MLP (linear)")
    second.record(Finished(2, 1.0, 0.8, 0.9, 0.875, 1.0, 1.0))
    rows = list(csv.DictReader(io.StringIO(history.to_csv())))
    assert [(r["series"], r["epoch"], r["lr"]) for r in rows] == [
        ("train", "0.500000", "0.01"),
        ("train", "1.000000", "0.05"),
        ("test", "1.000000", "0.05"),
        ("lr_change", "0.500000", "0.05"),
    ]
    assert {r["differences"] for r in rows} == {""} and rows[0]["final_test_accuracy"] == "0.750000"
    assert history.runs[1].csv_rows(first.config)[0:1] == []  # no points, but the run is known
    assert second.final_test_accuracy == 0.875


def test_differences_name_only_the_settings_that_act():
    from core.training.compare import differences

    lesson = TrainConfig()
    assert differences(lesson, lesson.with_changes(report_interval=3)) == []
    assert differences(lesson, lesson.with_changes(momentum=0.9)) == ["momentum=0.9"]
    assert differences(lesson, lesson.with_changes(lr=0.05, activation="relu")) == [
        "activation=relu",
        "lr=0.05",
    ]
    assert differences(lesson, lesson.with_changes(lr_gamma=0.5)) == []  # no schedule: the factor is idle
    assert (
        differences(lesson.with_changes(model="lenet"), lesson.with_changes(model="lenet", activation="relu"))
        == []
    )
