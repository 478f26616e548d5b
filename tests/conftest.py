"""Fixtures shared by the core and GUI tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.kernel_limits import TEST_KERNEL_MEMORY, TEST_KERNEL_TIME_LIMIT_S
from tests.mnist_files import SHARED_RAW, write_mnist_folder

# The suite speaks English whatever the machine's locale (Qt reads this too); the tests of the
# Chinese app, CLI and catalogues ask for Chinese themselves.
os.environ["LANGUAGE"] = "en"


def pytest_collection_modifyitems(config, items) -> None:
    """Skip the tests marked ``cuda`` where torch sees no CUDA GPU, saying so."""
    cuda_tests = [item for item in items if item.get_closest_marker("cuda")]
    if not cuda_tests:
        return
    import torch

    if torch.cuda.is_available():
        return
    reason = pytest.mark.skip(reason="needs a CUDA GPU: torch.cuda.is_available() is False here")
    for item in cuda_tests:
        item.add_marker(reason)


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


@pytest.fixture(scope="session")
def trainer():
    """One training process for the whole test run (each start costs seconds), shut down at the end."""
    from core.training.process import TrainerClient

    client = TrainerClient()
    client.start()
    yield client
    client.shutdown()
