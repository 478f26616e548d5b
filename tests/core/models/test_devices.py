import subprocess
import sys
import threading
from pathlib import Path

import pytest
import torch

from core.models.devices import CPU_THREADS, device_label, keep_this_thread_serial, use_all_cpu_threads
from tests.process_threads import thread_count


def _threads_started_by_a_parallel_op(make_serial: bool) -> int:
    """Run one op that torch splits across cores, in a fresh thread; count the threads it added."""
    added = []

    def work() -> None:
        if make_serial:
            keep_this_thread_serial()
        else:
            use_all_cpu_threads()
        before = thread_count()
        (torch.rand(4_000_000) * 2).sum()
        added.append(thread_count() - before)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return added[0]


MEASURE_IN_A_FRESH_PROCESS = """
from tests.core.models.test_devices import _threads_started_by_a_parallel_op as added
print(added(make_serial=True), added(make_serial=False))
"""


@pytest.mark.skipif(CPU_THREADS < 2 or thread_count() is None, reason="needs Linux and 2+ CPU threads")
def test_a_serial_thread_starts_no_openmp_workers_and_a_training_thread_uses_every_core():
    # In a process of its own: a torch op that an earlier test ran in this process's main
    # thread leaves OpenMP workers behind, and a later parallel op may then add none.
    result = subprocess.run(
        [sys.executable, "-c", MEASURE_IN_A_FRESH_PROCESS],
        cwd=Path(__file__).resolve().parents[3],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert result.stdout.split() == ["0", str(CPU_THREADS - 1)]


def test_the_device_label_names_the_threads_training_uses_whatever_thread_asks():
    labels = []

    def ask() -> None:
        keep_this_thread_serial()
        labels.append(device_label(torch.device("cpu")))

    thread = threading.Thread(target=ask)
    thread.start()
    thread.join()
    assert labels == [f"CPU, {CPU_THREADS} thread{'s' if CPU_THREADS != 1 else ''}"]
