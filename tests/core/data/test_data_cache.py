import pytest
import torch

from core.data import mnist
from core.data.cache import DataCache
from core.data.fetch import import_folder
from tests.mnist_files import raw_md5_for, write_mnist_folder


def test_the_same_set_is_loaded_once_and_kept(tiny_data_dir):
    cache = DataCache()
    first = cache.load("full", tiny_data_dir)
    assert cache.load("full", tiny_data_dir) is first
    assert cache.load("auto", tiny_data_dir) is first  # auto is full when full MNIST is there
    assert len(first.train) == 200


def test_a_set_whose_files_were_replaced_is_read_again(tiny_data_dir, tmp_path):
    cache = DataCache()
    before = cache.load("full", tiny_data_dir)
    source = tmp_path / "bigger"
    written = write_mnist_folder(source, train=300, test=60, compressed=False)
    import_folder(source, tiny_data_dir, raw_md5=raw_md5_for(written))  # replaces the four files
    after = cache.load("full", tiny_data_dir)
    assert after is not before and len(after.train) == 300 and len(after.test) == 60


def test_another_choice_or_folder_loads_that_set(tiny_data_dir, tmp_path):
    cache = DataCache()
    full = cache.load("full", tiny_data_dir)
    sample = cache.load("sample", tiny_data_dir)
    assert sample.name == "sample" and full.name == "full"
    assert cache.load("auto", tmp_path / "nothing here").name == "sample"
    assert cache.load("full", tiny_data_dir) is not full  # one set is kept at a time


def test_a_set_that_cannot_be_loaded_is_an_error_and_nothing_is_kept(tiny_data_dir, tmp_path):
    cache = DataCache()
    with pytest.raises(mnist.DataError, match="not in"):
        cache.load("full", tmp_path / "empty")
    (tiny_data_dir / "MNIST" / "raw" / "t10k-labels-idx1-ubyte").write_bytes(b"\0\0\x08\x01")
    with pytest.raises(mnist.DataError, match=r"truncated|longer"):
        cache.load("full", tiny_data_dir)


def test_network_inputs_are_made_once_per_device_as_the_lesson_normalises(tiny_data_dir):
    split = DataCache().load("full", tiny_data_dir).train
    images, labels = split.network_inputs(torch.device("cpu"))
    assert split.network_inputs(torch.device("cpu"))[0] is images
    assert images.shape == (200, 1, 28, 28) and images.dtype == torch.float32
    assert torch.equal(images[7, 0], split.images[7].float() * (1 / 255))  # the lesson's ToTensor values
    assert torch.equal(labels, split.labels)
