"""A long session in one kernel: 200 runs of mixed statements (values, errors, odd values, prints,
graphs and backward) leave its memory and its answers' sizes flat, and its variables intact."""

from __future__ import annotations

import psutil
import pytest

from core.kernel import RemoteAutogradLab, RemotePlayground
from core.process.problems import KernelProblem

TENSORS = (
    "a = torch.rand(200, 200, dtype=torch.float64)",
    "b = a @ a.T\nb.mean()",
    "c = torch.zeros(3, device='meta')",
    "d = {}\nd['k'.ljust(10**5)]",  # a KeyError whose message is 100,000 characters long
    "print('x' * 50_000)",
    "e = torch.eye(4).to_sparse()",
    "for i in range(20):\n    f = torch.ones(i + 1)",
    "undefined_name + 1",
    "g = np.arange(12).reshape(3, 4)",
    "del f",
)
GRAPH = (
    "x = torch.ones(2, requires_grad=True)\ny = x\nfor i in range(2000):\n    y = y * 1.0001\nout = y.sum()"
)
RUNS = 200


@pytest.mark.slow
def test_200_mixed_runs_keep_the_kernels_memory_and_answers_flat(kernel):
    playground, lab = RemotePlayground(kernel), RemoteAutogradLab(kernel)
    playground.reset()
    generation = kernel.generation
    memory: list[int] = []
    sizes: list[int] = []
    for run in range(RUNS):
        if run % 7 == 6:  # the Autograd tab, between the Tensors tab's runs
            outcome = lab.run(GRAPH) if run % 14 == 6 else lab.backward()
        else:
            outcome = playground.run(TENSORS[run % len(TENSORS)])
        assert not isinstance(outcome, KernelProblem), (run, outcome)
        sizes.append(kernel.last_reply_bytes)
        memory.append(psutil.Process(kernel.pid).memory_info().rss)
    assert kernel.generation == generation  # never replaced
    names = [row.name for row in playground.run("a.shape").variables]
    assert names[:3] == ["a", "b", "c"] and "f" not in names
    warm = memory[RUNS // 4]
    assert max(memory[RUNS // 4 :]) - warm < 64 << 20, [m >> 20 for m in memory[:: RUNS // 10]]
    first, last = sizes[: RUNS // 2], sizes[RUNS // 2 :]
    assert max(last) <= 1.01 * max(first) and max(sizes) < 2 << 20, (max(first), max(last))
    print(f"kernel RSS {warm >> 20} -> {memory[-1] >> 20} MB; largest answer {max(sizes):,} bytes")
