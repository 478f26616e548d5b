import functools
import gzip
import hashlib
import http.server
import threading
from pathlib import Path

import pytest
import torch

from core.base.paths import DATA_ENV_VAR, default_data_dir
from core.data import fetch as data_fetch
from core.data import mnist
from tests.mnist_files import NAMES, raw_md5_for, resources_for, write_mnist_folder


@pytest.fixture
def http_folder():
    """Serve a folder on 127.0.0.1; yields a function folder -> base URL."""
    servers = []

    def serve(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_bundled_sample_is_real_stratified_mnist():
    sample = mnist.load_sample()
    assert sample.name == "sample"
    assert sample.train.images.shape == (10_000, 28, 28) and sample.train.images.dtype == torch.uint8
    assert sample.test.images.shape == (2_000, 28, 28)
    assert torch.bincount(sample.train.labels, minlength=10).tolist() == [1000] * 10
    assert torch.bincount(sample.test.labels, minlength=10).tolist() == [200] * 10
    assert "sample" in sample.description
    assert mnist.SAMPLE_PATH.stat().st_size < 5_000_000


def test_auto_uses_the_sample_when_full_set_is_absent(tmp_path):
    assert mnist.load_data("auto", tmp_path).name == "sample"
    with pytest.raises(mnist.DataError, match="data download"):
        mnist.load_data("full", tmp_path)


def test_data_dir_follows_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path))
    assert default_data_dir() == tmp_path


@pytest.mark.parametrize("compressed", [True, False])
def test_import_folder_installs_and_leaves_source_untouched(tmp_path, compressed):
    source = tmp_path / "source"
    written = write_mnist_folder(source, compressed=compressed)
    before = {p.name: p.read_bytes() for p in source.iterdir()}
    data_dir = tmp_path / "data"
    if compressed:
        data_fetch.import_folder(source, data_dir, resources=resources_for(written))
    else:
        data_fetch.import_folder(
            source,
            data_dir,
            resources=[(n + ".gz", "") for n in NAMES.values()],
            raw_md5=raw_md5_for(written),
        )
    assert {p.name: p.read_bytes() for p in source.iterdir()} == before
    full = mnist.load_data("auto", data_dir)
    assert full.name == "full" and len(full.train) == 200 and len(full.test) == 50
    assert full.train.images.dtype == torch.uint8


def test_import_names_the_missing_file(tmp_path):
    source = tmp_path / "source"
    written = write_mnist_folder(source)
    (source / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(mnist.DataError, match="t10k-labels-idx1-ubyte"):
        data_fetch.import_folder(source, tmp_path / "data", resources=resources_for(written))
    assert not mnist.full_available(tmp_path / "data")


def test_import_rejects_a_truncated_raw_file_and_names_it(tmp_path):
    source = tmp_path / "source"
    written = write_mnist_folder(source, compressed=False)
    path = source / "train-images-idx3-ubyte"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(mnist.DataError, match=r"train-images-idx3-ubyte is truncated"):
        data_fetch.import_folder(
            source,
            tmp_path / "data",
            resources=[(n + ".gz", "") for n in NAMES.values()],
            raw_md5=raw_md5_for(written),
        )


def test_import_rejects_a_damaged_gz_by_md5(tmp_path):
    source = tmp_path / "source"
    written = write_mnist_folder(source)
    path = source / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:20])
    with pytest.raises(mnist.DataError, match=r"train-labels-idx1-ubyte\.gz .*MD5"):
        data_fetch.import_folder(source, tmp_path / "data", resources=resources_for(written))


def test_truncated_installed_file_gives_a_clear_message(tiny_data_dir):
    path = mnist.raw_folder(tiny_data_dir) / "t10k-images-idx3-ubyte"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(mnist.DataError, match=r"t10k-images-idx3-ubyte is truncated .*download or import"):
        mnist.load_full(tiny_data_dir)


def test_download_from_local_server_reports_progress(tmp_path, http_folder):
    served = tmp_path / "served"
    written = write_mnist_folder(served)
    seen = []
    data_fetch.download(
        tmp_path / "data",
        mirrors=[http_folder(served)],
        resources=resources_for(written),
        progress=lambda name, done, total: seen.append((name, done, total)),
    )
    assert mnist.load_full(tmp_path / "data").name == "full"
    # Each file's download, then its decompression (measured in compressed bytes read).
    assert {name for name, _, _ in seen} == set(written) | set(NAMES.values())
    for name in ("train-images-idx3-ubyte.gz", "train-images-idx3-ubyte"):
        last = [s for s in seen if s[0] == name][-1]
        assert last[1] == last[2] == len(written["train-images-idx3-ubyte.gz"])


def test_download_skips_a_mirror_with_a_corrupt_file_and_removes_it(tmp_path, http_folder):
    good, bad = tmp_path / "good", tmp_path / "bad"
    written = write_mnist_folder(good)
    write_mnist_folder(bad)
    (bad / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(b"not mnist"))
    data_fetch.download(
        tmp_path / "data", mirrors=[http_folder(bad), http_folder(good)], resources=resources_for(written)
    )
    raw = mnist.raw_folder(tmp_path / "data")
    assert sorted(p.name for p in raw.iterdir()) == sorted(NAMES.values())
    assert (
        hashlib.md5((raw / "train-images-idx3-ubyte").read_bytes()).hexdigest()
        == hashlib.md5(gzip.decompress(written["train-images-idx3-ubyte.gz"])).hexdigest()
    )


def test_download_failure_names_file_and_what_to_do(tmp_path, http_folder):
    empty = tmp_path / "empty"
    empty.mkdir()
    written = write_mnist_folder(tmp_path / "x")
    with pytest.raises(mnist.DataError, match=r"train-images-idx3-ubyte\.gz.*404.*--mirror"):
        data_fetch.download(tmp_path / "data", mirrors=[http_folder(empty)], resources=resources_for(written))
    assert not mnist.full_available(tmp_path / "data")
    assert [p.name for p in mnist.raw_folder(tmp_path / "data").iterdir()] == []


def test_cancelled_download_leaves_nothing_behind(tmp_path, http_folder):
    served = tmp_path / "served"
    written = write_mnist_folder(served, train=3000)
    with pytest.raises(data_fetch.CancelledError):
        data_fetch.download(
            tmp_path / "data",
            mirrors=[http_folder(served)],
            resources=resources_for(written),
            cancelled=lambda: True,
        )
    assert [p.name for p in mnist.raw_folder(tmp_path / "data").iterdir()] == []


def test_real_files_download_with_torchvisions_md5s(tmp_path, http_folder, shared_raw):
    data_fetch.download(tmp_path / "data", mirrors=[http_folder(shared_raw)])
    full = mnist.load_full(tmp_path / "data")
    assert len(full.train) == 60_000 and len(full.test) == 10_000


def test_real_files_import_with_default_checks(tmp_path, shared_raw):
    data_fetch.import_folder(shared_raw, tmp_path / "data")
    assert mnist.load_data("auto", tmp_path / "data").description.startswith("full MNIST (60,000")


def test_our_resource_list_is_torchvisions():
    from torchvision.datasets import MNIST

    assert list(mnist.MNIST_RESOURCES) == list(MNIST.resources)
