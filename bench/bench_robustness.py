"""What a red team types or opens, through the real window: how long each takes, and how late the
GUI thread's 10 ms probe fires meanwhile (the window must never stall more than 200 ms).

    QT_QPA_PLATFORM=offscreen python bench/bench_robustness.py

Each case is one of issue 41's repros: a long error, a graph of 7,000 and 10,000 nodes (Run, then
Backward), 170 variables of 200×200 float64, odd values, a hostile tensor subclass and the next
statement, and a 2 KB model file that claims 2**31 elements (File > Load).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402
from PySide6.QtCore import QEventLoop, QSettings  # noqa: E402
from PySide6.QtWidgets import QMessageBox  # noqa: E402

from bench.bench_gui import Probe  # noqa: E402
from bench.bench_kernel import wait, wait_ready  # noqa: E402
from core.kernel import KernelClient  # noqa: E402
from core.models.networks import LeNet  # noqa: E402
from gui.app.startup import create_app, freeze_startup_objects  # noqa: E402
from gui.app.window import MainWindow  # noqa: E402

LOOP = """x = torch.ones(2, 2, requires_grad=True)
y = x
for i in range({n}):
    y = y * 1.0001
out = y.sum()"""
MANY = "\n".join(f"v{i} = torch.rand(200, 200, dtype=torch.float64)" for i in range(170))
HOSTILE = """class E(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        raise RuntimeError("no")
e = torch.ones(2).as_subclass(E)"""
TENSORS = {
    "long error (10**6 characters)": "d = {}\nd['k'.ljust(10**6)]",
    "long error (4*10**7 characters)": "d = {}\nd['k'.ljust(4 * 10**7)]",
    "170 variables of 200x200 float64": MANY,
    "sparse, meta, quantized values": (
        "s = torch.eye(3).to_sparse()\nm = torch.zeros(3, device='meta')\n"
        "q = torch.quantize_per_tensor(torch.rand(3), 0.1, 0, torch.quint8)"
    ),
    "hostile __torch_function__ subclass": HOSTILE,
    "the statement after it (del e)": "del e",
}


def timed(runner, start) -> float:
    """Call ``start`` and keep the event loop running until ``runner`` is idle; return milliseconds."""
    loop = QEventLoop()
    began = time.perf_counter()
    runner.idle.connect(loop.quit)
    start()
    if runner.busy:
        loop.exec()
    runner.idle.disconnect(loop.quit)
    return (time.perf_counter() - began) * 1000


def measure(name: str, runner, start, said) -> dict[str, object]:
    probe = Probe()
    probe.start()
    elapsed = timed(runner, start)
    wait(max(0.0, 300 - elapsed))  # fast cases: the probe still gets ticks
    probe.timer.stop()
    delays = sorted(probe.delays)
    return {
        "case": name,
        "ms": round(elapsed),
        "probe_p99_ms": round(float(np.percentile(delays, 99)), 1),
        "probe_max_ms": round(max(delays), 1),
        "said": said()[:100],
    }


def main() -> None:
    app = create_app()
    folder = Path(tempfile.mkdtemp())
    settings = QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat)
    kernel = KernelClient()
    window = MainWindow(settings=settings, kernel=kernel)
    window.resize(1280, 820)
    window.show()
    app.processEvents()
    freeze_startup_objects()
    kernel.start()
    wait_ready(kernel)
    generation = kernel.generation
    tensors, autograd = window.tensors_tab, window.autograd_tab
    results = []
    window.tabs.setCurrentWidget(tensors)
    for name, code in TENSORS.items():
        said = lambda: " ".join(  # noqa: E731
            label.text() for label in (tensors.error, tensors.code_pane.note) if label.isVisible()
        )
        results.append(measure(name, tensors.runner, lambda code=code: tensors.run_code(code), said))
    window.tabs.setCurrentWidget(autograd)
    for n in (7000, 10_000):
        said = autograd.message.text
        run = lambda n=n: autograd.run_code(LOOP.format(n=n))  # noqa: E731
        results.append(measure(f"graph of {n} multiplications: Run", autograd.runner, run, said))
        results.append(measure(f"graph of {n}: Backward", autograd.runner, autograd.backward_all, said))
    huge = folder / "huge.pth"
    state = LeNet().state_dict()
    state["conv1.weight"] = torch.zeros(1).expand(2**31)
    torch.save(state, huge)

    def refusal() -> str:
        return " ".join(b.text() for b in window.findChildren(QMessageBox, "errorMessage") if b.isVisible())

    load = lambda: window.files.load_model_file(str(huge))  # noqa: E731
    size = huge.stat().st_size
    results.append(
        measure(f"File > Load: {size:,} bytes claiming 2**31 elements", window.files.runner, load, refusal)
    )
    print(json.dumps({"kernel_replaced": kernel.generation != generation, "cases": results}, indent=1))
    window.close()


if __name__ == "__main__":
    main()
