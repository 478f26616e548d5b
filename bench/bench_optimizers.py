"""The Optimizers tab: how fast a race is computed, and how the window keeps up while it plays.

1. Off the GUI thread: four optimizers (SGD, momentum, RMSprop, Adam) race 600
   steps on each formula surface, and 80 on the slice of the bundled LeNet;
   reported as steps a second (all racers' steps counted), median of 5 rounds.
2. In the window (offscreen, two cores): the "momentum" story with four racers
   and 300 steps plays at one step a frame (60 a second) while a 10 ms QTimer
   probe records how late each of its ticks arrives (p50, p99, max), and each
   frame's drawing time is timed. The target: 60 steps a second with the probe's
   p99 under 16 ms.

Run: ``QT_QPA_PLATFORM=offscreen python bench/bench_optimizers.py``.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from bench.bench_gui import Probe, open_bench_window  # noqa: E402
from bench.stats import load_average  # noqa: E402
from core.data import mnist  # noqa: E402
from core.models.trained import load_bundled  # noqa: E402
from core.optimizers.network_slice import network_slice  # noqa: E402
from core.optimizers.race import OptimizerSpec, run_race  # noqa: E402
from core.optimizers.surfaces import FORMULA_SURFACES, surface  # noqa: E402
from gui.app.screenshots import _wait_until  # noqa: E402
from gui.app.startup import create_app  # noqa: E402

RACERS = [
    OptimizerSpec("sgd", 0.001),
    OptimizerSpec("momentum", 0.001, 0.9),
    OptimizerSpec("rmsprop", 0.001, beta2=0.99),
    OptimizerSpec("adam", 0.01),
]


def steps_per_second(loss, start, steps: int, rounds: int = 5) -> float:
    speeds = []
    for _round in range(rounds):
        began = time.perf_counter()
        paths = run_race(loss, start, RACERS, steps)
        taken = sum(len(path.updates) for path in paths)
        speeds.append(taken / (time.perf_counter() - began))
    return round(statistics.median(speeds))


def computing() -> dict[str, float]:
    figures = {}
    for key in FORMULA_SURFACES:
        chosen = surface(key)
        figures[f"{key}_steps_per_s"] = steps_per_second(chosen.loss, chosen.start, 600)
    bundled = load_bundled()
    began = time.perf_counter()
    sliced = network_slice(bundled.model, bundled.name, mnist.load_sample().test)
    sliced.grid(25)
    figures["slice_map_s"] = round(time.perf_counter() - began, 2)
    figures["slice_steps_per_s"] = steps_per_second(sliced.loss, sliced.start, 80, rounds=2)
    return figures


def playing() -> dict[str, float]:
    app = create_app()
    window = open_bench_window(app)
    window.questions.set_asking(False)
    tab = window.optimizers_tab
    window.tabs.setCurrentWidget(tab)
    _wait_until(lambda: tab.presets and tab.answer is not None, 30_000)
    preset = next(p for p in tab.presets if p.id == "momentum")
    tab.apply_preset(preset)
    tab.racers.set_specs(RACERS)
    tab.steps_spin.setValue(300)
    tab.compute()
    _wait_until(lambda: not tab.runner.busy and tab.answer.request == tab.request(), 30_000)
    frames: list[float] = []
    draw = tab._draw

    def timed_draw(write_out: bool = True) -> None:
        began = time.perf_counter()
        draw(write_out)
        frames.append((time.perf_counter() - began) * 1000)

    tab._draw = timed_draw
    probe = Probe()
    began = time.perf_counter()
    probe.start()
    tab.rewind()
    frames.clear()
    tab.play()
    _wait_until(lambda: not tab.playing, 60_000)
    seconds = time.perf_counter() - began
    probe.timer.stop()
    delays = sorted(probe.delays)
    window.close()
    return {
        "steps_shown": tab.shown,
        "steps_per_s_on_screen": round(tab.shown / seconds, 1),
        "frame_ms_median": round(statistics.median(frames), 2),
        "frame_ms_p99": round(sorted(frames)[int(0.99 * (len(frames) - 1))], 2),
        "probe_delay_ms_p50": round(delays[len(delays) // 2], 2),
        "probe_delay_ms_p99": round(delays[int(0.99 * (len(delays) - 1))], 2),
        "probe_delay_ms_max": round(delays[-1], 2),
    }


def main() -> None:
    torch.set_num_threads(min(2, torch.get_num_threads()))
    results = {"computing": computing(), "playing": playing(), "load_average": load_average()}
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
