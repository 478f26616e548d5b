"""The lesson's training loop as a generator of events, fast enough to watch live.

The whole training split sits on the training device, normalised once (see
``MnistSplit.network_inputs``); each epoch draws one seeded ``randperm``, and
each batch is one gather of its rows. ``pipeline="dataloader"`` keeps the
lesson's per-item ``ToTensor`` loader for comparison.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Generator, Iterator

import torch
import torch.nn.functional as F
from torch import nn

from core.base.i18n import _
from core.data.augment import random_affine_and_stroke
from core.data.lesson_loader import lesson_loader
from core.data.mnist import MnistData, MnistSplit, to_unit_float
from core.models.config import ConfigError, TrainConfig
from core.models.devices import device_label, release_cached_memory, resolve_device
from core.models.networks import build_model
from core.models.weight_images import first_layer
from core.training.control import RunControl
from core.training.evaluation import predict_split
from core.training.events import (
    BatchProgress,
    EpochEnd,
    EpochStarted,
    Failed,
    Finished,
    LayerWeights,
    LearningRateChanged,
    RunStarted,
    Stopped,
    TrainingEvent,
)
from core.training.tally import EpochTally

__all__ = [
    "ConfigError",
    "RunControl",
    "TrainConfig",
    "TrainingRun",
    "evaluate",
    "lesson_loader",
    "to_unit_float",
]

SNAPSHOT_EVERY = 100  # batches between copies of the last good weights (for a NaN loss)
LAYER_WEIGHTS_SECONDS = 0.25  # the first layer's weights go out at most this often
GATHER_BATCHES = 16  # batches whose rows one gather copies (1.6 MB of MNIST at batch 32)

logger = logging.getLogger(__name__)


def make_optimizer(config: TrainConfig, model: nn.Module) -> torch.optim.Optimizer:
    """Build the optimizer the config names."""
    if config.optimizer == "adam":
        return torch.optim.Adam(model.parameters(), lr=config.lr)
    return torch.optim.SGD(model.parameters(), lr=config.lr, momentum=config.momentum)


def evaluate(
    model: nn.Module, split: MnistSplit, device: torch.device, batch_size: int = 1000
) -> tuple[float, float]:
    """Return the mean cross-entropy loss and the accuracy of ``model`` on ``split``."""
    loss, predictions = predict_split(model, split, device, batch_size)
    return loss, predictions.accuracy


def _human_failure(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, torch.OutOfMemoryError) or "out of memory" in text.lower():
        return _("The device ran out of memory. Use a smaller batch size, or train on the CPU.")
    if "CUDA" in text or "cuda" in text:
        return _("The GPU reported an error and training stopped. Try again, or train on the CPU.")
    return _("Training stopped with an error: {error}").format(
        error=text.splitlines()[0] if text else type(exc).__name__
    )


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
        try:
            # The first use of a GPU: creating its context can fail (no memory left, a driver error).
            self.model = build_model(config.model, config.activation).to(self.device)
            self._last_good = [p.detach().clone() for p in self.model.parameters()]
            self._augment_generator = torch.Generator(device=self.device).manual_seed(config.seed + 1)
        except RuntimeError as exc:  # torch.OutOfMemoryError is one
            logger.warning("The network could not be put on %s: %s", self.device, exc)
            release_cached_memory(self.device)
            raise ConfigError(_human_failure(exc)) from exc
        self.optimizer = make_optimizer(config, self.model)
        self.lr = config.lr  # the learning rate now (the learner and the schedule may change it)
        self.batches = math.ceil(len(data.train) / config.batch_size)
        self._saved_at = 0  # batch of the epoch whose weights _last_good holds
        self._loader: torch.utils.data.DataLoader | None = None
        self.final: Finished | None = None
        # Seconds between copies of the first layer's weights for the app; None sends none.
        self.layer_weights_every: float | None = LAYER_WEIGHTS_SECONDS
        self._layer_weights_sent = -math.inf

    def events(self) -> Iterator[TrainingEvent]:
        """Train, yielding events; end with Finished, Stopped or Failed."""
        try:
            yield from self._train()
            return
        except Exception as exc:
            logger.exception("Training stopped by an unexpected error (%s)", self.config)
            failed = Failed(_human_failure(exc), f"{type(exc).__name__}: {exc}")
        # Out of the except clause the traceback, and the batch tensors its frames held, are gone.
        self._recover()
        yield failed

    # ----- the run, epoch by epoch ------------------------------------------------------------
    def _train(self) -> Iterator[TrainingEvent]:
        yield self._run_started()
        yield from self._layer_weights(0, 0, force=True)
        images, labels = self._training_tensors()
        epoch_order = torch.Generator().manual_seed(self.config.seed)
        started = time.perf_counter()
        total_samples = 0
        last: EpochEnd | None = None
        for epoch in range(1, self.config.epochs + 1):
            if epoch > 1 and self.config.lr_step and (epoch - 1) % self.config.lr_step == 0:
                yield self._set_lr(self.lr * self.config.lr_gamma, epoch - 1, by_schedule=True)
            yield EpochStarted(epoch, self.config.epochs)
            tally = yield from self._train_epoch(epoch, epoch_order, images, labels)
            if tally is None:  # stopped, or the loss exploded: the event is out
                return
            total_samples += tally.seen
            last = self._epoch_end(epoch, tally)
            yield last
        if last is None:
            raise RuntimeError("a run has at least one epoch")
        seconds = time.perf_counter() - started
        self.final = Finished(
            self.config.epochs,
            last.train_loss,
            last.train_accuracy,
            last.test_loss,
            last.test_accuracy,
            seconds,
            total_samples / max(seconds, 1e-9),
        )
        yield self.final

    def _run_started(self) -> RunStarted:
        return RunStarted(
            self.device.type,
            device_label(self.device),
            self.data.name,
            self.data.description,
            len(self.data.train),
            len(self.data.test),
            self.batches,
            self.config.epochs,
            sum(p.numel() for p in self.model.parameters()),
        )

    def _training_tensors(self) -> tuple[torch.Tensor, torch.Tensor]:
        """Return the training split as the network reads it (or build the lesson's loader instead)."""
        cfg = self.config
        if cfg.pipeline == "dataloader":
            self._loader = lesson_loader(self.data.train, cfg.batch_size, cfg.seed)
            return torch.empty(0), torch.empty(0)
        return self.data.train.network_inputs(self.device)

    def _batches(
        self, epoch_order: torch.Generator, images: torch.Tensor, labels: torch.Tensor
    ) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
        if self._loader is not None:
            for x, y in self._loader:
                yield x.to(self.device, non_blocking=True), y.to(self.device, non_blocking=True)
            return
        perm = torch.randperm(len(labels), generator=epoch_order).to(self.device)
        batch_size = self.config.batch_size
        batch_labels = iter(labels[perm].split(batch_size))
        # The rows of a few batches gathered at once: no shuffled copy of the whole set (188 MB
        # an epoch for full MNIST), one operation for several batches, and the rows still in the
        # cache when the network reads them.
        for rows in perm.split(batch_size * GATHER_BATCHES):
            for x in images.index_select(0, rows).split(batch_size):
                yield x, next(batch_labels)

    def _train_epoch(
        self, epoch: int, epoch_order: torch.Generator, images: torch.Tensor, labels: torch.Tensor
    ) -> Generator[TrainingEvent, None, EpochTally | None]:
        """Train one epoch, yielding progress; return its tally, or None if the run ended in it."""
        cfg, model, optimizer, control = self.config, self.model, self.optimizer, self.control
        model.train()
        tally = EpochTally()
        self._saved_at = 0
        for i, (x, y) in enumerate(self._batches(epoch_order, images, labels), 1):
            if (control.stop_requested or control.pause_requested) and self._should_stop(tally):
                yield from self._layer_weights(epoch, i - 1, force=True)  # what the stopped run learned
                yield Stopped(epoch, i - 1)
                return None
            if control.requested_lr is not None and (lr := control.take_lr()) is not None:
                yield self._set_lr(lr, epoch - 1 + (i - 1) / self.batches, by_schedule=False)
            inputs = random_affine_and_stroke(x, self._augment_generator) if cfg.augment else x
            out = model(inputs)
            loss = F.cross_entropy(out, y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            tally.add(loss, out, y)
            is_log = i % cfg.log_interval == 0
            # The first batch reports too: its point is on the curve at once.
            if is_log or i % cfg.report_interval == 0 or i in (1, self.batches):
                event = self._report(epoch, i, tally, is_log)
                yield event
                if isinstance(event, Failed):
                    return None
                # An epoch's end is copied exactly while watched; the run's end always is.
                last = i == self.batches and (epoch == cfg.epochs or control.watch_weights)
                yield from self._layer_weights(epoch, i, force=last)
        return tally

    def _set_lr(self, lr: float, position: float, by_schedule: bool) -> LearningRateChanged:
        """Train with ``lr`` from the next batch on; report where, and what the optimizer now holds."""
        old, self.lr = self.lr, lr
        for group in self.optimizer.param_groups:
            group["lr"] = lr
        applied = tuple(float(group["lr"]) for group in self.optimizer.param_groups)
        return LearningRateChanged(position, old, lr, applied, by_schedule)

    def _layer_weights(self, epoch: int, batch: int, force: bool) -> Iterator[LayerWeights]:
        """Send a copy of the first layer's weights when ``force`` says (the run's start, end or stop),
        and, while they are watched (``control.watch_weights``), now and then on this loop's clock.

        Unwatched copies in between would cost the loop (about 1 MB each for the MLP) and
        the app for nothing: a view that starts watching gets one at the next report.
        """
        if self.layer_weights_every is None or not (force or self.control.watch_weights):
            return
        now = time.perf_counter()
        if force or now - self._layer_weights_sent >= self.layer_weights_every:
            self._layer_weights_sent = now
            name, weights = first_layer(self.model)
            yield LayerWeights(epoch, batch, name, weights)

    def _should_stop(self, tally: EpochTally) -> bool:
        """Wait out a pause (its time is left out of the throughput); tell whether to stop."""
        if self.control.pause_requested and not self.control.stop_requested:
            tally.paused += self.control.wait_while_paused()
        return self.control.stop_requested

    def _report(self, epoch: int, batch: int, tally: EpochTally, is_log: bool) -> BatchProgress | Failed:
        """Count the batches since the last report; a loss that is no longer finite ends the run."""
        tally.count()
        if not math.isfinite(tally.loss_sum):
            self._restore_last_good()
            if math.isnan(tally.loss_sum):
                text = _(
                    "The loss became NaN in epoch {epoch}, batch {batch}: the learning rate ({lr:g}) "
                    "is probably too high. The last good weights were kept; lower the learning rate "
                    "and train again."
                )
            else:
                text = _(
                    "The loss became infinite in epoch {epoch}, batch {batch}: the learning rate ({lr:g}) "
                    "is probably too high. The last good weights were kept; lower the learning rate "
                    "and train again."
                )
            failed = Failed(text.format(epoch=epoch, batch=batch, lr=self.lr), diverged=True)
            logger.warning("%s (%s)", failed.message, self.config)
            return failed
        if batch - self._saved_at >= SNAPSHOT_EVERY or batch == self.batches:
            # Copying every weight costs as much as several batches of the MLP:
            # snapshot now and then, not at every report.
            self._save_good()
            self._saved_at = batch
        return BatchProgress(
            epoch,
            self.config.epochs,
            batch,
            self.batches,
            tally.loss,
            tally.accuracy,
            tally.samples_per_second(),
            is_log,
            tally.batch_losses,
        )

    def _epoch_end(self, epoch: int, tally: EpochTally) -> EpochEnd:
        train_seconds = time.perf_counter() - tally.started
        # One pass gives the loss, the accuracy and the confusion matrix, so they always agree.
        test_loss, predictions = predict_split(self.model, self.data.test, self.device)
        return EpochEnd(
            epoch,
            self.config.epochs,
            tally.loss,
            tally.accuracy,
            test_loss,
            predictions.accuracy,
            time.perf_counter() - tally.started,
            tally.seen / max(train_seconds, 1e-9),
            predictions,
        )

    # ----- the last good weights --------------------------------------------------------------
    def _recover(self) -> None:
        """Put the last good weights back and free the GPU's cache (a GPU in an error state refuses)."""
        try:
            self._restore_last_good()
            release_cached_memory(self.device)
        except Exception:
            logger.exception("The last good weights could not be put back on %s", self.device)

    def _save_good(self) -> None:
        with torch.no_grad():
            for saved, parameter in zip(self._last_good, self.model.parameters(), strict=True):
                saved.copy_(parameter)

    def _restore_last_good(self) -> None:
        with torch.no_grad():
            for parameter, saved in zip(self.model.parameters(), self._last_good, strict=True):
                parameter.copy_(saved)
