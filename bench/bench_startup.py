"""How fast ``python main.py train --help`` answers (heavy imports must wait until needed).

python bench/bench_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "main.py", "train", "--help"], cwd=ROOT, check=True, capture_output=True
        )
        times.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "train_help_seconds_median": round(statistics.median(times), 3),
                "train_help_seconds_max": round(max(times), 3),
            }
        )
    )


if __name__ == "__main__":
    main()
