"""The window under faults: junk settings, Cancel in every job, closing mid-job, models that lie."""

import gc
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch
from PySide6.QtCore import QSettings, Qt

from core.data import mnist
from core.data.fetch import NetworkLimits
from core.models.checkpoint import save_model
from core.models.config import TrainConfig
from core.models.networks import MLP, LeNet
from gui.base.jobs import stop_all_jobs
from gui.base.progress_rates import REPORT_INTERVAL
from gui.train.data_panel import DataPanel
from gui.train.settings_form import SETTINGS_KEY
from tests.faulty_server import HEADERS_THEN_STALL, STALL, TRICKLE, FaultyServer
from tests.file_faults import files_under
from tests.gui.waiting import wait_idle
from tests.settings_fuzz import junk_ini_bytes, junk_settings_json, junk_value

ROOT = Path(__file__).resolve().parents[3]
QUICK = NetworkLimits(timeout_s=1.0, stall_s=1.5, min_progress_bytes=1024, poll_s=0.1)
LONG_RUN = TrainConfig(model="lenet", epochs=5, batch_size=32, device="cpu", data="sample")


# ----- settings ---------------------------------------------------------------------------------
def fuzzed_settings(path: Path, rng: random.Random) -> QSettings:
    """A settings file of junk: raw bytes, or Qt's own format holding values of any type."""
    if rng.random() < 0.4:
        path.write_bytes(junk_ini_bytes(rng))
        return QSettings(str(path), QSettings.Format.IniFormat)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in (
        (SETTINGS_KEY, rng.choice([junk_settings_json(rng), junk_value(rng), b"\x00\xff"])),
        ("ui/language", rng.choice(["zh_CN", "fr", junk_value(rng), b"\x01"])),
        ("window/geometry", rng.choice([b"garbage", "garbage", junk_value(rng), 12])),
    ):
        too_large = isinstance(value, int) and abs(value) >= 2**63  # more than Qt stores: its digits, then
        settings.setValue(key, str(value) if too_large else value)
    settings.sync()
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.mark.qt_log_level_fail("CRITICAL")  # Qt itself warns about the junk it reads
def test_the_window_always_starts_whatever_the_settings_file_holds(
    qtbot, tmp_path, tiny_data_dir, kernel, trainer
):
    from gui.app.window import MainWindow

    rng = random.Random(2121)
    for index in range(12):
        settings = fuzzed_settings(tmp_path / f"settings-{index}.ini", rng)
        window = MainWindow(settings=settings, data_dir=tiny_data_dir, kernel=kernel, trainer=trainer)
        qtbot.addWidget(window)
        window.show()
        form, config = window.train_tab.form, window.train_tab.config()
        config.validate()
        for spin in (form.epochs_spin, form.batch_spin, form.lr_spin, form.seed_spin):
            assert spin.minimum() <= spin.value() <= spin.maximum()
        window.close()
        stop_all_jobs(5000)
        gc.collect()  # in this thread, as the window fixture does: not later in a job's thread


DAMAGED_PICKLE = r"@Variant(\0\0\0\x7f\0\0\0\x18PySide::PyObjectWrapper\0\0\0\0\x10\x80\x4\x95)"


def test_values_that_cannot_even_be_read_count_as_absent(
    qtbot, tmp_path, tiny_data_dir, kernel, trainer, caplog
):
    """PySide unpickles a value stored as a Python object; a damaged one raises as it is read."""
    from gui.app.window import MainWindow

    path = tmp_path / "settings.ini"
    path.write_text(
        f"[train]\nsettings={DAMAGED_PICKLE}\n[ui]\nlanguage={DAMAGED_PICKLE}\n"
        f"[window]\ngeometry={DAMAGED_PICKLE}\n[lesson]\ndone={DAMAGED_PICKLE}\ncurrent={DAMAGED_PICKLE}\n",
        encoding="latin-1",
    )
    window = MainWindow(
        settings=QSettings(str(path), QSettings.Format.IniFormat),
        data_dir=tiny_data_dir,
        kernel=kernel,
        trainer=trainer,
    )
    qtbot.addWidget(window)
    assert window.train_tab.config() == TrainConfig(report_interval=REPORT_INTERVAL)
    unreadable = [r.getMessage() for r in caplog.records if "cannot be read" in r.getMessage()]
    assert 4 <= len(unreadable) <= 5 and any("lesson/done" in line for line in unreadable), unreadable
    assert window.lesson_tab.done == set() and window.lesson_tab.cells.currentRow() == 0
    window.close()


APP_WITH_STORED_SETTINGS = """
import sys
from PySide6.QtCore import QTimer
from gui.app.startup import create_app, run_app

app = create_app()
QTimer.singleShot(1500, app.closeAllWindows)
sys.exit(run_app())
"""


@pytest.mark.slow
def test_the_app_starts_with_a_seed_too_large_for_its_box_and_nested_json(tmp_path):
    """The user's own settings file, as the app finds it; each refused value is one line in the log."""
    config = tmp_path / "config"
    native = config / "PyTorchBasics" / "PyTorch Basics.conf"
    native.parent.mkdir(parents=True)
    settings = QSettings(str(native), QSettings.Format.IniFormat)
    settings.setValue(SETTINGS_KEY, '{"seed": 3000000000, "epochs": 7, "lr": NaN, "model": [[[[]]]]}')
    settings.setValue("ui/language", "[" * 100_000)
    settings.sync()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTORCH_BASICS_DATA": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(config),
    }
    result = subprocess.run(
        [sys.executable, "-c", APP_WITH_STORED_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    log = (tmp_path / "data" / "logs" / "pytorch-basics.log").read_text(encoding="utf-8")
    refused = [line for line in log.splitlines() if "Stored setting" in line]
    assert len(refused) == 4, refused
    assert any("seed = 3000000000 is not accepted" in line for line in refused)
    assert any("ui/language" in line for line in refused)
    assert '"epochs": 7' in QSettings(str(native), QSettings.Format.IniFormat).value(SETTINGS_KEY)


# ----- Cancel in every job ----------------------------------------------------------------------
@pytest.fixture
def panel(qtbot, tmp_path):
    """The data panel on an empty data folder, its start-up check done."""
    data_panel = DataPanel(tmp_path / "data")
    qtbot.addWidget(data_panel)
    wait_idle(qtbot, data_panel.runner, 10_000)
    return data_panel


def cancel_and_time(qtbot, panel) -> float:
    started = time.monotonic()
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, panel.runner, 10_000)
    return time.monotonic() - started


def test_cancel_stops_an_import_within_a_second_and_keeps_nothing(qtbot, panel, shared_raw):
    panel.import_from(shared_raw)
    assert panel.cancel_button.isVisible() or panel.runner.busy
    qtbot.waitUntil(lambda: panel.progress.value() > 0, timeout=10_000)
    assert cancel_and_time(qtbot, panel) < 1
    assert panel.status.text() == "Cancelled; nothing was kept."
    assert files_under(panel.data_dir) == [] and not panel.full_available


@pytest.mark.parametrize("mode", [STALL, HEADERS_THEN_STALL, TRICKLE])
def test_cancel_stops_a_download_within_a_second_whatever_the_mirror_does(qtbot, panel, mode):
    with FaultyServer(mode, interval=0.3) as server:
        panel.mirrors = [server.url]
        panel.download()
        qtbot.waitUntil(lambda: server.requests == 1, timeout=10_000)
        assert cancel_and_time(qtbot, panel) < 1
    assert panel.status.text() == "Cancelled; nothing was kept."
    assert files_under(panel.data_dir) == []


def test_a_stalled_download_fails_with_the_mirror_and_the_reason_named(qtbot, panel):
    with FaultyServer(STALL) as server, qtbot.waitSignal(panel.error_reported, timeout=10_000) as failed:
        panel.mirrors = [server.url]
        panel.network_limits = QUICK
        panel.download()
    wait_idle(qtbot, panel.runner, 10_000)
    assert failed.args[0] == "MNIST could not be fetched"
    assert f"{server.url}train-images-idx3-ubyte.gz: nothing arrived for 1 seconds" in failed.args[1]
    assert files_under(panel.data_dir) == []


def test_stop_ends_a_statement_in_the_kernel_within_a_second(qtbot, window):
    from tests.gui.test_kernel_tabs import HUNG

    tab = window.tensors_tab
    tab.run_code(HUNG)
    qtbot.waitUntil(lambda: window.kernel.running_line == 2, timeout=60_000)
    started = time.monotonic()
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner, 10_000)
    assert time.monotonic() - started < 1


# ----- what the status says ---------------------------------------------------------------------
def test_an_import_that_ends_during_a_run_changes_nothing_the_run_shows_until_it_ends(
    qtbot, settings, tmp_path, kernel, trainer, shared_raw
):
    from gui.app.window import MainWindow

    window = MainWindow(settings=settings, data_dir=tmp_path / "data", kernel=kernel, trainer=trainer)
    qtbot.addWidget(window)
    tab, panel = window.train_tab, window.train_tab.data_panel
    wait_idle(qtbot, panel.runner, 10_000)
    panel.import_from(shared_raw)
    tab.apply_config(LONG_RUN)
    tab.start_training()
    assert panel.runner.busy and tab.runner.busy  # the import was still running when the run started
    wait_idle(qtbot, panel.runner, 60_000)
    assert panel.full_available and tab.runner.busy
    qtbot.waitUntil(lambda: tab.started is not None, timeout=30_000)
    assert panel.choice() == "sample" and panel.combo.currentText() == "Bundled sample (10,000 images)"
    assert window.data_status.text() == "Data: bundled MNIST sample (10,000 train / 2,000 test)"
    assert "The run in progress keeps its data; the next run uses full MNIST." in panel.status.text()
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, tab.runner, 10_000)
    assert panel.choice() == "full" and window.data_status.text() == "Data: Full MNIST"
    assert panel.status.text().startswith("Full MNIST is ready in")
    window.close()


# ----- models that lie --------------------------------------------------------------------------
def bad_checkpoints(folder: Path) -> dict[str, tuple[Path, str]]:
    """Model files that must be refused, each with the words that say why."""
    folder.mkdir()
    cases = {
        "high.pt": ({"metrics": {"test_accuracy": "high"}}, "metrics.test_accuracy is 'high'"),
        "huge.pt": ({"metrics": {"test_accuracy": 10**400}}, "metrics.test_accuracy is 1000000"),
        "oops.pt": ({"metrics": "oops"}, "metadata.metrics is 'oops', not a table of values"),
        "junk.pt": ({"junk": torch.zeros(5_000_000)}, "more than any network of this app needs"),
    }
    made = {}
    for name, (metadata, words) in cases.items():
        save_model(LeNet(), folder / name, metadata)
        made[name] = (folder / name, words)
    nan = MLP()
    with torch.no_grad():
        nan.layer1.weight[0, 0] = float("nan")
    save_model(nan, folder / "nan.pt", {"metrics": {"test_accuracy": 0.9}})
    made["nan.pt"] = (folder / "nan.pt", "the weight layer1.weight holds NaN or infinite values")
    return made


def test_a_model_that_lies_is_refused_and_every_label_keeps_naming_the_one_in_use(qtbot, window, tmp_path):
    good = tmp_path / "good.pt"
    save_model(MLP(activation="relu"), good, {"metrics": {"test_accuracy": 0.5}})
    window.files.load_model_file(str(good))
    wait_idle(qtbot, window.files.runner, 10_000)
    in_use = window.hub.current
    assert in_use.source == "good.pt"
    expected = "MLP (ReLU), loaded from good.pt, test accuracy 50.00%"
    for name, (path, words) in bad_checkpoints(tmp_path / "bad").items():
        window.files.load_model_file(str(path))
        wait_idle(qtbot, window.files.runner, 10_000)
        message = window.statusBar().currentMessage()
        assert message.startswith(f"{name} cannot be used: ") and words in message, message
        assert window.hub.current is in_use
        assert window.model_status.text() == f"Model: {expected}"
        assert window.draw_tab.model_label.text() == f"Answering: {expected}"


# ----- closing the window mid-job ---------------------------------------------------------------
CLOSE_DURING = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from gui.app.window import MainWindow
from gui.app.startup import create_app, run_app

JOB, SOURCE, HOW = sys.argv[1], sys.argv[2], sys.argv[3]


def window():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def close():
    print("closing", time.time(), flush=True)
    if HOW == "window":
        window().close()  # else the test sends a signal now


def when(condition, then):
    if condition():
        then()
    else:
        QTimer.singleShot(10, lambda: when(condition, then))


def start():
    tab = window().train_tab
    panel = tab.data_panel
    if panel.runner.busy:  # the start-up check of the data folder
        QTimer.singleShot(20, start)
        return
    if JOB == "import":
        panel.import_from(Path(SOURCE))
        when(lambda: panel.progress.value() > 0, close)
    else:  # a download from a mirror that never answers
        panel.mirrors = [SOURCE]
        panel.download()
        QTimer.singleShot(1000, close)


create_app()
QTimer.singleShot(0, start)
sys.exit(run_app())
"""


def close_during(tmp_path: Path, job: str, source: str, how: str = "window") -> float:
    """Run the app, start ``job``, then close it (``how``: the window, or a signal's name); return the
    seconds from the close to the process's end."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTORCH_BASICS_DATA": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    with subprocess.Popen(
        [sys.executable, "-c", CLOSE_DURING, job, source, how],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as app:
        try:
            line = app.stdout.readline()
            closing = float(line.split()[1]) if line.startswith("closing") else float("nan")
            if how != "window":
                app.send_signal(getattr(signal, how))
            _, stderr = app.communicate(timeout=60)
            exited = time.time()
        finally:
            app.kill()
    assert app.returncode == 0, stderr
    assert "QThread" not in stderr and "Traceback" not in stderr, stderr
    return exited - closing


@pytest.mark.slow
@pytest.mark.parametrize("job", ["import", "download"])
def test_closing_the_window_mid_job_exits_zero_within_two_seconds_leaving_no_partial_file(
    tmp_path, shared_raw, job
):
    with FaultyServer(STALL) as stalled:
        source = {"import": str(shared_raw), "download": stalled.url}[job]
        seconds = close_during(tmp_path, job, source)
    assert seconds < 2
    assert files_under(mnist.raw_folder(tmp_path / "data")) == []


@pytest.mark.slow
@pytest.mark.parametrize("how", ["SIGTERM"])
def test_a_termination_signal_closes_the_app_as_the_window_would(tmp_path, shared_raw, how):
    assert close_during(tmp_path, "import", str(shared_raw), how) < 2
    assert files_under(mnist.raw_folder(tmp_path / "data")) == []
