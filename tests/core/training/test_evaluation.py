"""The confusion matrix, the mistakes, the first layer's weights and the data pages, on real data."""

import re

import numpy as np
import pytest
import torch
from PIL import Image

from core.base.safe_files import CancelledError
from core.data import mnist
from core.data.view import data_page
from core.models.config import TrainConfig
from core.models.networks import build_model
from core.models.weight_images import diverging_colours, first_layer, weight_mosaic, weight_tiles
from core.training.evaluation import predict_split
from core.training.events import BatchProgress, EpochEnd, Finished, LayerWeights, Stopped
from core.training.loop import TrainingRun
from core.training.mistake_files import mistake_file_name, write_mistakes
from core.training.predictions import SplitPredictions, confusion_matrix, format_confusion, per_class_accuracy
from tests.core.test_cli import cli


def tiny_predictions():
    labels = np.array([0, 0, 1, 1, 1, 2, 2, 2, 2], np.uint8)
    predicted = np.array([0, 1, 1, 1, 2, 2, 0, 0, 2], np.uint8)
    confidence = np.array([0.9, 0.6, 0.8, 0.7, 0.55, 0.99, 0.4, 0.95, 0.5], np.float32)
    return SplitPredictions(labels, predicted, confidence)


def test_matrix_matches_one_counted_by_hand():
    p = tiny_predictions()
    expected = np.zeros((10, 10), np.int64)
    expected[0, 0], expected[0, 1] = 1, 1
    expected[1, 1], expected[1, 2] = 2, 1
    expected[2, 2], expected[2, 0] = 2, 2
    assert np.array_equal(p.confusion, expected)
    assert p.correct == 5 and p.accuracy == 5 / 9 == np.trace(expected) / expected.sum()
    accuracy = per_class_accuracy(expected)
    assert accuracy[:3].tolist() == [0.5, 2 / 3, 0.5]
    assert np.isnan(accuracy[3:]).all()  # digits the split lacks


def test_a_cell_holds_exactly_its_images_most_confident_first():
    p = tiny_predictions()
    assert p.cell(2, 0).tolist() == [7, 6]  # 0.95, then 0.4
    assert p.cell(2, 2).tolist() == [5, 8]
    assert p.cell(3, 3).tolist() == []
    assert p.mistakes().tolist() == [7, 1, 4, 6]
    for true in range(10):
        for predicted in range(10):
            assert len(p.cell(true, predicted)) == p.confusion[true, predicted]


def test_confusion_text_has_a_row_per_digit_with_its_accuracy():
    text = format_confusion(confusion_matrix([0, 1, 1], [0, 1, 0]), "true", "accuracy")
    lines = text.splitlines()
    assert len(lines) == 11 and lines[0].split()[-1] == "accuracy"
    assert lines[1].split() == ["0", "1", *["0"] * 9, "100.00%"]
    assert lines[2].split() == ["1", "1", "1", *["0"] * 8, "50.00%"]
    assert lines[4].split()[-1] == "-"


def test_a_real_run_reports_the_matrix_diagonal_as_its_accuracy():
    data = mnist.load_sample()
    config = TrainConfig(model="mlp", epochs=1, batch_size=64, device="cpu", data="sample")
    run = TrainingRun(config, data)
    events = list(run.events())
    ends = [e for e in events if isinstance(e, EpochEnd)]
    final = events[-1]
    assert isinstance(final, Finished) and len(ends) == 1
    matrix = ends[0].predictions.confusion
    assert matrix.sum() == len(data.test) == 2000
    assert ends[0].test_accuracy == np.trace(matrix) / matrix.sum() == final.test_accuracy
    assert matrix.sum(axis=1).tolist() == [200] * 10  # rows are the true digits
    # the same pass: evaluating again gives the same predictions
    _loss, again = predict_split(run.model, data.test, torch.device("cpu"))
    assert np.array_equal(again.predicted, ends[0].predictions.predicted)
    weights = [e for e in events if isinstance(e, LayerWeights)]
    assert weights[0].batch == 0 and weights[-1].batch == run.batches  # before training, and at its end
    assert all(w.name == "layer1" and w.weights.shape == (300, 784) for w in weights)
    assert not np.array_equal(weights[0].weights, weights[-1].weights)


def test_first_layer_tiles_have_the_right_count_and_shapes():
    mlp, lenet = build_model("mlp"), build_model("lenet")
    name, weights = first_layer(mlp)
    assert name == "layer1" and np.array_equal(weights, mlp.layer1.weight.detach().numpy())
    assert weight_tiles(name, weights).shape == (300, 28, 28)
    assert np.array_equal(weight_tiles(name, weights)[7], weights[7].reshape(28, 28))
    image, columns = weight_mosaic(name, weights)
    assert columns == 20 and image.shape == (15 * 29 - 1, 20 * 29 - 1, 3) and image.dtype == np.uint8
    name, weights = first_layer(lenet)
    assert name == "conv1" and weight_tiles(name, weights).shape == (6, 5, 5)
    image, columns = weight_mosaic(name, weights)
    assert columns == 3 and image.shape == (2 * 31 - 1, 3 * 31 - 1, 3)  # drawn 30x30


def test_colours_diverge_from_white_at_zero():
    rgb = diverging_colours(np.array([-2.0, 0.0, 2.0, 1.0]), limit=2.0)
    assert rgb[1].tolist() == [247, 247, 247]
    assert rgb[0, 2] > rgb[0, 0] and rgb[2, 0] > rgb[2, 2]  # blue below zero, red above
    assert rgb[3].tolist() != rgb[2].tolist()  # half as strong is paler


def test_data_page_shows_what_the_network_reads():
    data = mnist.load_sample()
    page = data_page(data.train, 3, 20, seed=0)
    assert len(page.indices) == 20 and (page.labels == 3).all() and page.matching == 1000
    assert np.array_equal(page.images, data.train.images[torch.from_numpy(page.indices)].numpy())
    again = data_page(data.train, 3, 20, seed=0)
    assert np.array_equal(again.indices, page.indices)
    augmented = data_page(data.train, 3, 20, seed=0, augment=True)
    assert np.array_equal(augmented.indices, page.indices)
    assert not np.array_equal(augmented.images, page.images)
    assert data_page(data.test, None, 5, seed=1).matching == 2000


def test_mistakes_are_written_with_their_labels_in_the_names(tmp_path):
    data = mnist.load_sample()
    p = tiny_predictions()
    split = mnist.MnistSplit(data.test.images[:9], torch.from_numpy(p.labels.astype(np.int64)))
    files = write_mistakes(split, p, tmp_path / "new")
    assert [f.name for f in files] == [
        mistake_file_name(7, 2, 0, 0.95),
        mistake_file_name(1, 0, 1, 0.6),
        mistake_file_name(4, 1, 2, 0.55),
        mistake_file_name(6, 2, 0, 0.4),
    ]
    assert files[0].name == "0007-true2-pred0-p0.95.png"
    assert np.array_equal(np.asarray(Image.open(files[0])), split.images[7].numpy())


@pytest.mark.slow
def test_cli_prints_the_confusion_matrix_and_writes_the_mistakes(tmp_path):
    out = tmp_path / "mistakes"
    result = cli("evaluate", "assets/models/lenet.pt", "--data", "sample", "--confusion", "--mistakes", out)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    accuracy = float(re.search(r"Test Loss: [\d.]+, Acc: ([\d.]+)", result.stdout).group(1))
    start = lines.index("Confusion matrix (rows: true digit, columns: prediction):") + 1
    header, rows = lines[start], lines[start + 1 : start + 11]
    assert header.split() == ["true", *map(str, range(10)), "accuracy"]
    matrix = np.array([[int(n) for n in row.split()[1:11]] for row in rows])
    assert [row.split()[0] for row in rows] == [str(d) for d in range(10)]
    assert matrix.sum(axis=1).tolist() == [200] * 10
    assert accuracy == pytest.approx(np.trace(matrix) / matrix.sum(), abs=1e-6)
    for row, counts in zip(rows, matrix, strict=True):
        assert row.split()[-1] == f"{counts[int(row.split()[0])] / counts.sum():.2%}"
    files = sorted(f.name for f in out.iterdir())
    assert len(files) == matrix.sum() - np.trace(matrix) > 0
    for name in files:
        true, predicted = map(int, re.fullmatch(r"\d{4}-true(\d)-pred(\d)-p[01]\.\d\d\.png", name).groups())
        assert true != predicted


def test_cli_says_plainly_when_the_mistakes_folder_cannot_be_written(tmp_path):
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("not a folder")
    result = cli("evaluate", "assets/models/lenet.pt", "--mistakes", in_the_way / "sub")
    assert result.returncode == 1
    assert result.stderr.startswith("error: Cannot write the mistakes into")
    assert "--mistakes" in result.stderr and "Traceback" not in result.stderr


def test_a_cancelled_evaluation_stops_between_batches():
    data = mnist.load_sample()
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(CancelledError):
        predict_split(build_model("mlp"), data.test, torch.device("cpu"), 250, cancelled)
    assert len(asked) == 3  # two batches ran, the third was never started


def test_live_weight_copies_go_out_only_while_watched():
    data = mnist.load_sample()
    config = TrainConfig(model="mlp", epochs=1, batch_size=500, device="cpu", data="sample")
    copies = {}
    for watched in (False, True):
        run = TrainingRun(config, data)
        run.layer_weights_every = 0.0  # as often as the loop allows: every batch
        run.control.watch_weights = watched
        copies[watched] = [e.batch for e in run.events() if isinstance(e, LayerWeights)]
    assert copies[False] == [0, run.batches]  # the start and the epoch's end only
    assert copies[True][0] == 0 and copies[True][-1] == run.batches
    assert len(copies[True]) > 2  # and at the report steps between them


def test_a_stopped_run_sends_the_weights_it_stopped_with():
    config = TrainConfig(model="mlp", epochs=2, batch_size=500, data="sample", report_interval=1)
    run = TrainingRun(config, mnist.load_sample())
    events = []
    for event in run.events():
        events.append(event)
        if isinstance(event, BatchProgress) and event.batch == 3:
            run.control.stop()
    stopped, copy = events[-1], events[-2]
    assert isinstance(stopped, Stopped) and isinstance(copy, LayerWeights)
    assert (copy.epoch, copy.batch) == (stopped.epoch, stopped.batch) == (1, 3)
    assert np.array_equal(copy.weights, first_layer(run.model)[1])
