"""The CLI under faults: real signals to a real process, paths it cannot write, a disk that fills up."""

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from core.models.checkpoint import load_model
from tests.faulty_server import FILES, TRICKLE, FaultyServer
from tests.file_faults import file_size_limit, files_under, make_read_only, make_writable, read_only

ROOT = Path(__file__).resolve().parents[2]
LONG = "/tmp/" + "/".join(["a" * 200] * 25)  # 5,000 characters


def environment(home: Path) -> dict[str, str]:
    return {**os.environ, "PYTORCH_BASICS_DATA": str(home)}


def run_cli(*args, home, preexec_fn=None):
    return subprocess.run(
        [sys.executable, "main.py", *map(str, args)],
        cwd=ROOT,
        env=environment(home),
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=preexec_fn,
        check=False,
    )


def one_line(result, pattern):
    """The command failed with one line on stderr that matches ``pattern``, and no traceback."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr
    lines = [line for line in result.stderr.replace("\r", "\n").splitlines() if line.strip()]
    assert re.fullmatch(pattern, lines[-1]), lines[-1]
    return lines[-1]


class Running:
    """A CLI process whose stdout and stderr are read as they come, so a test can act mid-way."""

    def __init__(self, *args, home):
        self.process = subprocess.Popen(
            [sys.executable, "main.py", *map(str, args)],
            cwd=ROOT,
            env=environment(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.out, self.err = [], []
        self.readers = [
            threading.Thread(target=self._read, args=(stream, into), daemon=True)
            for stream, into in ((self.process.stdout, self.out), (self.process.stderr, self.err))
        ]
        for reader in self.readers:
            reader.start()

    @staticmethod
    def _read(stream, into):
        while chunk := stream.read(1):
            into.append(chunk)

    def wait_for(self, pattern, stream="out", timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = "".join(self.out if stream == "out" else self.err)
            if re.search(pattern, text):
                return
            assert self.process.poll() is None, "".join(self.err)
            time.sleep(0.02)
        raise AssertionError(f"{pattern!r} never came")

    def finish(self, timeout=120):
        code = self.process.wait(timeout)
        for reader in self.readers:
            reader.join(5)
        self.process.stdout.close()
        self.process.stderr.close()
        return code, "".join(self.out), "".join(self.err)


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143)])
def test_a_signal_during_a_download_ends_it_cleanly_with_no_partial_file(tmp_path, signum, code):
    data_dir = tmp_path / "data"
    with FaultyServer(TRICKLE, interval=0.2) as server:
        cli = Running("data", "download", "--mirror", server.url, "--data-dir", data_dir, home=tmp_path)
        cli.wait_for(r"train-images-idx3-ubyte\.gz: +0% of", stream="err")
        assert files_under(data_dir)  # the partial download is there...
        cli.process.send_signal(signum)
        returned, _, err = cli.finish()
    assert returned == code and err.rstrip().endswith("Stopped.") and "Traceback" not in err
    assert files_under(data_dir) == []  # ...and gone


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGHUP, 129)])
def test_a_signal_during_an_import_ends_it_cleanly_with_no_partial_file(tmp_path, shared_raw, signum, code):
    data_dir = tmp_path / "data"
    cli = Running("data", "import", shared_raw, "--data-dir", data_dir, home=tmp_path)
    cli.wait_for(r"train-images-idx3-ubyte: +\d+% of", stream="err")  # copying, after the checks
    cli.process.send_signal(signum)
    returned, _, err = cli.finish()
    assert returned == code and err.rstrip().endswith("Stopped.") and "Traceback" not in err
    assert files_under(data_dir) == []


@pytest.mark.slow
def test_a_save_path_that_cannot_work_is_refused_before_training(tmp_path):
    (tmp_path / "file.pt").write_bytes(b"x")
    cases = [
        (tmp_path, rf"error: Cannot save the model to {tmp_path}: it is a folder, not a file\. .*"),
        (
            tmp_path / "file.pt" / "x.pt",
            r"error: Cannot save .*/file\.pt/x\.pt: .*/file\.pt is a file, not a folder\. .*",
        ),
        (tmp_path / ("m" * 256 + ".pt"), r"error: Cannot save .*: the path is too long .*"),
        (LONG + "/m.pt", r"error: Cannot save the model to /tmp/aaa+…a+/m\.pt: the path is too long .*"),
    ]
    with read_only(tmp_path / "locked") as locked:
        cases.append((locked / "m.pt", r"error: Cannot save .*/locked/m\.pt: permission denied: .*"))
        for path, pattern in cases:
            started = time.monotonic()
            result = run_cli("train", "--epochs", "50", "--save", path, home=tmp_path / "home")
            one_line(result, pattern)
            assert result.stdout == ""  # not one batch trained
            assert time.monotonic() - started < 30


@pytest.mark.slow
def test_a_valid_name_of_252_characters_is_saved(tmp_path, tiny_data_dir):
    save = tmp_path / ("m" * 249 + ".pt")
    result = run_cli(
        *("train", "--epochs", "1", "--data", "full", "--data-dir", tiny_data_dir, "--save", save),
        home=tmp_path / "home",
    )
    assert result.returncode == 0, result.stderr
    assert load_model(save)[1]["config"]["epochs"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == [save.name]


@pytest.mark.slow
def test_a_save_that_fails_after_training_keeps_the_model_in_the_data_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    home = tmp_path / "home"
    cli = Running("train", "--epochs", "1", "--data", "sample", "--save", out / "mlp.pt", home=home)
    cli.wait_for(r"^Data: ")  # the destination was checked: the folder is writable now
    cli.process.send_signal(signal.SIGSTOP)
    try:
        make_read_only(out)
    except BaseException:  # a skip, where root cannot be refused
        cli.process.kill()
        cli.finish()
        raise
    try:
        cli.process.send_signal(signal.SIGCONT)
        returned, _stdout, err = cli.finish()
    finally:
        make_writable(out)
    kept = files_under(home / "models")
    assert returned == 1 and len(kept) == 1 and re.fullmatch(r"mlp-\d{8}-\d{6}\.pt", kept[0])
    assert err.strip() == (
        f"error: Could not save the model to {out / 'mlp.pt'}: permission denied: choose a folder you "
        f"may write to. The trained model is kept in {home / 'models' / kept[0]}; copy it from there."
    )
    _, meta = load_model(home / "models" / kept[0])
    assert meta["config"]["epochs"] == 1 and files_under(out) == []


@pytest.mark.slow
def test_a_full_disk_after_training_says_so_in_one_line(tmp_path, tiny_data_dir):
    result = run_cli(
        *("train", "--epochs", "1", "--data", "full", "--data-dir", tiny_data_dir),
        *("--save", tmp_path / "out" / "mlp.pt"),
        home=tmp_path / "home",
        preexec_fn=file_size_limit(200_000),
    )
    one_line(
        result,
        r"error: Could not save the model to .*/out/mlp\.pt: the disk is full \(or the file is larger than "
        r"this disk allows\); nor keep it in .*/models/mlp-\d{8}-\d{6}\.pt: the disk is full .*\. "
        r"The trained model is lost\.",
    )
    assert "inline_container" not in result.stderr
    assert files_under(tmp_path / "out") == [] and files_under(tiny_data_dir / "models") == []


@pytest.mark.slow
def test_data_folders_that_cannot_be_used_get_one_line_not_a_traceback(tmp_path, shared_raw):
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    one_line(
        run_cli("data", "download", home=a_file),
        rf"error: Could not write {a_file}/MNIST/raw: {a_file} is a file, not a folder\.",
    )
    with read_only(tmp_path / "locked") as locked:
        one_line(
            run_cli("data", "import", shared_raw, "--data-dir", locked, home=tmp_path / "home"),
            rf"error: Could not write {locked}/MNIST/raw: permission denied: choose a folder you may write "
            r"to\.",
        )
    too_long = r"error: /tmp/aaa+…a+.*: the path is too long \(at most 255 characters per name\)\."
    one_line(run_cli("data", "info", "--data-dir", LONG, home=tmp_path / "home"), too_long)
    one_line(run_cli("evaluate", LONG + "/m.pt", home=tmp_path / "home"), too_long)


@pytest.mark.slow
def test_the_users_mirror_is_tried_first(tmp_path, shared_raw):
    with FaultyServer(FILES, folder=shared_raw) as mirror:
        result = run_cli(
            "data", "download", "--mirror", mirror.url, "--data-dir", tmp_path / "d", home=tmp_path
        )
    assert result.returncode == 0, result.stderr
    assert "In use: full MNIST (60,000 train / 10,000 test)" in result.stdout
    assert mirror.requests == 4  # each file from the user's mirror, none from torchvision's


@pytest.mark.slow
def test_a_download_onto_a_full_disk_says_so_and_leaves_nothing(tmp_path, shared_raw):
    data_dir = tmp_path / "d"
    with FaultyServer(FILES, folder=shared_raw) as mirror:
        result = run_cli(
            *("data", "download", "--mirror", mirror.url, "--data-dir", data_dir),
            home=tmp_path / "home",
            preexec_fn=file_size_limit(2_000_000),
        )
    one_line(
        result,
        rf"error: Could not write {data_dir}/MNIST/raw/train-images-idx3-ubyte\.gz: the disk is full "
        r"\(or the file is larger than this disk allows\)\.",
    )
    assert files_under(data_dir) == []
