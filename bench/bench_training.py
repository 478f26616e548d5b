"""Training throughput, side by side in one run: bare compute, the core loop, the lesson's loop.

    python bench/bench_training.py [--data-dir DIR] [--batches N] [--rounds R]

Machines are noisy: compare the ratios printed here, within one run, never
absolute figures across runs. Each measurement is repeated ``--rounds`` times,
interleaved, and the best round counts.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core import data as mnist  # noqa: E402
from core.data import MnistData, MnistSplit  # noqa: E402
from core.events import BatchProgress  # noqa: E402
from core.models import build_model  # noqa: E402
from core.training import TrainConfig, TrainingRun, lesson_loader  # noqa: E402

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
        if isinstance(event, BatchProgress):
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
    parser.add_argument("--train-size", type=int, default=20_000, help="images per core-loop epoch")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    full = mnist.load_data("auto", Path(args.data_dir) if args.data_dir else None)
    n = min(args.train_size, len(full.train))
    data = MnistData(full.name, MnistSplit(full.train.images[:n], full.train.labels[:n]), full.test)
    count = n // BATCH
    batches = [(torch.mul(data.train.images[i * BATCH:(i + 1) * BATCH].unsqueeze(1), 1 / 255),
                data.train.labels[i * BATCH:(i + 1) * BATCH]) for i in range(count)]
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; {n} images of {full.description}, "
          f"batch {BATCH}")
    results = {}
    for model_name in ("mlp", "lenet"):
        best = {"bare": 0.0, "core": 0.0, "lesson": 0.0}
        for _ in range(args.rounds):
            best["bare"] = max(best["bare"], bare_compute(model_name, batches))
            best["core"] = max(best["core"], core_loop(model_name, data))
            best["lesson"] = max(best["lesson"], lesson_loop(model_name, data.train, min(count, 300)))
        results[model_name] = {
            **{f"{k}_samples_per_s": round(v) for k, v in best.items()},
            "core_vs_lesson": round(best["core"] / best["lesson"], 2),
            "core_vs_bare": round(best["core"] / best["bare"], 3),
        }
        print(f"{model_name:>5}: bare {best['bare']:,.0f}/s  core {best['core']:,.0f}/s  "
              f"lesson {best['lesson']:,.0f}/s  -> core/lesson {results[model_name]['core_vs_lesson']}x, "
              f"core/bare {results[model_name]['core_vs_bare']}", flush=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
