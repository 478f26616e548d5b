"""Training on a CUDA GPU, side by side in one run: the project's loop, a bare loop, a CUDA graph, the GUI.

    python bench/bench_gpu.py [--rounds 5] [--batches 32 512] [--gui-rounds 6]
    python bench/bench_gpu.py --dry-run    # tiny sizes on the CPU: checks the script, measures nothing

Samples per second of training (no evaluation), for the MLP and LeNet at each
batch size, on a training set of 60,000 images (the bundled sample, repeated):

- **bare**: forward, ``cross_entropy``, ``zero_grad``, backward and
  ``SGD.step`` on batches already on the GPU, normalised and shuffled before
  the clock starts. Written here on purpose, sharing nothing with the
  project's loop but the network's definition.
- **core**: the app's trainer (``core.training.loop``) for one epoch, reporting as
  the app has it report (every ``REPORT_INTERVAL`` batches, each report one
  host sync), from its first progress event to the epoch's last.
- **graphed**: the bare loop's step captured once as a CUDA graph and replayed
  for each batch (full batches only: a graph has fixed shapes). At batch 32
  a step is a few dozen small kernels, and launching them from Python costs
  more than running them; a replay launches them all at once. This is what
  would remove the per-batch overhead from the project's loop too
  (``torch.compile(mode="reduce-overhead")`` captures such graphs itself).

Then the GUI's ratio on the GPU: the same run in the window with live plots and
headless in a process of its own, alternating (as ``bench/bench_gui.py`` does on
the CPU); each GUI run against the mean of the headless runs either side of it.

Every clock is read after ``torch.cuda.synchronize()``. Rounds are interleaved
(bare and core alternate in order) and the figures are medians of the per-round
ratios. Targets: core/bare at least 0.9, GUI/headless at least 0.9.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

if "--dry-run" in sys.argv[1:]:
    # One thread everywhere (this process, the app's window, the headless trainer): on a CPU
    # that other work keeps busy, OpenMP's barriers make a two-thread loop crawl.
    os.environ["OMP_NUM_THREADS"] = "1"

import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.data.mnist import MnistData, MnistSplit, load_data  # noqa: E402
from core.models.config import TrainConfig  # noqa: E402
from core.models.networks import build_model  # noqa: E402
from core.training.events import BatchProgress  # noqa: E402
from core.training.loop import TrainingRun  # noqa: E402
from gui.base.progress_rates import REPORT_INTERVAL  # noqa: E402

NETWORKS = ("mlp", "lenet")
TARGET = 0.9


def synchronize(device: torch.device) -> None:
    """Wait for the GPU's queued work, so that a clock read now means it is done."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def tiled(split: MnistSplit, size: int) -> MnistSplit:
    """Repeat ``split`` until it holds ``size`` images."""
    repeats = -(-size // len(split))
    return MnistSplit(split.images.repeat(repeats, 1, 1)[:size], split.labels.repeat(repeats)[:size])


def on_device(split: MnistSplit, device: torch.device, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The split normalised to floats in [0, 1], shuffled, on ``device``."""
    order = torch.randperm(len(split), generator=torch.Generator().manual_seed(seed))
    images = split.images[order].to(device).unsqueeze(1).float().div_(255)
    return images.contiguous(), split.labels[order].to(device)


def bare_loop(model_name: str, images: torch.Tensor, labels: torch.Tensor, batch: int) -> float:
    """Forward, backward and step on batches already on the device, nothing else; samples/s."""
    device = images.device
    torch.manual_seed(0)
    model = build_model(model_name).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-2)
    synchronize(device)
    start = time.perf_counter()
    for first in range(0, len(labels), batch):
        loss = F.cross_entropy(model(images[first : first + batch]), labels[first : first + batch])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    synchronize(device)
    return len(labels) / (time.perf_counter() - start)


def graphed_loop(model_name: str, images: torch.Tensor, labels: torch.Tensor, batch: int) -> float:
    """The bare loop's step captured as one CUDA graph, replayed per batch; samples/s (full batches)."""
    device = images.device
    torch.manual_seed(0)
    model = build_model(model_name).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-2)
    static_x, static_y = images[:batch].clone(), labels[:batch].clone()
    side = torch.cuda.Stream(device)
    side.wait_stream(torch.cuda.current_stream(device))
    with torch.cuda.stream(side):  # warm-up on a side stream, as capture requires
        for _ in range(3):
            optimizer.zero_grad(set_to_none=True)
            F.cross_entropy(model(static_x), static_y).backward()
            optimizer.step()
    torch.cuda.current_stream(device).wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    optimizer.zero_grad(set_to_none=True)  # backward then writes .grad from the graph's own pool
    with torch.cuda.graph(graph):
        F.cross_entropy(model(static_x), static_y).backward()
        optimizer.step()
    full = len(labels) // batch * batch
    synchronize(device)
    start = time.perf_counter()
    for first in range(0, full, batch):
        static_x.copy_(images[first : first + batch])
        static_y.copy_(labels[first : first + batch])
        graph.replay()
    synchronize(device)
    return full / (time.perf_counter() - start)


def core_loop(model_name: str, data: MnistData, batch: int, device: torch.device) -> float:
    """The app's trainer for one epoch, reporting as in the app; samples/s.

    Timed from its first progress event to the epoch's last, so that moving the
    data set to the GPU at the start of the run is left out, as the bare loop
    leaves it out.
    """
    config = TrainConfig(
        model=model_name,
        epochs=1,
        batch_size=batch,
        device=device.type,
        data=data.name,
        report_interval=REPORT_INTERVAL,
    )
    first: BatchProgress | None = None
    start = time.perf_counter()
    for event in TrainingRun(config, data).events():
        if not isinstance(event, BatchProgress):
            continue
        if first is None:
            if event.batch == event.batches:
                raise RuntimeError("the epoch is too short to time: give it more training images")
            synchronize(device)
            first, start = event, time.perf_counter()
        elif event.batch == event.batches:
            synchronize(device)
            return (len(data.train) - first.batch * batch) / (time.perf_counter() - start)
    raise RuntimeError("the run ended before its epoch did")


def median_ratio(numerators: list[float], denominators: list[float]) -> float:
    return statistics.median(n / d for n, d in zip(numerators, denominators, strict=True))


def loop_figures(data: MnistData, device: torch.device, batch: int, model_name: str, rounds: int) -> dict:
    """Interleaved rounds of bare, core (and graphed, on CUDA) for one network and batch size."""
    kinds: dict[str, Callable[[torch.Tensor, torch.Tensor], float]] = {
        "bare": lambda x, y: bare_loop(model_name, x, y, batch),
        "core": lambda x, y: core_loop(model_name, data, batch, device),
    }
    if device.type == "cuda":
        kinds["graphed"] = lambda x, y: graphed_loop(model_name, x, y, batch)
    x, y = on_device(data.train, device, seed=0)
    for run in kinds.values():  # warm-up: kernels loaded, allocator and cuBLAS/cuDNN set up
        run(x, y)
    results: dict[str, list[float]] = {name: [] for name in kinds}
    for r in range(rounds):
        x, y = on_device(data.train, device, seed=r)
        order = list(kinds) if r % 2 == 0 else list(reversed(kinds))
        for name in order:
            results[name].append(kinds[name](x, y))
    figures = {f"{name}_samples_per_s": round(statistics.median(v)) for name, v in results.items()}
    figures["core_vs_bare"] = round(median_ratio(results["core"], results["bare"]), 3)
    figures["bare_ms_per_batch"] = round(1000 * batch / statistics.median(results["bare"]), 3)
    if "graphed" in results:
        figures["graphed_vs_bare"] = round(median_ratio(results["graphed"], results["bare"]), 3)
    return figures


def gui_figures(device: torch.device, model_name: str, epochs: int, rounds: int) -> dict:
    """The window with live plots against a headless process, both training on ``device``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.bench_gui import HeadlessTrainer, gui_run, median_interval, open_bench_window
    from gui.app.startup import create_app

    window = open_bench_window(create_app())
    config = TrainConfig(
        model=model_name, epochs=epochs, device=device.type, data="sample", report_interval=REPORT_INTERVAL
    )
    headless_trainer = HeadlessTrainer(config.data, window.data_dir)
    try:
        headless_trainer.run(config)  # warm-up for both
        gui_run(window, config)
        headless: list[float] = []
        gui: list[float] = []
        for _ in range(rounds):
            headless.append(statistics.median(headless_trainer.run(config)))
            gui.append(statistics.median(e.samples_per_second for e in gui_run(window, config)))
        headless.append(statistics.median(headless_trainer.run(config)))
    finally:
        headless_trainer.close()
        window.close()
    ratios = [g / ((a + b) / 2) for g, a, b in zip(gui, headless, headless[1:], strict=False)]
    return {
        "model": model_name,
        "headless_samples_per_s": round(statistics.median(headless)),
        "gui_samples_per_s": round(statistics.median(gui)),
        "gui_vs_headless": round(statistics.median(ratios), 3),
        "gui_vs_headless_median_ci95": median_interval(ratios),
        "rounds": len(ratios),
    }


def describe_device(device: torch.device) -> str:
    if device.type != "cuda":
        return f"CPU ({torch.get_num_threads()} threads): a dry run, not a measurement"
    properties = torch.cuda.get_device_properties(device)
    return (
        f"{properties.name}, {properties.total_memory / 2**30:.0f} GiB, "
        f"{properties.multi_processor_count} SMs; CUDA {torch.version.cuda}"
    )


def verdict(ratio: float, device: torch.device) -> str:
    if device.type != "cuda":
        return "(dry run: no target)"
    return "meets the target" if ratio >= TARGET else f"BELOW the target of {TARGET}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="tiny sizes on the CPU: check the script")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batches", type=int, nargs="+", default=[32, 512])
    parser.add_argument("--train-size", type=int, default=60_000)
    parser.add_argument("--gui-rounds", type=int, default=6)
    parser.add_argument("--gui-epochs", type=int, default=2)
    parser.add_argument("--gui-model", choices=NETWORKS, default="mlp")
    parser.add_argument("--no-gui", action="store_true", help="leave out the GUI's ratio")
    args = parser.parse_args()
    began = time.perf_counter()
    if args.dry_run:
        device = torch.device("cpu")
        args.rounds, args.batches, args.train_size = 1, [32, 64], 512
        args.gui_rounds, args.gui_epochs = 1, 1
    elif not torch.cuda.is_available():
        sys.exit(
            "bench_gpu.py needs a CUDA GPU (torch.cuda.is_available() is False); --dry-run uses the CPU."
        )
    else:
        device = torch.device("cuda")
    sample = load_data("sample")
    data = MnistData("sample", tiled(sample.train, args.train_size), sample.test)
    try:
        load = f"{os.getloadavg()[0]:.2f}"
    except OSError:
        load = "unknown"
    print(
        f"{describe_device(device)}\ntorch {torch.__version__}; {len(data.train):,} training images; "
        f"{args.rounds} interleaved rounds; load average {load}",
        flush=True,
    )
    print(
        f"{'network':>8} {'batch':>6} {'bare/s':>11} {'core/s':>11} {'core/bare':>10} "
        f"{'graphed/s':>11} {'graphed/bare':>13} {'bare ms/batch':>14}"
    )
    results: dict[str, object] = {"device": describe_device(device), "torch": torch.__version__, "loops": []}
    for batch in args.batches:
        for model_name in NETWORKS:
            figures = loop_figures(data, device, batch, model_name, args.rounds)
            graphed = figures.get("graphed_samples_per_s")
            print(
                f"{model_name:>8} {batch:>6} {figures['bare_samples_per_s']:>11,} "
                f"{figures['core_samples_per_s']:>11,} {figures['core_vs_bare']:>10.3f} "
                f"{graphed if graphed is not None else '-':>11} "
                f"{figures.get('graphed_vs_bare', '-'):>13} {figures['bare_ms_per_batch']:>14}"
                f"   core/bare {verdict(figures['core_vs_bare'], device)} "
                f"[{time.perf_counter() - began:.0f} s]",
                flush=True,
            )
            results["loops"].append({"model": model_name, "batch": batch, **figures})
    if not args.no_gui:
        gui = gui_figures(device, args.gui_model, args.gui_epochs, args.gui_rounds)
        print(
            f"GUI ({gui['model']}, batch 32, live plots): {gui['gui_samples_per_s']:,}/s against headless "
            f"{gui['headless_samples_per_s']:,}/s: gui/headless {gui['gui_vs_headless']:.3f} "
            f"(95% interval {gui['gui_vs_headless_median_ci95']}, {gui['rounds']} rounds), "
            f"{verdict(gui['gui_vs_headless'], device)} [{time.perf_counter() - began:.0f} s]",
            flush=True,
        )
        results["gui"] = gui
    print(json.dumps(results))


if __name__ == "__main__":
    main()
