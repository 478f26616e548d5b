"""Training throughput, side by side in one run: bare compute, the core loop, the lesson's loop.

    python bench/bench_training.py [--data-dir DIR] [--train-size N] [--rounds R]

Machines are noisy: compare the ratios printed here, within one run, never
absolute figures across runs. Each measurement is repeated ``--rounds`` times,
interleaved, and the median of the per-round ratios counts.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core import data as mnist
from core.data import MnistData, MnistSplit
from core.events import BatchProgress, RunStarted
from core.models import build_model
from core.training import TrainConfig, TrainingRun, lesson_loader, to_unit_float

BATCH = 32


def bare_compute(model_name: str, batches: list[tuple[torch.Tensor, torch.Tensor]]) -> float:
    """Forward, backward and step on batches already in memory, nothing else."""
    torch.manual_seed(0)
    model = build_model(model_name)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-2)
    start = time.perf_counter()
    for x, y in batches:
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    return len(batches) * BATCH / (time.perf_counter() - start)


def core_loop(model_name: str, data: MnistData) -> float:
    """The app's trainer: events, accuracy counting and stop checks included."""
    config = TrainConfig(model=model_name, epochs=1, batch_size=BATCH, device="cpu", data=data.name)
    start, seen = time.perf_counter(), 0
    for event in TrainingRun(config, data).events():
        if isinstance(event, RunStarted):
            start = time.perf_counter()  # the data is in place: from here on it is the loop
        elif isinstance(event, BatchProgress):
            seen = event.batch * BATCH
            if event.batch == event.batches:
                return len(data.train) / (time.perf_counter() - start)
    return seen / (time.perf_counter() - start)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--train-size", type=int, default=10_000, help="images per core-loop epoch")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    full = mnist.load_data("auto", Path(args.data_dir) if args.data_dir else None)
    n = min(args.train_size, len(full.train))
    data = MnistData(full.name, MnistSplit(full.train.images[:n], full.train.labels[:n]), full.test)
    count = n // BATCH
    batches = [
        (
            to_unit_float(data.train.images[i * BATCH : (i + 1) * BATCH]),
            data.train.labels[i * BATCH : (i + 1) * BATCH],
        )
        for i in range(count)
    ]
    print(
        f"torch {torch.__version__}, {torch.get_num_threads()} threads; {n} images of {full.description}, "
        f"batch {BATCH}"
    )
    results = {}
    for model_name in ("mlp", "lenet"):
        rounds = {"bare": [], "core": [], "lesson": []}
        for _ in range(args.rounds):  # interleaved: machine noise hits all three alike
            rounds["bare"].append(bare_compute(model_name, batches))
            rounds["core"].append(core_loop(model_name, data))
            rounds["lesson"].append(lesson_loop(model_name, data.train, min(count, 300)))
        vs_bare = statistics.median(c / b for c, b in zip(rounds["core"], rounds["bare"], strict=True))
        vs_lesson = statistics.median(c / w for c, w in zip(rounds["core"], rounds["lesson"], strict=True))
        medians = {k: statistics.median(v) for k, v in rounds.items()}
        results[model_name] = {
            **{f"{k}_samples_per_s": round(v) for k, v in medians.items()},
            "core_vs_lesson": round(vs_lesson, 2),
            "core_vs_bare": round(vs_bare, 3),
        }
        print(
            f"{model_name:>5}: bare {medians['bare']:,.0f}/s  core {medians['core']:,.0f}/s  "
            f"lesson {medians['lesson']:,.0f}/s  -> core/lesson {vs_lesson:.2f}x, core/bare {vs_bare:.3f} "
            f"(medians of {args.rounds} interleaved rounds)",
            flush=True,
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
