"""The Results tab's costs: the epoch's test pass, the weight copies, and the GUI as results arrive.

    QT_QPA_PLATFORM=offscreen python bench/bench_results.py [--data-dir DIR] [--rounds R]

1. The test pass at each epoch's end, on the whole test split (10,000 images
   with full MNIST): the loss and accuracy alone, as before, against
   ``predict_split``, which also keeps every prediction for the matrix.
2. The training loop with the first layer's weights copied out four times a
   second against the same loop sending none (interleaved rounds, median ratio).
3. The Results tab fed real epoch ends and weight copies as a run sends them:
   the time from an epoch's end reaching the tab to the matrix and the gallery
   painted, and a 10 ms QTimer probe's lateness meanwhile (p50, p99, max).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402

from bench.bench_gui import Probe  # noqa: E402
from core.data import mnist  # noqa: E402
from core.data.mnist import to_unit_float  # noqa: E402
from core.models.config import TrainConfig  # noqa: E402
from core.models.networks import build_model  # noqa: E402
from core.models.weight_images import first_layer  # noqa: E402
from core.training.evaluation import predict_split  # noqa: E402
from core.training.events import EpochEnd, LayerWeights, RunStarted  # noqa: E402
from core.training.loop import TrainingRun  # noqa: E402


@torch.no_grad()
def loss_and_accuracy(model, split) -> tuple[float, float]:
    """The test pass as it was: loss and accuracy only."""
    model.eval()
    loss_sum, correct = torch.zeros(()), torch.zeros((), dtype=torch.long)
    for start in range(0, len(split), 1000):
        out = model(to_unit_float(split.images[start : start + 1000]))
        labels = split.labels[start : start + 1000]
        loss_sum += F.cross_entropy(out, labels, reduction="sum")
        correct += (out.argmax(1) == labels).sum()
    return loss_sum.item() / len(split), correct.item() / len(split)


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def test_pass(data, rounds: int) -> dict:
    results = {}
    for name in ("mlp", "lenet"):
        model = build_model(name)
        before, now = [], []
        for _ in range(rounds):
            before.append(timed(loss_and_accuracy, model, data.test))
            now.append(timed(predict_split, model, data.test, torch.device("cpu")))
        results[name] = {
            "loss_and_accuracy_ms": round(statistics.median(before) * 1000, 1),
            "predict_split_ms": round(statistics.median(now) * 1000, 1),
        }
    return results


def loop_with_and_without_weights(data, rounds: int) -> dict:
    def one(name: str, every: float | None) -> float:
        config = TrainConfig(model=name, epochs=1, batch_size=32, device="cpu", data=data.name)
        run = TrainingRun(config, data)
        run.layer_weights_every = every
        for event in run.events():
            if isinstance(event, EpochEnd):
                return event.samples_per_second
        raise RuntimeError("no epoch ended")

    results = {}
    for name in ("mlp", "lenet"):
        ratios, rates = [], []
        for _ in range(rounds):
            without = one(name, None)
            with_weights = one(name, 0.25)
            ratios.append(with_weights / without)
            rates.append((with_weights, without))
        results[name] = {
            "with_weights_vs_without": round(statistics.median(ratios), 3),
            "samples_per_s_with": round(statistics.median(r[0] for r in rates)),
            "samples_per_s_without": round(statistics.median(r[1] for r in rates)),
        }
    return results


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def gui_updates(data, data_dir: Path | None, seconds: float) -> dict:
    from gui.app.startup import create_app
    from gui.app.window import MainWindow

    app = create_app()
    settings = QSettings(str(Path(os.devnull)), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, data_dir=data_dir)
    window.resize(1280, 820)
    window.show()
    window.show_results()
    tab = window.results_tab
    tab.show_training_event(
        RunStarted("cpu", "CPU", data.name, data.description, len(data.train), len(data.test), 1, 1, 1)
    )
    while tab.data is None or tab.data.name != data.name:  # the tab loads the run's data set
        wait(100)
    results = {}
    for name in ("mlp", "lenet"):
        model = build_model(name)
        _loss, predictions = predict_split(model, data.test, torch.device("cpu"))
        layer, weights = first_layer(model)
        latencies = []
        probe = Probe()
        probe.start()
        started = time.perf_counter()
        epoch = 0
        while time.perf_counter() - started < seconds:
            for _ in range(4):  # four weight copies a second, as the loop sends them
                tab.show_training_event(LayerWeights(1, 1, layer, weights * (1 + 0.01 * epoch)))
                wait(250)
            epoch += 1
            event = EpochEnd(epoch, 99, 0.1, 0.9, 0.1, predictions.accuracy, 1.0, 1000.0, predictions)
            start = time.perf_counter()
            tab.show_training_event(event)
            tab.matrix_view.repaint()
            tab.gallery.repaint()
            latencies.append(time.perf_counter() - start)
        probe.timer.stop()
        delays = sorted(probe.delays)
        results[name] = {
            "epoch_end_to_painted_ms_max": round(max(latencies) * 1000, 1),
            "epoch_end_to_painted_ms_median": round(statistics.median(latencies) * 1000, 1),
            "probe_delay_ms_p50": round(delays[len(delays) // 2], 2),
            "probe_delay_ms_p99": round(delays[int(0.99 * (len(delays) - 1))], 2),
            "probe_delay_ms_max": round(delays[-1], 2),
            "test_images": len(predictions),
        }
    window.close()
    app.processEvents()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--gui-seconds", type=float, default=10.0)
    args = parser.parse_args()
    data = mnist.load_data("auto", Path(args.data_dir) if args.data_dir else None)
    print(f"{data.description}; torch {torch.__version__}, {torch.get_num_threads()} threads", flush=True)
    results = {"test_pass": test_pass(data, args.rounds)}
    print(json.dumps(results["test_pass"]), flush=True)
    results["gui"] = gui_updates(data, Path(args.data_dir) if args.data_dir else None, args.gui_seconds)
    print(json.dumps(results["gui"]), flush=True)
    sample = mnist.load_sample()
    results["loop"] = loop_with_and_without_weights(sample, max(1, args.rounds // 2))
    print(json.dumps(results["loop"]), flush=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
