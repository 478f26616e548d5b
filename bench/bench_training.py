"""Training throughput, side by side in one run: bare compute, the core loop, the lesson's loop.

    python bench/bench_training.py [--data-dir DIR] [--train-size N] [--rounds R]

Training only (no evaluation), samples per second at batch 32:

- **bare**: forward, backward and ``SGD.step`` on pre-normalised float batches
  already in memory, nothing else. Written here on purpose, sharing no helper
  with the project's loop: the set is normalised and shuffled before the clock
  starts, and every sample of the epoch is trained on, the last partial batch
  included, as the core loop does.
- **core**: the app's trainer (``core.training.loop``) for one epoch, reporting as
  the app has it report (every ``REPORT_INTERVAL`` batches), from its
  ``RunStarted`` event to the epoch's last progress event: shuffling, batching,
  the running loss and accuracy, the weight snapshots and stop checks included.
- **lesson**: the lesson's DataLoader with ``ToTensor`` per item, and its
  per-batch ``loss.item()`` bookkeeping.

Each round runs all three, bare and core in alternating order, so that the
machine's drift hits them alike; the figures are the medians of the per-round
ratios, with 95% bootstrap intervals.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from functools import partial
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stats import describe_ratio, load_average, ratio_summary
from core.data import mnist
from core.data.mnist import MnistData, MnistSplit
from core.models.networks import build_model
from core.training.events import BatchProgress, RunStarted
from core.training.loop import TrainConfig, TrainingRun, lesson_loader
from gui.base.progress_rates import REPORT_INTERVAL

BATCH = 32
LESSON_BATCHES = 300


def bare_batches(split: MnistSplit, seed: int) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """Normalise and shuffle the whole split once; return its batches (views, already in memory)."""
    images = split.images.to(torch.float32).div(255).unsqueeze(1)
    order = torch.randperm(len(split), generator=torch.Generator().manual_seed(seed))
    images, labels = images[order].contiguous(), split.labels[order].contiguous()
    return [(images[s : s + BATCH], labels[s : s + BATCH]) for s in range(0, len(split), BATCH)]


def bare_compute(model_name: str, batches: list[tuple[torch.Tensor, torch.Tensor]]) -> float:
    """Forward, backward and step on batches already in memory, nothing else."""
    torch.manual_seed(0)
    model = build_model(model_name)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-2)
    samples = sum(len(y) for _, y in batches)
    start = time.perf_counter()
    for x, y in batches:
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    return samples / (time.perf_counter() - start)


def core_loop(model_name: str, data: MnistData) -> float:
    """The app's trainer for one epoch: events, running loss and accuracy and stop checks included."""
    config = TrainConfig(
        model=model_name,
        epochs=1,
        batch_size=BATCH,
        device="cpu",
        data=data.name,
        report_interval=REPORT_INTERVAL,
    )
    start = time.perf_counter()
    for event in TrainingRun(config, data).events():
        if isinstance(event, RunStarted):
            start = time.perf_counter()  # the model is built: from here on it is the loop
        elif isinstance(event, BatchProgress) and event.batch == event.batches:
            return len(data.train) / (time.perf_counter() - start)
    raise RuntimeError("the run ended before its epoch did")


def lesson_loop(model_name: str, split: MnistSplit, count: int) -> float:
    """The lesson's loop: DataLoader with ToTensor per item, running loss and accuracy per batch."""
    torch.manual_seed(0)
    model = build_model(model_name)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-2)
    loader = lesson_loader(split, BATCH, 0)
    running_loss = running_acc = 0.0
    start = time.perf_counter()
    for img, label in itertools.islice(loader, count):
        out = model(img)
        loss = F.cross_entropy(out, label)
        running_loss += loss.item() * label.size(0)
        running_acc += (out.argmax(1) == label).sum().item()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return count * BATCH / (time.perf_counter() - start)


def measure(model_name: str, data: MnistData, rounds: int) -> dict[str, object]:
    """Run ``rounds`` interleaved rounds for one network; return its medians and ratios."""
    results: dict[str, list[float]] = {"bare": [], "core": [], "lesson": []}
    count = min(LESSON_BATCHES, len(data.train) // BATCH)
    for r in range(rounds):
        batches = bare_batches(data.train, seed=r)
        pair = [
            ("bare", partial(bare_compute, model_name, batches)),
            ("core", partial(core_loop, model_name, data)),
        ]
        for name, run in pair if r % 2 == 0 else reversed(pair):
            results[name].append(run())
        results["lesson"].append(lesson_loop(model_name, data.train, count))
    vs_bare = ratio_summary([c / b for c, b in zip(results["core"], results["bare"], strict=True)])
    vs_lesson = ratio_summary([c / w for c, w in zip(results["core"], results["lesson"], strict=True)])
    medians = {k: round(statistics.median(v)) for k, v in results.items()}
    print(
        f"{model_name:>5}: bare {medians['bare']:,}/s  core {medians['core']:,}/s  "
        f"lesson {medians['lesson']:,}/s\n"
        f"       {describe_ratio('core/bare', vs_bare)}\n"
        f"       {describe_ratio('core/lesson', vs_lesson)}",
        flush=True,
    )
    return {
        **{f"{k}_samples_per_s": v for k, v in medians.items()},
        "core_vs_bare": vs_bare,
        "core_vs_lesson": vs_lesson,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--train-size", type=int, default=10_000, help="images per epoch")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--model", choices=["mlp", "lenet", "both"], default="both")
    args = parser.parse_args()
    full = mnist.load_data("auto", Path(args.data_dir) if args.data_dir else None)
    n = min(args.train_size, len(full.train))
    data = MnistData(full.name, MnistSplit(full.train.images[:n], full.train.labels[:n]), full.test)
    print(
        f"torch {torch.__version__}, {torch.get_num_threads()} threads; {n} images of {full.description}, "
        f"batch {BATCH}; load average {load_average()}",
        flush=True,
    )
    names = ("mlp", "lenet") if args.model == "both" else (args.model,)
    results = {name: measure(name, data, args.rounds) for name in names}
    results["load_average_after"] = load_average()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
