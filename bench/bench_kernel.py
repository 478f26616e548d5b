"""Typed code in its own process: Run to result, restart, memory, and the GUI thread meanwhile.

    QT_QPA_PLATFORM=offscreen python bench/bench_kernel.py [--runs 30]

All through the real window, as a learner uses it:

1. The window is shown and the kernel started as ``run_app`` does; the time
   until the kernel is ready.
2. Run to result for ``x = torch.rand(5, 3)`` in the Tensors tab: from
   ``run_code`` (what Enter and the Run button call) to the end of the job,
   after the tab has shown the result. The first Run, then ``--runs`` more.
3. Memory once warm: the app's resident memory and the kernel's (resident
   and unique), before and after the kernel started.
4. Restart: the kernel is killed (SIGKILL, as the time limit and Stop do);
   the time until a fresh one is ready.
5. Each hostile statement of the lesson's testers, run in the Tensors tab
   with a 10 ms QTimer probe in the GUI thread, from Run until a fresh kernel
   is ready again where the statement cost the kernel (at least 0.5 s): how
   late the probe fires.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402

from bench.bench_gui import Probe  # noqa: E402
from core.kernel import KernelClient, KernelConfig  # noqa: E402
from gui.app.startup import create_app, freeze_startup_objects  # noqa: E402
from gui.app.window import MainWindow  # noqa: E402

CODE = "x = torch.rand(5, 3)"
PROBE_AT_LEAST_MS = 500
HOSTILE = (
    "x = torch.ones(10**6)",
    "x.untyped_storage().resize_(0)\ny = x + 1",
    "[0 for nn.Linear.forward in [nn.Identity.forward]]",
    "del torch.cat",
    "torch.cat: int = None",
    "for F.cross_entropy in [F.mse_loss]: pass",
    "with torch.no_grad() as torch.cat: pass",
    "torch.cuda.CUDAPluggableAllocator('/some/lib.so', 'a', 'b')",
    "torch.frombuffer(b'\\n', dtype=torch.uint8)[0] = 88",
    "torch.autograd.set_detect_anomaly(True)",
    "x = 3**10000\nfor i in range(17):\n    x = x * x",
    "torch.tensor(range(10**8))",
    "torch.ones(1).expand(10**6, 10**6).sum()",
    "xs = [torch.ones(10**8, dtype=torch.float64) for i in range(60)]",
    "big = np.ones((10**4, 1)) * np.ones((1, 10**5))",
    "a = np.zeros(10)\na.resize(10**9, refcheck=False)",
    "s = 'x'.ljust(2*10**9)",
    "s = np.int64(10**9) * 'ab'",
)


def wait(ms: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(int(ms), loop.quit)
    loop.exec()


def wait_ready(kernel: KernelClient) -> float:
    """Keep the event loop running until the kernel is ready; return the seconds it took."""
    started = time.perf_counter()
    while not kernel.wait_ready(0):
        wait(5)
    return time.perf_counter() - started


def run_to_result(window: MainWindow, code: str) -> float:
    """Run ``code`` in the Tensors tab; return the milliseconds until its job has ended."""
    tab = window.tensors_tab
    loop = QEventLoop()
    started = time.perf_counter()
    tab.runner.idle.connect(loop.quit)
    tab.run_code(code)
    loop.exec()
    tab.runner.idle.disconnect(loop.quit)
    return (time.perf_counter() - started) * 1000


def memory_mb(pid: int) -> dict[str, float]:
    info = psutil.Process(pid).memory_full_info()
    return {"rss": round(info.rss / 2**20), "uss": round(info.uss / 2**20)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--time-limit", type=float, default=KernelConfig().time_limit_s)
    args = parser.parse_args()
    app = create_app()
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    kernel = KernelClient(KernelConfig(time_limit_s=args.time_limit))
    window = MainWindow(settings=settings, kernel=kernel)
    window.resize(1280, 820)
    window.show()
    app.processEvents()
    freeze_startup_objects()
    wait(500)  # the window settles, as it does before a learner can type
    app_before = memory_mb(os.getpid())
    kernel.start()
    startup_s = wait_ready(kernel)
    results: dict[str, object] = {"kernel_ready_after_start_s": round(startup_s, 2)}

    first = run_to_result(window, CODE)
    later = [run_to_result(window, CODE) for _ in range(args.runs)]
    assert window.tensors_tab.view.info.name == "x", window.tensors_tab.error.text()
    results["run_to_result_ms"] = {
        "first": round(first, 1),
        "later_median": round(statistics.median(later), 1),
        "later_p95": round(float(np.percentile(later, 95)), 1),
        "later_max": round(max(later), 1),
    }
    results["memory_mb"] = {
        "app_before_kernel": app_before,
        "app_with_kernel": memory_mb(os.getpid()),
        "kernel": memory_mb(kernel.pid),
    }

    restarts = []
    for _ in range(3):
        generation = kernel.generation
        psutil.Process(kernel.pid).kill()
        started = time.perf_counter()
        while kernel.generation == generation:
            wait(5)
        wait_ready(kernel)
        restarts.append(time.perf_counter() - started)
    results["restart_after_kill_s"] = [round(s, 2) for s in restarts]
    results["first_run_after_restart_ms"] = round(run_to_result(window, CODE), 1)

    probes = []
    error = window.tensors_tab.error
    for code in HOSTILE:
        generation = kernel.generation
        probe = Probe()
        probe.start()
        elapsed = run_to_result(window, code)
        if kernel.generation != generation:
            wait_ready(kernel)
        wait(max(0.0, PROBE_AT_LEAST_MS - elapsed))  # fast statements: the probe still gets ticks
        probe.timer.stop()
        delays = sorted(probe.delays)
        probes.append(
            {
                "code": code.replace("\n", "; "),
                "run_ms": round(elapsed),
                "kernel_replaced": kernel.generation != generation,
                "probe_p99_ms": round(float(np.percentile(delays, 99)), 1),
                "probe_max_ms": round(max(delays), 1),
                "said": error.text()[:90] if error.isVisible() else "",
            }
        )
    results["probe_during_hostile_statements"] = probes
    window.close()
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
