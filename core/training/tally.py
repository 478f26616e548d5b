"""The running loss and accuracy of one epoch, counted without slowing the loop down."""

from __future__ import annotations

import time

import torch


class EpochTally:
    """The running loss and accuracy of one epoch, and its throughput between reports.

    Each batch's loss, outputs and labels are kept as they are and counted only
    at report steps: no tensor operation per batch (not even a ``detach``) and
    no host sync, so the loop runs at the compute limit.
    """

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.losses: list[torch.Tensor] = []
        self.outputs: list[torch.Tensor] = []
        self.labels: list[torch.Tensor] = []
        self.seen = 0
        self.loss_sum = 0.0
        self.correct = 0
        self.batch_losses: tuple[float, ...] = ()  # each batch's loss in the last count
        self.reported_at, self.reported_samples, self.paused = self.started, 0, 0.0

    def add(self, loss: torch.Tensor, out: torch.Tensor, labels: torch.Tensor) -> None:
        """Keep one batch's results for the next count (after its backward pass has freed what it saved)."""
        self.losses.append(loss)
        self.outputs.append(out)
        self.labels.append(labels)
        self.seen += labels.shape[0]

    @torch.no_grad()
    def count(self) -> None:
        """Add the kept batches to the sums (one host sync for all of them); keep each batch's loss.

        The loss sum is the lesson's ``running_loss += loss.item() * label.size(0)``,
        batch by batch in the same order, so it is the lesson's number to the last bit.
        """
        self.batch_losses = tuple(torch.stack(self.losses).tolist())
        for loss, labels in zip(self.batch_losses, self.labels, strict=True):
            self.loss_sum += loss * labels.shape[0]
        predictions = torch.cat(self.outputs).argmax(1)
        self.correct += int((predictions == torch.cat(self.labels)).sum())
        self.losses.clear()
        self.outputs.clear()
        self.labels.clear()

    def samples_per_second(self) -> float:
        """Return the throughput since the last call, pauses left out."""
        now = time.perf_counter()
        rate = (self.seen - self.reported_samples) / max(now - self.reported_at - self.paused, 1e-9)
        self.reported_at, self.reported_samples, self.paused = now, self.seen, 0.0
        return rate

    @property
    def loss(self) -> float:
        """Return the mean loss so far.

        The lesson divides by batch_size * i; on the last, partial batch that
        would undercount, so this divides by what was seen.
        """
        return self.loss_sum / max(self.seen, 1)

    @property
    def accuracy(self) -> float:
        """Return the accuracy so far."""
        return self.correct / max(self.seen, 1)
