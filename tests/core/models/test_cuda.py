"""The CUDA path on a real GPU: training, checkpoints, typed code in the kernel, running out of memory.

Every test here is marked ``cuda``: where torch sees no CUDA GPU it is skipped
with the reason (tests/conftest.py). ``scripts/gpu_check.sh`` runs them on a
machine that has one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import fields
from pathlib import Path

import numpy as np
import psutil
import pytest
import torch

from core.data.mnist import load_data
from core.kernel import KernelClient, KernelConfig, RemotePlayground
from core.models.checkpoint import save_model
from core.models.config import TrainConfig
from core.models.trained import load_trained
from core.tensors.playground import PlaygroundOutcome
from core.training.events import BatchProgress, Failed, Finished, RunStarted
from core.training.loop import TrainingRun, evaluate
from tests.kernel_limits import TEST_KERNEL_MEMORY, TEST_KERNEL_TIME_LIMIT_S

pytestmark = pytest.mark.cuda

ROOT = Path(__file__).resolve().parents[3]
READY_S = 120
OUT_OF_MEMORY = "The device ran out of memory. Use a smaller batch size, or train on the CPU."
# The bundled sample: 10,000 training images, so one epoch at batch 32 is 313 batches.
SAMPLE_RUN = TrainConfig(epochs=1, batch_size=32, lr=0.05, momentum=0.9, device="cuda", data="sample")


@pytest.fixture(scope="module")
def sample():
    return load_data("sample")


def train(config: TrainConfig, data) -> tuple[TrainingRun, list]:
    run = TrainingRun(config, data)
    return run, list(run.events())


def assert_plain(event) -> None:
    """An event leaves the loop as plain data: nothing in it may hold on to the GPU."""
    for field in fields(event):
        value = getattr(event, field.name)
        assert not isinstance(value, torch.Tensor), (type(event).__name__, field.name)
        if isinstance(value, np.ndarray):
            assert value.dtype != object


@pytest.mark.parametrize("model", ["mlp", "lenet"])
def test_both_networks_train_a_few_hundred_batches_on_cuda(sample, model):
    config = SAMPLE_RUN.with_changes(model=model, activation="relu")
    run, events = train(config, sample)
    started, final = events[0], events[-1]
    assert isinstance(started, RunStarted) and started.device == "cuda"
    assert started.device_label.startswith("CUDA: ") and started.batches == 313
    assert isinstance(final, Finished), final
    progress = [e for e in events if isinstance(e, BatchProgress)]
    assert progress[-1].batch == 313 and all(np.isfinite(e.loss) for e in progress)
    for event in events:
        assert_plain(event)
    assert final.test_accuracy > 0.85 and final.samples_per_second > 0  # 0.93 and 0.90 on the CPU
    assert all(p.device.type == "cuda" for p in run.model.parameters())
    # The same weights on the CPU give the same test metrics.
    cpu_model = run.model.to("cpu")
    loss, accuracy = evaluate(cpu_model, sample.test, torch.device("cpu"))
    assert abs(accuracy - final.test_accuracy) < 0.005 and abs(loss - final.test_loss) < 1e-3


def test_augmented_training_draws_its_randomness_on_the_gpu(sample):
    config = SAMPLE_RUN.with_changes(model="lenet", augment=True, epochs=1)
    _run, events = train(config, sample)
    assert isinstance(events[-1], Finished), events[-1]
    assert events[-1].test_accuracy > 0.8


def test_a_checkpoint_of_a_cuda_run_loads_where_there_is_no_gpu(sample, tmp_path):
    config = SAMPLE_RUN.with_changes(model="lenet")
    run, events = train(config, sample)
    final = events[-1]
    assert isinstance(final, Finished)
    saved = tmp_path / "lenet.pt"
    save_model(run.model, saved, {"config": config.to_dict()})
    # A file whose weights are CUDA tensors (as torch.save writes a model left on the GPU).
    on_gpu = tmp_path / "lenet-cuda.pt"
    payload = torch.load(saved, weights_only=True)
    payload["state_dict"] = {name: t.to("cuda") for name, t in payload["state_dict"].items()}
    torch.save(payload, on_gpu)
    # The lesson's own way: torch.save(net.state_dict(), path), the network still on the GPU.
    lesson_file = tmp_path / "net.pkl"
    torch.save(run.model.state_dict(), lesson_file)
    assert next(iter(torch.load(lesson_file, weights_only=True).values())).is_cuda
    for path in (saved, on_gpu, lesson_file):
        loaded = load_trained(path)
        assert all(p.device.type == "cpu" for p in loaded.model.parameters())
        _, accuracy = evaluate(loaded.model, sample.test, torch.device("cpu"))
        assert abs(accuracy - final.test_accuracy) < 0.005
    # In a process that sees no GPU at all, both load too.
    probe = (
        "import sys\nfrom core.models.trained import load_trained\n"
        "for path in sys.argv[1:]:\n"
        "    m = load_trained(path).model\n"
        "    print(next(m.parameters()).device, m.training)\n"
    )
    environment = {**os.environ, "CUDA_VISIBLE_DEVICES": ""}
    result = subprocess.run(
        [sys.executable, "-c", probe, str(saved), str(on_gpu), str(lesson_file)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["cpu", "False"] * 3


@pytest.fixture
def gpu_nearly_full():
    """Take all but 64 MiB of the GPU's free memory (a list of one tensor: clear it to give it back)."""
    torch.cuda.init()
    torch.cuda.empty_cache()
    free, _total = torch.cuda.mem_get_info()
    held = [torch.empty(free - 64 * 1024**2, dtype=torch.uint8, device="cuda")]
    yield held
    held.clear()
    torch.cuda.empty_cache()


def test_running_out_of_gpu_memory_while_training_gives_the_message_and_the_next_run_trains(
    sample, gpu_nearly_full
):
    # LeNet on the whole sample in one batch needs several hundred MiB for its activations.
    config = SAMPLE_RUN.with_changes(model="lenet", batch_size=10_000)
    run, events = train(config, sample)
    failed = events[-1]
    assert isinstance(failed, Failed) and failed.message == OUT_OF_MEMORY
    assert "OutOfMemoryError" in failed.detail
    assert all(torch.isfinite(p).all() for p in run.model.parameters())
    del run, events
    gpu_nearly_full.clear()  # the memory is back, as when the program that held it ends
    torch.cuda.empty_cache()
    _run, events = train(SAMPLE_RUN.with_changes(model="lenet", batch_size=64), sample)
    assert isinstance(events[-1], Finished) and events[-1].test_accuracy > 0.8


FRESH_PROCESS_RUN = """
from core.models.config import ConfigError, TrainConfig
from core.data.mnist import load_data
from core.training.loop import TrainingRun
try:
    TrainingRun(TrainConfig(model="lenet", device="cuda", data="sample"), load_data("sample"))
except ConfigError as exc:
    print("ConfigError:", exc)
"""


def test_a_process_that_finds_the_gpu_full_is_told_so_before_training(gpu_nearly_full):
    # A new process needs a CUDA context first (hundreds of MiB): that is what fails here,
    # as in a training process started while another program holds the card.
    result = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS_RUN],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ConfigError: {OUT_OF_MEMORY}", (result.stdout, result.stderr)


# ----- typed code: a kernel of its own, so that nothing earlier has touched CUDA in it ---------------
@pytest.fixture(scope="module")
def fresh_kernel():
    client = KernelClient(
        KernelConfig(time_limit_s=max(TEST_KERNEL_TIME_LIMIT_S, 30.0), memory_budget=TEST_KERNEL_MEMORY)
    )
    client.start()
    assert client.wait_ready(READY_S)
    yield client
    client.shutdown()


def run_ok(playground: RemotePlayground, code: str) -> PlaygroundOutcome:
    outcome = playground.run(code)
    assert isinstance(outcome, PlaygroundOutcome) and outcome.error is None, outcome
    return outcome


def nvidia_files(pid: int) -> set[str]:
    """The NVIDIA device files a process has open (a CUDA context keeps several)."""
    opened = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            opened.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except FileNotFoundError:  # closed meanwhile
            continue
    return {path for path in opened if path.startswith("/dev/nvidia")}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_kernel_uses_the_gpu_only_when_the_learner_asks(fresh_kernel, record_property):
    playground = RemotePlayground(fresh_kernel)
    pid = fresh_kernel.pid
    assert nvidia_files(pid) == set()
    assert run_ok(playground, "torch.cuda.is_initialized()").value_text == "False"
    assert nvidia_files(pid) == set()
    # The lesson's step, as the Tensors tab runs it.
    run_ok(playground, "x = torch.rand(5, 3)")
    started = time.perf_counter()
    outcome = run_ok(
        playground,
        "cuda_ok = torch.cuda.is_available()\ndevice = torch.device('cuda' if cuda_ok else 'cpu')\n"
        "x_on_device = x.to(device)\nx_on_device.device",
    )
    # The CUDA context is made within the step: the app's 5-second limit per Run must cover it.
    record_property("lesson_cuda_step_s", round(time.perf_counter() - started, 2))
    assert outcome.value_text == "device(type='cuda', index=0)"
    shown = {row.name: row for row in outcome.variables}["x_on_device"]
    assert shown.device == "cuda:0"
    outcome = run_ok(playground, "g = torch.ones(1000, 1000, device='cuda') * 2\ng.sum().item()")
    assert outcome.value_text == "2000000.0"
    assert run_ok(playground, "torch.cuda.is_initialized()").value_text == "True"
    assert nvidia_files(pid)
    # A view of a GPU tensor shares its memory, and the view says so; a CPU copy does not.
    outcome = run_ok(playground, "row = g[0]\nback = g.cpu()\nrow")
    assert outcome.shown.shares_with == ("g",)
    assert run_ok(playground, "back").shown.shares_with == ()
    # The memory cap stays in force with a CUDA context open.
    limit = fresh_kernel.memory_limit
    assert limit is not None and psutil.Process(pid).rlimit(psutil.RLIMIT_DATA)[0] == limit
    assert fresh_kernel.pid == pid


def test_typed_code_past_the_gpus_memory_gets_the_message_and_the_kernel_goes_on(fresh_kernel):
    playground = RemotePlayground(fresh_kernel)
    pid = fresh_kernel.pid
    run_ok(playground, "keep = torch.ones(3, device='cuda')")
    total = torch.cuda.get_device_properties(0).total_memory
    # 400 MB a tensor (the playground's largest), until far beyond the card.
    count = 2 * total // (4 * 10**8) + 1
    outcome = playground.run(f"xs = [torch.empty(10**8, device='cuda') for i in range({count})]")
    assert isinstance(outcome, PlaygroundOutcome), outcome
    assert outcome.error.startswith("The GPU has not enough free memory for that"), outcome.error
    assert fresh_kernel.pid == pid
    assert [row.name for row in outcome.variables if row.name == "keep"] == ["keep"]
    # What the failed statement took is handed back to the GPU, for training and other programs.
    free, _total = torch.cuda.mem_get_info()
    assert free > total // 2
    assert run_ok(playground, "(keep * 2).sum().item()").value_text == "6.0"
