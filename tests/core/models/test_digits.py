import numpy as np
import pytest
import torch

from core.data import mnist
from core.data.fetch import import_folder
from core.models.checkpoint import BUNDLED_LENET, load_model
from core.models.digits import enlarge, feature_maps, predict, preprocess

CANVAS = 280


def centre_of_mass(x):
    image = x[0, 0].numpy()
    rows, cols = np.indices(image.shape)
    return (rows * image).sum() / image.sum(), (cols * image).sum() / image.sum()


def bar(height, width, top=50, left=100, size=CANVAS):
    image = np.zeros((size, size), np.uint8)
    image[top : top + height, left : left + width] = 255
    return image


def test_empty_canvas_gives_none():
    assert preprocess(np.zeros((CANVAS, CANVAS))) is None
    assert predict(torch.nn.Linear(784, 10), np.zeros((50, 50))) is None


def test_output_is_a_normalised_28x28_field_centred_by_mass():
    x = preprocess(bar(200, 60, top=10, left=5))
    assert x.shape == (1, 1, 28, 28) and x.dtype == torch.float32
    assert x.min() >= 0 and x.max() <= 1
    row, col = centre_of_mass(x)
    assert abs(row - 14) <= 0.5 + 1e-6 and abs(col - 14) <= 0.5 + 1e-6


def test_longer_side_becomes_20_pixels_keeping_the_aspect_ratio():
    x = preprocess(bar(200, 50))[0, 0] > 0.1
    rows, cols = np.nonzero(x.numpy())
    assert rows.max() - rows.min() + 1 == 20
    assert 4 <= cols.max() - cols.min() + 1 <= 6


def test_thin_thick_dot_and_edge_touching_strokes():
    thin, thick = preprocess(bar(200, 3)), preprocess(bar(200, 60))
    assert thin.sum() < thick.sum()
    dot = preprocess(bar(4, 4, top=0, left=0))
    assert dot is not None and abs(centre_of_mass(dot)[0] - 14) <= 1
    edge = preprocess(bar(CANVAS, 20, top=0, left=CANVAS - 20))
    assert edge is not None and (edge[0, 0] > 0.5).any()
    assert torch.allclose(preprocess(bar(100, 30) / 255.0), preprocess(bar(100, 30)))


def test_predict_returns_ten_probabilities_summing_to_one():
    model, _ = load_model(BUNDLED_LENET)
    probs = predict(model, bar(200, 20))
    assert len(probs) == 10 and all(isinstance(p, float) for p in probs)
    assert abs(sum(probs) - 1) < 1e-6
    conv1, conv2 = feature_maps(model, preprocess(bar(200, 20)))
    assert conv1.shape == (6, 28, 28) and conv2.shape == (16, 10, 10)


def drawn(digit, how):
    if how == "canvas":
        return enlarge(digit, CANVAS)
    if how == "off-centre small":
        canvas = np.zeros((CANVAS, CANVAS), np.uint8)
        canvas[10:103, 180:273] = enlarge(digit, 93)
        return canvas
    big = torch.from_numpy(enlarge(digit, CANVAS).astype(np.float32))[None, None]
    return torch.nn.functional.max_pool2d(big, 13, stride=1, padding=6)[0, 0].numpy()


def accuracy(split, how, count):
    model, _ = load_model(BUNDLED_LENET)
    generator = torch.Generator().manual_seed(0)
    picks = torch.randperm(len(split), generator=generator)[:count]
    correct = sum(
        int(np.argmax(predict(model, drawn(split.images[i].numpy(), how)))) == int(split.labels[i])
        for i in picks
    )
    return correct / count


@pytest.mark.slow
@pytest.mark.parametrize("how", ["canvas", "off-centre small", "thick"])
def test_bundled_lenet_reads_prepared_sample_digits(how):
    assert accuracy(mnist.load_sample().test, how, 400) >= 0.985


@pytest.mark.slow
@pytest.mark.parametrize("how", ["canvas", "off-centre small", "thick"])
def test_bundled_lenet_reads_prepared_full_test_digits(how, shared_raw, tmp_path):
    import_folder(shared_raw, tmp_path)
    assert accuracy(mnist.load_full(tmp_path).test, how, 400) >= 0.985
