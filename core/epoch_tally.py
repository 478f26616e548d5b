"""The running loss and accuracy of one epoch, counted without slowing the loop down."""

from __future__ import annotations

import time

import torch


class EpochTally:
    """The running loss and accuracy of one epoch, and its throughput between reports.

    Each batch's loss and outputs are kept (detached, no copy) and counted only
    at report steps: no extra kernel per batch and no host sync, so the loop
    runs at the compute limit.
    """

    def __init__(self, device: torch.device) -> None:
        self.device = device
        self.started = time.perf_counter()
        self.losses: list[torch.Tensor] = []
        self.outputs: list[torch.Tensor] = []
        self.labels: list[torch.Tensor] = []
        self.seen = 0
        self.loss_sum = 0.0
        self.correct = 0
        self.reported_at, self.reported_samples, self.paused = self.started, 0, 0.0

    def add(self, loss: torch.Tensor, out: torch.Tensor, labels: torch.Tensor) -> None:
        """Keep one batch's results for the next count."""
        self.losses.append(loss.detach())
        self.outputs.append(out.detach())
        self.labels.append(labels)
        self.seen += labels.shape[0]

    def count(self) -> None:
        """Add the kept batches to the sums (one host sync for all of them)."""
        # In float64, each loss times its batch size and their sum are exact: the total is the
        # same however the batches are grouped, and equals a plain `loss.item() * size` sum.
        sizes = torch.tensor([t.shape[0] for t in self.labels], dtype=torch.float64)
        self.loss_sum += float((torch.stack(self.losses).cpu().double() * sizes).sum())
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
