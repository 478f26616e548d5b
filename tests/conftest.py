"""Fixtures shared by the core and GUI tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.mnist_files import SHARED_RAW, write_mnist_folder

# The kernel the tests share: generous time for ordinary statements on a busy 2-core machine,
# and a memory budget small enough that the memory tests stay quick.
TEST_KERNEL_TIME_LIMIT_S = 10.0
TEST_KERNEL_MEMORY = 1024**3
SHORT_TIME_LIMIT_S = 1.0


@pytest.fixture
def tiny_data_dir(tmp_path: Path) -> Path:
    """A data folder holding a tiny full set in torchvision's layout (200 train, 50 test)."""
    data_dir = tmp_path / "data"
    write_mnist_folder(data_dir / "MNIST" / "raw", compressed=False)
    return data_dir


@pytest.fixture
def shared_raw() -> Path:
    """The real MNIST files beside the project; skip when they are not there."""
    if not all(
        (SHARED_RAW / f).is_file() for f in ["train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    ):
        pytest.skip("../shared/data/MNIST/raw is not beside the project")
    return SHARED_RAW


@pytest.fixture(scope="session")
def kernel():
    """One kernel process for the whole test run (each start costs seconds), shut down at the end."""
    from core.kernel import KernelClient, KernelConfig

    config = KernelConfig(time_limit_s=TEST_KERNEL_TIME_LIMIT_S, memory_budget=TEST_KERNEL_MEMORY)
    client = KernelClient(config)
    client.start()
    yield client
    client.shutdown()


@pytest.fixture
def short_time_limit(kernel):
    """The shared kernel with a 1-second limit per request, for the tests that run into it."""
    config = kernel.config
    kernel.config = dataclasses.replace(config, time_limit_s=SHORT_TIME_LIMIT_S)
    yield kernel
    kernel.config = config
