"""Draw tab and Autograd tab costs: preprocess + predict per drawing, and the LeNet graph layout.

python bench/bench_draw.py [--repeats 200]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.autograd.lab import AutogradLab
from core.autograd.layout import layered_layout
from core.data import mnist
from core.lesson.steps import AUTOGRAD_PRESETS
from core.models.checkpoint import BUNDLED_LENET, load_model
from core.models.digits import enlarge, predict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    model, _ = load_model(BUNDLED_LENET)
    test = mnist.load_sample().test
    drawings = [enlarge(test.images[i].numpy(), 280) for i in range(args.repeats)]
    predict(model, drawings[0])
    times = []
    for drawing in drawings:
        start = time.perf_counter()
        predict(model, drawing)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    lab = AutogradLab()
    start = time.perf_counter()
    outcome = lab.run(AUTOGRAD_PRESETS["LeNet with MSELoss"])
    build_ms = (time.perf_counter() - start) * 1000
    graph = outcome.graph
    start = time.perf_counter()
    layered_layout([n.id for n in graph.nodes], [(e.source, e.target) for e in graph.edges])
    layout_ms = (time.perf_counter() - start) * 1000
    nodes = [f"n{i}" for i in range(400)]
    edges = [(f"n{i}", f"n{j}") for i in range(400) for j in (2 * i + 1, 2 * i + 2) if j < 400]
    start = time.perf_counter()
    layered_layout(nodes, edges)
    layout_400_ms = (time.perf_counter() - start) * 1000
    print(
        json.dumps(
            {
                "preprocess_predict_ms_median": round(statistics.median(times), 2),
                "preprocess_predict_ms_p95": round(times[int(0.95 * len(times))], 2),
                "lenet_graph_nodes": len(graph.nodes),
                "lenet_run_and_build_ms": round(build_ms, 1),
                "lenet_layout_ms": round(layout_ms, 2),
                "layout_400_nodes_ms": round(layout_400_ms, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
