"""Downloads against mirrors that stall, trickle, stream without end, or lie about their size."""

import time

import pytest

from core.base.safe_files import CancelledError
from core.data import fetch as data_fetch
from core.data import mnist
from core.data.http_fetch import NetworkLimits
from core.data.mnist import DataError
from tests.faulty_server import ENDLESS, FILES, HEADERS_THEN_STALL, HUGE, STALL, TRICKLE, FaultyServer
from tests.mnist_files import resources_for, write_mnist_folder

# Small limits, so that each way a mirror can fail shows in a second or two.
QUICK = NetworkLimits(timeout_s=1.0, stall_s=1.5, min_progress_bytes=1024, poll_s=0.1)
LABELS = [("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c")]


def leftovers(data_dir):
    """Every file under the data folder: a failed or cancelled download must leave none."""
    return sorted(str(p.relative_to(data_dir)) for p in data_dir.rglob("*") if not p.is_dir())


def download_failure(tmp_path, server, limits=QUICK, resources=LABELS):
    started = time.monotonic()
    with pytest.raises(DataError) as failure:
        data_fetch.download(tmp_path / "data", mirrors=[server.url], resources=resources, limits=limits)
    return str(failure.value), time.monotonic() - started


@pytest.mark.parametrize(
    ("mode", "reason", "limit_s"),
    [
        (STALL, "nothing arrived for 1 seconds", 3),
        (HEADERS_THEN_STALL, "nothing arrived for 1 seconds", 3),
        (TRICKLE, "stalled: less than 1 KB arrived in 1.5 seconds", 3),
        (ENDLESS, "more than 1,053,118 bytes", 10),
        (HUGE, "more than 1,053,118 bytes", 3),
    ],
)
def test_a_mirror_that_misbehaves_is_given_up_and_leaves_nothing(tmp_path, mode, reason, limit_s):
    with FaultyServer(mode, interval=0.3) as server:
        message, seconds = download_failure(tmp_path, server)
    assert "Could not download t10k-labels-idx1-ubyte.gz" in message and reason in message, message
    assert server.url in message and "--mirror" in message
    assert seconds < limit_s
    assert leftovers(tmp_path / "data") == []


@pytest.mark.parametrize("mode", [STALL, HEADERS_THEN_STALL, TRICKLE])
def test_cancel_takes_effect_within_a_second_whatever_the_mirror_does(tmp_path, mode):
    """With the default limits (5-second socket timeouts), a Cancel still ends the download at once."""
    with FaultyServer(mode, interval=0.3) as server:
        cancel_at = time.monotonic() + 0.5
        with pytest.raises(CancelledError):
            data_fetch.download(
                tmp_path / "data",
                mirrors=[server.url],
                resources=LABELS,
                cancelled=lambda: time.monotonic() > cancel_at,
            )
        assert time.monotonic() - cancel_at < 1
    assert leftovers(tmp_path / "data") == []


def test_cancel_during_an_endless_stream_takes_effect_at_once(tmp_path):
    asked = []

    def cancelled():
        return bool(asked)

    def progress(name, done, total):
        if not asked:
            asked.append(time.monotonic())

    with FaultyServer(ENDLESS) as server, pytest.raises(CancelledError):
        data_fetch.download(
            tmp_path / "data",
            mirrors=[server.url],
            resources=[("train-images-idx3-ubyte.gz", "")],
            progress=progress,
            cancelled=cancelled,
        )
    assert time.monotonic() - asked[0] < 1
    assert leftovers(tmp_path / "data") == []


def test_the_next_mirror_serves_after_one_that_stalls(tmp_path):
    served = tmp_path / "served"
    written = write_mnist_folder(served)
    with FaultyServer(STALL) as stalled, FaultyServer(FILES, folder=served) as good:
        data_fetch.download(
            tmp_path / "data", mirrors=[stalled.url, good.url], resources=resources_for(written), limits=QUICK
        )
    assert mnist.load_full(tmp_path / "data").name == "full"
    assert sorted(p.name for p in mnist.raw_folder(tmp_path / "data").iterdir()) == sorted(
        name.removesuffix(".gz") for name in written
    )


def test_a_mirror_the_user_names_is_tried_before_torchvisions():
    from torchvision.datasets import MNIST

    assert data_fetch.mirrors_to_try(["http://mirror.example/mnist/"]) == [
        "http://mirror.example/mnist/",
        *MNIST.mirrors,
    ]
    assert data_fetch.mirrors_to_try() == MNIST.mirrors


def test_a_cancel_between_files_keeps_none_of_the_four(tmp_path):
    """Three files arrived intact; the Cancel before the fourth keeps none of them."""
    served = tmp_path / "served"
    written = write_mnist_folder(served)
    names = []

    def cancelled():
        return len(names) >= 3

    def progress(name, done, total):
        if done == total and name not in names:
            names.append(name)

    with FaultyServer(FILES, folder=served) as good, pytest.raises(CancelledError):
        data_fetch.download(
            tmp_path / "data",
            mirrors=[good.url],
            resources=resources_for(written),
            progress=progress,
            cancelled=cancelled,
        )
    assert len(names) == 3 and leftovers(tmp_path / "data") == []
