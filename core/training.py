"""The lesson's training loop as a generator of events, fast enough to watch live.

The whole data set sits on the training device as one uint8 tensor; each epoch
is one seeded ``randperm`` gather, and each batch is a slice normalised on the
fly. ``pipeline="dataloader"`` keeps the lesson's per-item ``ToTensor`` loader
for comparison.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace

import torch
import torch.nn.functional as F
from torch import nn

from core.augment import random_affine_and_stroke
from core.data import MnistData, MnistSplit
from core.devices import DEVICE_CHOICES, device_label, resolve_device
from core.events import (
    BatchProgress,
    EpochEnd,
    Failed,
    Finished,
    RunStarted,
    Stopped,
    TrainingEvent,
)
from core.models import ACTIVATIONS, ARCHITECTURES, build_model

OPTIMIZERS = ("sgd", "adam")
PIPELINES = ("tensor", "dataloader")
DATA_CHOICES = ("sample", "full", "auto")
SNAPSHOT_EVERY = 100  # batches between copies of the last good weights (for a NaN loss)


class ConfigError(ValueError):
    """A training setting is out of range; the message names it and the allowed values."""


@dataclass(frozen=True)
class TrainConfig:
    """Every setting of a run; the defaults are the lesson's (batch 32, SGD, lr 1e-2)."""

    model: str = "mlp"
    activation: str = "none"
    epochs: int = 5
    batch_size: int = 32
    lr: float = 1e-2
    optimizer: str = "sgd"
    momentum: float = 0.0
    seed: int = 0
    device: str = "auto"
    data: str = "sample"
    log_interval: int = 300
    report_interval: int = 10
    pipeline: str = "tensor"
    augment: bool = False

    def validate(self) -> None:
        """Raise ConfigError for the first setting that cannot work."""
        choices = {
            "model": ARCHITECTURES,
            "activation": ACTIVATIONS,
            "optimizer": OPTIMIZERS,
            "device": DEVICE_CHOICES,
            "data": DATA_CHOICES,
            "pipeline": PIPELINES,
        }
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise ConfigError(f"{name} must be one of {', '.join(allowed)}, not {getattr(self, name)!r}.")
        ranges = {
            "epochs": (1, 1000),
            "batch_size": (1, 65536),
            "log_interval": (1, 10**9),
            "report_interval": (1, 10**9),
        }
        for name, (low, high) in ranges.items():
            value = getattr(self, name)
            if not isinstance(value, int) or not low <= value <= high:
                raise ConfigError(f"{name} must be a whole number from {low} to {high}, not {value!r}.")
        if not (isinstance(self.lr, (int, float)) and math.isfinite(self.lr) and 0 < self.lr <= 10):
            raise ConfigError(f"lr (learning rate) must be above 0 and at most 10, not {self.lr!r}.")
        if not (math.isfinite(self.momentum) and 0 <= self.momentum < 1):
            raise ConfigError(f"momentum must be from 0 up to (not including) 1, not {self.momentum!r}.")
        if not 0 <= self.seed < 2**63:
            raise ConfigError(f"seed must be a whole number from 0 to 2**63-1, not {self.seed!r}.")

    def to_dict(self) -> dict[str, object]:
        """Return the settings as plain values (for checkpoints and JSON)."""
        return asdict(self)

    def with_changes(self, **changes: object) -> TrainConfig:
        """Return a copy with some settings changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


class RunControl:
    """Thread-safe stop and pause requests, honoured between batches."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def stop(self) -> None:
        """Ask the run to stop after the current batch (also ends a pause)."""
        self._stop.set()
        self._running.set()

    def pause(self) -> None:
        """Ask the run to wait after the current batch until resumed or stopped."""
        self._running.clear()

    def resume(self) -> None:
        """Let a paused run go on."""
        self._running.set()

    @property
    def stop_requested(self) -> bool:
        """Tell whether a stop was asked for."""
        return self._stop.is_set()

    @property
    def pause_requested(self) -> bool:
        """Tell whether the run should be waiting."""
        return not self._running.is_set()

    def wait_while_paused(self) -> float:
        """Block while paused; return the seconds spent waiting."""
        start = time.perf_counter()
        self._running.wait()
        return time.perf_counter() - start


class _LessonDataset(torch.utils.data.Dataset):
    """Items as the lesson's ``datasets.MNIST(transform=ToTensor())`` yields them."""

    def __init__(self, split: MnistSplit) -> None:
        from torchvision import transforms

        self.split = split
        self.to_tensor = transforms.ToTensor()

    def __len__(self) -> int:
        return len(self.split)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        from PIL import Image

        image = Image.fromarray(self.split.images[index].numpy(), mode="L")
        return self.to_tensor(image), int(self.split.labels[index])


def lesson_loader(split: MnistSplit, batch_size: int, seed: int) -> torch.utils.data.DataLoader:
    """Build the lesson's DataLoader (PIL + ToTensor per item, shuffled)."""
    generator = torch.Generator().manual_seed(seed)
    return torch.utils.data.DataLoader(
        _LessonDataset(split), batch_size=batch_size, shuffle=True, generator=generator
    )


def to_unit_float(images: torch.Tensor) -> torch.Tensor:
    """Turn uint8 images ``(N, 28, 28)`` into the lesson's ``(N, 1, 28, 28)`` floats in [0, 1].

    Convert, then scale in place: twice as fast as one mixed-dtype multiply.
    """
    return images.unsqueeze(1).to(torch.float32).mul_(1 / 255)


def make_optimizer(config: TrainConfig, model: nn.Module) -> torch.optim.Optimizer:
    """Build the optimizer the config names."""
    if config.optimizer == "adam":
        return torch.optim.Adam(model.parameters(), lr=config.lr)
    return torch.optim.SGD(model.parameters(), lr=config.lr, momentum=config.momentum)


@torch.no_grad()
def evaluate(
    model: nn.Module, split: MnistSplit, device: torch.device, batch_size: int = 1000
) -> tuple[float, float]:
    """Return the mean cross-entropy loss and the accuracy of ``model`` on ``split``."""
    was_training = model.training
    model.eval()
    loss_sum = torch.zeros((), device=device)
    correct = torch.zeros((), dtype=torch.long, device=device)
    for start in range(0, len(split), batch_size):
        images = split.images[start : start + batch_size].to(device)
        labels = split.labels[start : start + batch_size].to(device)
        out = model(to_unit_float(images))
        loss_sum += F.cross_entropy(out, labels, reduction="sum")
        correct += (out.argmax(1) == labels).sum()
    model.train(was_training)
    n = max(len(split), 1)
    return loss_sum.item() / n, correct.item() / n


def _human_failure(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, torch.OutOfMemoryError) or "out of memory" in text.lower():
        return "The device ran out of memory. Use a smaller batch size, or train on the CPU."
    if "CUDA" in text or "cuda" in text:
        return "The GPU reported an error and training stopped. Try again, or train on the CPU."
    return f"Training stopped with an error: {text.splitlines()[0] if text else type(exc).__name__}"


class TrainingRun:
    """One training run: build with a config and data, then iterate :meth:`events`.

    ``model`` holds the trained weights afterwards (the last good ones if the
    loss turned NaN).
    """

    def __init__(self, config: TrainConfig, data: MnistData, control: RunControl | None = None) -> None:
        config.validate()
        try:
            self.device = resolve_device(config.device)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
        self.config = config
        self.data = data
        self.control = control or RunControl()
        torch.manual_seed(config.seed)
        self.model = build_model(config.model, config.activation).to(self.device)
        self.optimizer = make_optimizer(config, self.model)
        self._last_good = [p.detach().clone() for p in self.model.parameters()]
        self.final: Finished | None = None

    def events(self) -> Iterator[TrainingEvent]:
        """Train, yielding events; end with Finished, Stopped or Failed."""
        try:
            yield from self._train()
        except Exception as exc:
            self._restore_last_good()
            yield Failed(_human_failure(exc), f"{type(exc).__name__}: {exc}")

    def _save_good(self) -> None:
        with torch.no_grad():
            for saved, parameter in zip(self._last_good, self.model.parameters(), strict=True):
                saved.copy_(parameter)

    def _restore_last_good(self) -> None:
        with torch.no_grad():
            for parameter, saved in zip(self.model.parameters(), self._last_good, strict=True):
                parameter.copy_(saved)

    def _batches(
        self, epoch_generator: torch.Generator, images: torch.Tensor, labels: torch.Tensor
    ) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        cfg = self.config
        if cfg.pipeline == "dataloader":
            for x, y in self._loader:
                yield x.to(self.device, non_blocking=True), y.to(self.device, non_blocking=True)
            return
        perm = torch.randperm(len(labels), generator=epoch_generator).to(self.device)
        shuffled_images, shuffled_labels = images[perm], labels[perm]
        for start in range(0, len(labels), cfg.batch_size):
            end = start + cfg.batch_size
            yield to_unit_float(shuffled_images[start:end]), shuffled_labels[start:end]

    def _train(self) -> Iterator[TrainingEvent]:
        cfg, device, model = self.config, self.device, self.model
        n = len(self.data.train)
        batches = math.ceil(n / cfg.batch_size)
        yield RunStarted(
            device.type,
            device_label(device),
            self.data.name,
            self.data.description,
            n,
            len(self.data.test),
            batches,
            cfg.epochs,
            sum(p.numel() for p in model.parameters()),
        )
        generator = torch.Generator().manual_seed(cfg.seed)
        augment_generator = torch.Generator(device=device).manual_seed(cfg.seed + 1)
        if cfg.pipeline == "dataloader":
            self._loader = lesson_loader(self.data.train, cfg.batch_size, cfg.seed)
            images = labels = torch.empty(0)
        else:
            images = self.data.train.images.to(device)
            labels = self.data.train.labels.to(device)
        # Each batch's loss and outputs are kept (detached, no copy) and counted
        # only at report steps: no extra kernel per batch and no host sync, so the
        # loop runs at the compute limit.
        pending_losses: list[torch.Tensor] = []
        pending_outputs: list[torch.Tensor] = []
        pending_labels: list[torch.Tensor] = []
        started = time.perf_counter()
        total_samples = 0
        final: EpochEnd | None = None
        for epoch in range(1, cfg.epochs + 1):
            model.train()
            epoch_start = time.perf_counter()
            report_time, report_samples, paused = epoch_start, 0, 0.0
            seen = 0
            loss_sum, correct_sum, saved_at = 0.0, 0, 0
            for i, (x, y) in enumerate(self._batches(generator, images, labels), 1):
                if self.control.stop_requested:
                    yield Stopped(epoch, i - 1)
                    return
                if self.control.pause_requested:
                    paused += self.control.wait_while_paused()
                    if self.control.stop_requested:
                        yield Stopped(epoch, i - 1)
                        return
                if cfg.augment:
                    x = random_affine_and_stroke(x, augment_generator)
                out = model(x)
                loss = F.cross_entropy(out, y)
                self.optimizer.zero_grad(set_to_none=True)
                loss.backward()
                self.optimizer.step()
                seen += y.shape[0]
                pending_losses.append(loss.detach())
                pending_outputs.append(out.detach())
                pending_labels.append(y)
                is_log = i % cfg.log_interval == 0
                if is_log or i % cfg.report_interval == 0 or i == batches:
                    sizes = torch.tensor(
                        [t.shape[0] for t in pending_labels], dtype=torch.float32, device=device
                    )
                    loss_sum += float((torch.stack(pending_losses) * sizes).sum())
                    predictions = torch.cat(pending_outputs).argmax(1)
                    correct_sum += int((predictions == torch.cat(pending_labels)).sum())
                    pending_losses.clear()
                    pending_outputs.clear()
                    pending_labels.clear()
                    if not math.isfinite(loss_sum):
                        self._restore_last_good()
                        yield Failed(
                            f"The loss became {'NaN' if math.isnan(loss_sum) else 'infinite'} in epoch "
                            f"{epoch}, batch {i}: the learning rate ({cfg.lr:g}) is probably too high. "
                            "The last good weights were kept; lower the learning rate and train again."
                        )
                        return
                    if i - saved_at >= SNAPSHOT_EVERY or i == batches:
                        # Copying every weight costs as much as several batches of the MLP:
                        # snapshot now and then, not at every report.
                        self._save_good()
                        saved_at = i
                    now = time.perf_counter()
                    rate = (seen - report_samples) / max(now - report_time - paused, 1e-9)
                    report_time, report_samples, paused = now, seen, 0.0
                    # The lesson divides by batch_size * i; on the last, partial
                    # batch that would undercount, so divide by what was seen.
                    yield BatchProgress(
                        epoch, cfg.epochs, i, batches, loss_sum / seen, correct_sum / seen, rate, is_log
                    )
            total_samples += seen
            train_seconds = time.perf_counter() - epoch_start
            test_loss, test_acc = evaluate(model, self.data.test, device)
            final = EpochEnd(
                epoch,
                cfg.epochs,
                loss_sum / max(seen, 1),
                correct_sum / max(seen, 1),
                test_loss,
                test_acc,
                time.perf_counter() - epoch_start,
                seen / max(train_seconds, 1e-9),
            )
            yield final
        assert final is not None
        seconds = time.perf_counter() - started
        self.final = Finished(
            cfg.epochs,
            final.train_loss,
            final.train_accuracy,
            final.test_loss,
            final.test_accuracy,
            seconds,
            total_samples / max(seconds, 1e-9),
        )
        yield self.final
