"""The kernel's cost per cell over plain Python, on tutorial-sized cells.

    python bench/bench_kernel_cells.py [--rounds 20]

Each cell runs ``--rounds`` times through the real kernel (request to reply,
as the Tensors tab asks) and as plain ``exec`` in this process; the table gives
the medians and the kernel's extra milliseconds. Run it from the project's
folder; it prints one line a cell.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SETUP = (
    "import torch\nfrom torch import nn\nfrom torch.nn import functional as F\n"
    "torch.manual_seed(0)\nnet = Net()\nmlp = Neuralnetwork(28 * 28, 300, 100, 10)\n"
    "opt = torch.optim.SGD(mlp.parameters(), lr=0.01)\n"
    "images = torch.randn(64, 1, 32, 32)\nlabels = torch.randint(0, 10, (64,))\nflat = torch.randn(64, 784)"
)
CELLS = {
    "tensor ops": "x = torch.rand(5, 3)\ny = torch.rand(5, 3)\nz = (x + y).t() @ x\nz.sum().item()",
    "LeNet forward": "out = net(torch.randn(1, 1, 32, 32))\nout.shape",
    "LeNet forward+backward": (
        "out = net(images)\nloss = F.cross_entropy(out, labels)\nnet.zero_grad()\nloss.backward()"
    ),
    "MLP training step": (
        "loss = F.cross_entropy(mlp(flat), labels)\nopt.zero_grad()\nloss.backward()\nopt.step()\nloss.item()"
    ),
    "a small class and loop": (
        "class Acc:\n    def __init__(self):\n        self.n = 0\n"
        "    def add(self, v):\n        self.n += v\n"
        "a = Acc()\nfor i in range(1000):\n    a.add(i)\na.n"
    ),
}


def main() -> None:
    """Print the medians for each cell, in the kernel and in plain Python."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    from core.kernel import KernelClient, RemotePlayground
    from core.models.networks import MLP, Net

    kernel = KernelClient()
    kernel.start()
    assert kernel.wait_ready(120)
    playground = RemotePlayground(kernel)
    outcome = playground.run(SETUP)
    assert outcome.error is None, outcome.error
    names = {"Net": Net, "Neuralnetwork": MLP}
    exec(SETUP, names)
    print(f"{'cell':28} {'kernel ms':>10} {'plain ms':>10} {'extra ms':>10}")
    for title, code in CELLS.items():
        in_kernel, plain = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            outcome = playground.run(code)
            in_kernel.append(time.perf_counter() - started)
            if outcome.error:  # an older kernel refused it
                break
            started = time.perf_counter()
            exec(code, names)
            plain.append(time.perf_counter() - started)
        if len(plain) < rounds:
            print(f"{title:28} {'refused':>10}")
            continue
        k, p = statistics.median(in_kernel) * 1000, statistics.median(plain) * 1000
        print(f"{title:28} {k:10.2f} {p:10.2f} {k - p:10.2f}")
    kernel.shutdown()


if __name__ == "__main__":
    main()
