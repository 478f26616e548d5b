"""Start-up: ``train --help``, launch to first paint against the import floor, Train to first point.

    python bench/bench_startup.py [--rounds 20] [--click-delay-ms 2000] [--help-runs 5]

1. ``python main.py train --help``, which must not import torch or Qt.
2. Launch to first paint: each round launches the import floor (a process that
   imports torch, PySide6 and pyqtgraph and shows an empty window) and the app
   (``python main.py``), in alternating order, each a fresh process on the
   offscreen platform with empty settings; both are timed from the start of the
   process to the end of the window's first painted frame
   (``bench/launch_probe.py``). The figure is the median of the per-round ratios
   app / floor, with its 95% bootstrap interval.
3. Train click to first point: in each app launch, the Train tab is opened
   half-way through ``--click-delay-ms`` after the first frame and, at its end
   (about the time a learner takes to open the Train tab and press Train), the
   Train button is clicked for one network on the bundled
   sample (MLP and LeNet in alternate rounds), and the time until the loss plot
   has painted the run's first point is taken; then again for a second run in
   the same session.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stats import describe_ratio, load_average, median_interval, ratio_summary

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "bench" / "launch_probe.py"
LAUNCH_TIMEOUT_S = 120


def train_help_seconds(runs: int) -> list[float]:
    """Time ``python main.py train --help`` ``runs`` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "main.py", "train", "--help"], cwd=ROOT, check=True, capture_output=True
        )
        times.append(time.perf_counter() - start)
    return times


def launch(args: list[str]) -> tuple[float, list[float]]:
    """Start the probe with ``args`` in a fresh home; return seconds to first paint, and first points."""
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(Path(home) / "config"),  # no settings from earlier launches
            "XDG_DATA_HOME": str(Path(home) / "data"),  # the log and data folder: empty
        }
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, str(PROBE), *args],
            cwd=ROOT,
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        painted, points = 0.0, []
        for line in process.stdout:
            if line.startswith("painted"):
                painted = time.perf_counter() - start
            elif line.startswith("first_point"):
                points.append(float(line.split()[1]))
        if process.wait(LAUNCH_TIMEOUT_S) != 0 or not painted:
            raise RuntimeError(f"the launch {' '.join(args)} failed (exit {process.returncode})")
        return painted, points


def summary(values: list[float]) -> dict[str, object]:
    """Median, 95% bootstrap interval of the median, and the largest value, in seconds."""
    return {
        "median_s": round(statistics.median(values), 3),
        "ci95_s": median_interval(values),
        "max_s": round(max(values), 3),
        "runs": len(values),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--click-delay-ms", type=int, default=2000)
    parser.add_argument("--help-runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {load_average()}", flush=True)
    help_times = train_help_seconds(args.help_runs)
    floor, app, ratios = [], [], []
    first_points: dict[str, dict[str, list[float]]] = {
        model: {"first_run": [], "later_run": []} for model in ("mlp", "lenet")
    }
    for r in range(args.rounds):
        model = ("mlp", "lenet")[r % 2]
        app_args = ["app", model, str(args.click_delay_ms)]
        if r % 2 == 0:
            floor_s, _ = launch(["floor"])
            app_s, points = launch(app_args)
        else:
            app_s, points = launch(app_args)
            floor_s, _ = launch(["floor"])
        floor.append(floor_s)
        app.append(app_s)
        ratios.append(app_s / floor_s)
        first_points[model]["first_run"].append(points[0])
        first_points[model]["later_run"].append(points[1])
        print(
            f"round {r + 1}: floor {floor_s:.2f} s, app {app_s:.2f} s ({app_s / floor_s:.3f}); "
            f"{model} first point {points[0]:.3f} s, then {points[1]:.3f} s",
            flush=True,
        )
    paint = ratio_summary(ratios)
    print(describe_ratio("launch to first paint, app / import floor:", paint))
    for model, runs in first_points.items():
        for which, values in runs.items():
            s = summary(values)
            print(
                f"Train click to first point, {model}, {which.replace('_', ' ')}: "
                f"median {s['median_s']:.3f} s "
                f"(95% interval {s['ci95_s'][0]:.3f}-{s['ci95_s'][1]:.3f}), max {s['max_s']:.3f} s, "
                f"{s['runs']} runs"
            )
    result = {
        "train_help_seconds_median": round(statistics.median(help_times), 3),
        "train_help_seconds_max": round(max(help_times), 3),
        "floor_first_paint_s": round(statistics.median(floor), 3),
        "app_first_paint_s": round(statistics.median(app), 3),
        "app_vs_floor": paint,
        "click_delay_ms": args.click_delay_ms,
        "first_point": {
            model: {which: summary(values) for which, values in runs.items()}
            for model, runs in first_points.items()
        },
        "load_average_after": load_average(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
