"""The exported script against the app's own run, same settings: the same lines, and the time of an epoch.

    python bench/bench_export.py [--model mlp|lenet] [--rounds R]

Each round runs ``main.py train --epochs 1 --data sample --export-script`` (the
app's loop, headless) and then the script it wrote, each in a fresh process,
and reads both outputs as they arrive. An epoch's time is measured the same
way for both, from outside: from the last line printed before training
(the app's ``Model:`` line, the script's ``print(model)``) to the ``Finish``
line, so the evaluation is left out and imports and data loading too.
The lesson's lines must be equal; the times are compared as the median ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSON_PREFIXES = ("epoch", "*", "[", "Finish", "Test")


def timed_lines(command: list[str], cwd: Path) -> list[tuple[float, str]]:
    """Run ``command`` unbuffered; return each line of its output with the time it arrived."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, text=True, bufsize=1)
    lines = [(time.perf_counter(), line.rstrip("\n")) for line in process.stdout]
    if process.wait() != 0:
        raise SystemExit(f"{command} failed with exit code {process.returncode}")
    return lines


def epoch_seconds(lines: list[tuple[float, str]], before_training: str) -> float:
    """Return the time from the last line starting with ``before_training`` to the ``Finish`` line."""
    start = [t for t, line in lines if line.startswith(before_training)][-1]
    end = next(t for t, line in lines if line.startswith("Finish"))
    return end - start


def lesson_lines(lines: list[tuple[float, str]]) -> list[str]:
    return [line for _t, line in lines if line.startswith(LESSON_PREFIXES)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=("mlp", "lenet"), default="mlp")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "run.py"
        for _round in range(args.rounds):
            train = ["train", "--epochs", "1", "--data", "sample", "--model", args.model]
            app = timed_lines([sys.executable, "-u", "main.py", *train, "--export-script", str(script)], ROOT)
            exported = timed_lines([sys.executable, "-u", "-I", str(script)], Path(folder))
            same = lesson_lines(app) == lesson_lines(exported)
            app_s = epoch_seconds(app, "Model:")
            script_s = epoch_seconds(exported, ")")  # print(model) ends with ")"
            results.append({"same_lines": same, "app_s": app_s, "script_s": script_s})
            print(json.dumps(results[-1]), flush=True)
            if not same:
                print("app:", lesson_lines(app), "\nscript:", lesson_lines(exported))
        print("lines of the last round:", *lesson_lines(exported), sep="\n  ")
    ratios = [r["script_s"] / r["app_s"] for r in results]
    summary = {
        "model": args.model,
        "rounds": args.rounds,
        "all_lines_equal": all(r["same_lines"] for r in results),
        "app_epoch_s_median": round(statistics.median(r["app_s"] for r in results), 2),
        "script_epoch_s_median": round(statistics.median(r["script_s"] for r in results), 2),
        "script_over_app_median": round(statistics.median(ratios), 3),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
