"""Peak memory of a full-MNIST training run, and whether it grows from epoch to epoch.

python bench/bench_memory.py [--model mlp] [--epochs 3] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.data import mnist
from core.training.events import EpochEnd
from core.training.loop import TrainConfig, TrainingRun


def memory_mb() -> tuple[float, float]:
    """Return (current RSS, peak RSS) of this process in MB, from /proc."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="mlp")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--data", default="full")
    parser.add_argument("--data-dir", default=None)
    args = parser.parse_args()
    data = mnist.load_data(args.data, Path(args.data_dir) if args.data_dir else None)
    config = TrainConfig(model=args.model, epochs=args.epochs, device="cpu", data=data.name)
    per_epoch = []
    for event in TrainingRun(config, data).events():
        if isinstance(event, EpochEnd):
            rss, peak = memory_mb()
            per_epoch.append(round(rss, 1))
            print(f"epoch {event.epoch}: RSS {rss:.1f} MB, peak {peak:.1f} MB", flush=True)
    rss, peak = memory_mb()
    print(
        json.dumps(
            {
                "data": data.description,
                "model": args.model,
                "rss_per_epoch_mb": per_epoch,
                "growth_first_to_last_mb": round(per_epoch[-1] - per_epoch[0], 1),
                "peak_mb": round(peak, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
