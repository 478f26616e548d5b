"""The GUI while it trains: throughput against the headless loop, event-loop delay, memory.

    QT_QPA_PLATFORM=offscreen python bench/bench_gui.py [--epochs 3] [--long-epochs 20]
        [--model mlp|lenet] [--data sample|full --data-dir DIR]

1. The same MLP run on the bundled sample (or full MNIST), headless (another process with no Qt,
   training in its main thread as the CLI does) and in the window with live
   plots (the app trains in its training process), alternating for several
   rounds. This machine's speed drifts by up to 2x within a minute, so each GUI
   run is compared with the mean of the headless runs right before and right
   after it; the figure is the median of those ratios, with its quartiles and a
   95% bootstrap interval for the median. Before timing, the Draw tab reads a
   digit, as in a lesson: that runs the network in the GUI thread. The GUI
   thread's own CPU time during those runs is given per second of run.
2. During another GUI run, a 10 ms QTimer probe: how late it fires (p50, p99, max).
3. A long run (20 epochs): memory after epoch 2 and after the last epoch, of the
   app's process and of its training process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QSettings, QTimer, Slot  # noqa: E402

from bench.bench_memory import memory_mb  # noqa: E402
from bench.stats import load_average, median_interval  # noqa: E402
from core.base.paths import default_data_dir  # noqa: E402
from core.models.config import TrainConfig  # noqa: E402
from core.training.events import EpochEnd  # noqa: E402
from gui.app.startup import create_app, freeze_startup_objects  # noqa: E402
from gui.app.window import MainWindow  # noqa: E402
from gui.base.progress_rates import REPORT_INTERVAL  # noqa: E402


class Probe:
    """A 10 ms timer that records how late each tick arrives."""

    def __init__(self) -> None:
        self.delays: list[float] = []
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        self.delays.append(max(0.0, (now - self.last) * 1000 - 10))
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()


class EpochCollector(QObject):
    """Receive the run's events in the GUI thread and keep the epoch ends."""

    def __init__(self, on_epoch=None) -> None:
        super().__init__()
        self.epochs: list[EpochEnd] = []
        self.on_epoch = on_epoch

    @Slot(object)
    def on_event(self, event: object) -> None:
        if isinstance(event, EpochEnd):
            self.epochs.append(event)
            if self.on_epoch:
                self.on_epoch(event)


def gui_run(window: MainWindow, config: TrainConfig, on_epoch=None) -> list[EpochEnd]:
    collector = EpochCollector(on_epoch)
    tab = window.train_tab
    tab.apply_config(config)
    tab.start_training()
    tab.runner.worker.event.connect(collector.on_event)
    loop = QEventLoop()
    tab.runner.idle.connect(loop.quit)
    loop.exec()
    tab.runner.idle.disconnect(loop.quit)
    return collector.epochs


def open_bench_window(app, data_dir: Path | None = None) -> MainWindow:
    """The app's window at its default size on the Train tab, with scratch settings, as a learner
    sees it after drawing one digit (so the Draw tab's model and plots are warm)."""
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, data_dir=data_dir)
    window.resize(1280, 820)
    window.show()
    window.tabs.setCurrentWidget(window.train_tab)
    app.processEvents()
    freeze_startup_objects()
    read_a_digit(window)
    return window


def read_a_digit(window: MainWindow) -> None:
    """Draw a "1" on the Draw tab's canvas and let the network read it."""
    tab = window.draw_tab
    deadline = time.monotonic() + 60
    while window.hub.current is None and time.monotonic() < deadline:  # the bundled model loads in a worker
        QCoreApplication.processEvents()
        time.sleep(0.01)
    side = tab.canvas.pixels().shape[0]
    one = np.zeros((side, side), dtype=np.uint8)
    one[side // 5 : side * 4 // 5, side * 9 // 20 : side * 11 // 20] = 255
    tab.canvas.set_pixels(one)
    tab.update_prediction()
    if tab.current_probabilities() is None:
        raise RuntimeError("the Draw tab did not read the digit")


HEADLESS_TRAINER = """
import json, sys
from pathlib import Path
sys.path.insert(0, '.')
from core.data.mnist import load_data
from core.training.events import EpochEnd
from core.training.loop import TrainConfig, TrainingRun
data = load_data(sys.argv[1], Path(sys.argv[2]))
for line in sys.stdin:  # one JSON config per line, one JSON list of epoch throughputs back
    config = TrainConfig(**json.loads(line))
    rates = [e.samples_per_second for e in TrainingRun(config, data).events() if isinstance(e, EpochEnd)]
    print(json.dumps(rates), flush=True)
"""


class HeadlessTrainer:
    """A Qt-free process that trains in its main thread, as ``python main.py train`` does."""

    def __init__(self, data: str, data_dir: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HEADLESS_TRAINER, data, str(data_dir)],
            cwd=ROOT,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def run(self, config: TrainConfig) -> list[float]:
        """Train once with ``config``; return each epoch's samples per second."""
        self.process.stdin.write(json.dumps(config.to_dict()) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        """End the process."""
        self.process.stdin.close()
        self.process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--long-epochs", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=24)
    parser.add_argument("--model", choices=["mlp", "lenet"], default="mlp")
    parser.add_argument(
        "--data",
        choices=["sample", "full"],
        default="sample",
        help="the bundled sample (10,000 images: epochs of a quarter second for the MLP, so the "
        "window's work at each epoch's end weighs most) or full MNIST, the lesson's",
    )
    parser.add_argument("--data-dir", type=Path, help="where full MNIST is (see `main.py data import`)")
    args = parser.parse_args()
    app = create_app()
    data_dir = args.data_dir or default_data_dir()
    window = open_bench_window(app, data_dir)
    config = TrainConfig(
        model=args.model, epochs=args.epochs, device="cpu", data=args.data, report_interval=REPORT_INTERVAL
    )

    headless_trainer = HeadlessTrainer(args.data, data_dir)
    headless_trainer.run(config)  # warm-up for both: first runs pay for lazy initialisation
    gui_run(window, config)
    headless: list[float] = []
    gui: list[float] = []
    gui_seconds = gui_cpu_seconds = 0.0
    load_before = load_average()
    for _ in range(args.rounds):
        headless.append(statistics.median(headless_trainer.run(config)))
        started, cpu_started = time.perf_counter(), time.thread_time()
        gui.append(statistics.median(e.samples_per_second for e in gui_run(window, config)))
        gui_seconds += time.perf_counter() - started
        gui_cpu_seconds += time.thread_time() - cpu_started  # this thread: the GUI thread
    headless.append(statistics.median(headless_trainer.run(config)))
    headless_trainer.close()
    # Each GUI run against the mean of the headless runs on either side of it: a steady drift cancels out.
    pair_ratios = sorted(
        g / ((before + after) / 2) for g, before, after in zip(gui, headless, headless[1:], strict=False)
    )
    # The probe is a measurement of its own: its 100 ticks a second are work the app never does.
    probe = Probe()
    probe.start()
    gui_run(window, config)
    probe.timer.stop()
    delays = sorted(probe.delays)

    memory: dict[int, float] = {}
    trainer_memory: dict[int, float] = {}
    trainer_process = psutil.Process(window.trainer.pid)

    def remember(event: EpochEnd) -> None:
        memory[event.epoch] = memory_mb()[0]
        trainer_memory[event.epoch] = trainer_process.memory_info().rss / 2**20

    long_config = config.with_changes(epochs=args.long_epochs)
    gui_run(window, long_config, remember)
    window.close()
    result = {
        "model": args.model,
        "data": args.data,
        "headless_samples_per_s": round(statistics.median(headless)),
        "gui_samples_per_s": round(statistics.median(gui)),
        "gui_vs_headless": round(statistics.median(pair_ratios), 3),
        "gui_vs_headless_quartiles": [round(q, 3) for q in statistics.quantiles(pair_ratios, n=4)[::2]],
        "gui_vs_headless_median_ci95": median_interval(pair_ratios),
        "gui_vs_headless_pairs": [round(r, 2) for r in pair_ratios],
        "gui_thread_cpu_ms_per_s": round(1000 * gui_cpu_seconds / gui_seconds, 1),
        "load_average_before_after": [load_before, load_average()],
        "probe_delay_ms_p50": round(delays[len(delays) // 2], 2),
        "probe_delay_ms_p99": round(delays[int(0.99 * (len(delays) - 1))], 2),
        "probe_delay_ms_max": round(delays[-1], 2),
        "probe_ticks": len(delays),
        "rss_mb_after_epoch_2": round(memory[2], 1),
        f"rss_mb_after_epoch_{args.long_epochs}": round(memory[args.long_epochs], 1),
        "rss_growth_mb": round(memory[args.long_epochs] - memory[2], 1),
        "trainer_rss_mb_after_epoch_2": round(trainer_memory[2], 1),
        f"trainer_rss_mb_after_epoch_{args.long_epochs}": round(trainer_memory[args.long_epochs], 1),
        "trainer_rss_growth_mb": round(trainer_memory[args.long_epochs] - trainer_memory[2], 1),
        "plot_points": window.train_tab.history.point_count(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
