"""Importing MNIST from a folder when the user cancels, the files are bogus, or the disk is full."""

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.base.safe_files import CancelledError
from core.data import fetch as data_fetch
from core.data import mnist
from core.data.mnist import DataError
from tests.file_faults import file_size_limit, files_under
from tests.mnist_files import NAMES, resources_for, write_mnist_folder

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def source(tmp_path):
    """A folder with the four files, compressed, large enough to take several chunks to copy."""
    folder = tmp_path / "source"
    return folder, resources_for(write_mnist_folder(folder, train=4000))


def test_a_huge_bogus_file_is_refused_at_once_by_its_size(tmp_path):
    folder = tmp_path / "stick"
    write_mnist_folder(folder)
    bogus = folder / "train-images-idx3-ubyte.gz"
    with bogus.open("wb") as f:
        f.truncate(3 << 30)  # 3 GB, sparse
    started = time.monotonic()
    with pytest.raises(DataError, match=r"idx3-ubyte\.gz in .*/stick is 3,221,225,472 bytes, larger than"):
        data_fetch.import_folder(folder, tmp_path / "data")
    assert time.monotonic() - started < 1
    assert files_under(tmp_path / "data") == []


def test_cancel_inside_a_files_check_stops_there_and_keeps_nothing(tmp_path, source):
    folder, resources = source
    seen = []
    with pytest.raises(CancelledError):
        data_fetch.import_folder(
            folder,
            tmp_path / "data",
            resources=resources,
            progress=lambda *report: seen.append(report),
            cancelled=lambda: bool(seen),
        )
    assert [name for name, _, _ in seen] == ["train-images-idx3-ubyte.gz"]
    assert files_under(tmp_path / "data") == []


@pytest.mark.parametrize("copied", [0, 1, 3])
def test_cancel_inside_or_between_copies_keeps_none_of_the_four(tmp_path, source, copied):
    """Checked, then copied one by one: a Cancel at any point of the copies keeps no file at all."""
    folder, resources = source
    seen = []

    def progress(name, done, total):
        seen.append((name, done, total))

    def cancelled():
        copies = [s for s in seen if not s[0].endswith(".gz")]
        finished = {name for name, done, total in copies if done == total}
        return len(finished) >= copied and (copied > 0 or bool(copies))

    with pytest.raises(CancelledError):
        data_fetch.import_folder(
            folder, tmp_path / "data", resources=resources, progress=progress, cancelled=cancelled
        )
    copies = [name for name, _, _ in seen if not name.endswith(".gz")]
    assert len(set(copies)) == max(copied, 1)
    assert files_under(tmp_path / "data") == []


def test_imported_files_get_the_users_normal_permissions(tmp_path, source):
    folder, resources = source
    saved = os.umask(0o027)
    try:
        data_fetch.import_folder(folder, tmp_path / "data", resources=resources)
    finally:
        os.umask(saved)
    raw = mnist.raw_folder(tmp_path / "data")
    assert sorted(p.name for p in raw.iterdir()) == sorted(NAMES.values())
    assert {stat.S_IMODE(p.stat().st_mode) for p in raw.iterdir()} == {0o640}


def test_an_import_onto_a_full_disk_blames_the_disk_not_the_source(tmp_path, shared_raw):
    data_dir = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "main.py", "data", "import", str(shared_raw), "--data-dir", str(data_dir)],
        cwd=ROOT,
        env={**os.environ, "PYTORCH_BASICS_DATA": str(tmp_path / "home")},
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=file_size_limit(2_000_000),
        check=False,
    )
    last = result.stderr.strip().splitlines()[-1]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    raw = mnist.raw_folder(data_dir)
    assert last == (
        f"error: Could not write {raw / 'train-images-idx3-ubyte'}: "
        "the disk is full (or the file is larger than this disk allows)."
    )
    assert "damaged" not in result.stderr and files_under(data_dir) == []
