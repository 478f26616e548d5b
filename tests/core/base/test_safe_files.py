import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from core.base.file_errors import describe_os_error, describe_write_error, short_path
from core.base.safe_files import CancelledError, atomic_write, check_can_write, md5_of, write_bytes_atomically
from tests.file_faults import file_size_limit, files_under, read_only

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def umask():
    """Set the process's umask for a test, and restore it."""
    saved = os.umask(0o022)
    os.umask(saved)

    def set_mask(mask):
        os.umask(mask)

    yield set_mask
    os.umask(saved)


def test_a_write_that_fails_midway_leaves_the_target_as_it_was(tmp_path):
    target = tmp_path / "model.pt"
    target.write_bytes(b"old")
    for interruption in (RuntimeError("failed"), KeyboardInterrupt()):
        with pytest.raises(type(interruption)), atomic_write(target) as out:
            out.write(b"half of the new")
            raise interruption
        assert target.read_bytes() == b"old" and files_under(tmp_path) == ["model.pt"]
    write_bytes_atomically(target, b"new")
    assert target.read_bytes() == b"new" and files_under(tmp_path) == ["model.pt"]


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077])
def test_new_files_get_the_users_normal_permissions(tmp_path, umask, mask):
    umask(mask)
    write_bytes_atomically(tmp_path / "m.pt", b"x")
    assert stat.S_IMODE((tmp_path / "m.pt").stat().st_mode) == 0o666 & ~mask


def test_a_name_of_252_characters_is_saved_whole(tmp_path):
    """The temporary file's name stays short whatever the target's."""
    target = tmp_path / ("m" * 249 + ".pt")
    check_can_write(target)
    write_bytes_atomically(target, b"x")
    assert files_under(tmp_path) == [target.name]


def test_check_can_write_names_each_problem_before_any_work(tmp_path):
    (tmp_path / "file.pt").write_bytes(b"x")
    cases = {
        tmp_path: errno.EISDIR,
        tmp_path / "file.pt" / "x.pt": errno.ENOTDIR,
        tmp_path / ("m" * 256 + ".pt"): errno.ENAMETOOLONG,
        tmp_path / ("d" * 300) / "m.pt": errno.ENAMETOOLONG,
        Path("/" + "/".join(["a" * 200] * 25)) / "m.pt": errno.ENAMETOOLONG,  # 5,000 characters
    }
    for target, code in cases.items():
        with pytest.raises(OSError) as raised:
            check_can_write(target)
        assert raised.value.errno == code, target
    check_can_write(tmp_path / "new" / "deeper" / "m.pt")  # missing folders: the save makes them
    assert not (tmp_path / "new").exists() and files_under(tmp_path) == ["file.pt"]


def test_check_can_write_refuses_a_folder_nobody_may_write_to(tmp_path):
    with read_only(tmp_path / "locked") as locked:
        with pytest.raises(PermissionError):
            check_can_write(locked / "m.pt")
        with pytest.raises(PermissionError):
            check_can_write(locked / "sub" / "m.pt")


def test_messages_name_the_path_and_the_cause_in_one_line(tmp_path):
    (tmp_path / "file.pt").write_bytes(b"x")
    assert describe_write_error(OSError(errno.ENOSPC, "No space", str(tmp_path / "m.pt"))) == (
        f"Could not write {tmp_path / 'm.pt'}: the disk is full (or the file is larger than this disk "
        "allows)."
    )
    blocked = OSError(errno.ENOTDIR, "Not a directory", str(tmp_path / "file.pt" / "x.pt"))
    assert describe_os_error(blocked) == (
        f"{tmp_path / 'file.pt' / 'x.pt'}: {tmp_path / 'file.pt'} is a file, not a folder."
    )
    long_path = "/" + "a" * 5000 + "/m.pt"
    shown = describe_os_error(OSError(errno.ENAMETOOLONG, "File name too long", long_path))
    assert (
        len(shown) < 250
        and "…" in shown
        and shown.endswith("the path is too long (at most 255 characters per name).")
    )
    assert short_path("/short/path") == "/short/path"


def test_a_checksum_stops_inside_a_file_when_cancelled(tmp_path):
    big = tmp_path / "big"
    with big.open("wb") as f:
        f.truncate(20 << 20)
    seen = []
    with pytest.raises(CancelledError):
        md5_of(big, cancelled=lambda: bool(seen), progress=seen.append)
    assert seen == [1 << 20]  # one chunk of twenty


FULL_DISK_SAVE = """
import sys, torch
from core.models.checkpoint import save_model
from core.base.file_errors import describe_write_error
from core.models.networks import MLP
try:
    save_model(MLP(), sys.argv[1])
except OSError as exc:
    print(describe_write_error(exc))
"""


def test_a_full_disk_is_named_as_such_and_leaves_no_partial_file(tmp_path):
    target = tmp_path / "mlp.pt"
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK_SAVE, str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=file_size_limit(100_000),
        check=False,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.strip() == (
        f"Could not write {target}: the disk is full (or the file is larger than this disk allows)."
    )
    assert files_under(tmp_path) == []
