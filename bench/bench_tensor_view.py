"""How long the GUI thread takes to show a tensor in the Tensors tab's view, and to show it again.

    QT_QPA_PLATFORM=offscreen python bench/bench_tensor_view.py [--repeats 5]

"Show" is a first ``m = torch.rand(R, C)``; "re-show" runs it again, so every
cell shown has changed and is marked. Each figure is the GUI thread's time for
``show_info`` plus one synchronous repaint of the view, the median of
``--repeats`` runs. ``describe`` (what the worker thread does) is timed apart.
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
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import torch
from PySide6.QtWidgets import QApplication

from core.tensors.info import describe
from gui.widgets.tensor_view import TensorView

SHAPES = ((28, 28), (100, 100), (1000, 1000))


def shown_in_ms(view: TensorView, info) -> float:
    """Show ``info`` and paint the view at once; return the milliseconds it took."""
    start = time.perf_counter()
    view.show_info(info)
    view.repaint()
    elapsed = (time.perf_counter() - start) * 1000
    QApplication.processEvents()  # what is left (deferred deletions) must not count in the next run
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    results = {}
    for rows, cols in SHAPES:
        first, again, describe_ms = [], [], []
        for _ in range(args.repeats):
            view = TensorView()
            view.resize(900, 600)
            view.show()
            app.processEvents()
            value = torch.rand(rows, cols)
            start = time.perf_counter()
            info = describe(value, "m")
            describe_ms.append((time.perf_counter() - start) * 1000)
            first.append(shown_in_ms(view, info))
            changed = describe(torch.rand(rows, cols), "m", previous=info.values)
            again.append(shown_in_ms(view, changed))
            view.close()
            view.deleteLater()
            app.processEvents()
        name = f"{rows}x{cols}"
        results[name] = {
            "show_ms": round(statistics.median(first), 1),
            "reshow_ms": round(statistics.median(again), 1),
            "describe_ms": round(statistics.median(describe_ms), 1),
            "cells_shown": int(info.values.size),
        }
        row = results[name]
        print(
            f"{name:>9}: show {row['show_ms']:8.1f} ms, re-show {row['reshow_ms']:8.1f} ms"
            f" ({row['cells_shown']:,} cells; describe {row['describe_ms']:.1f} ms)",
            flush=True,
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
