"""One pass over a split: the loss, and every image's prediction (see :mod:`core.training.predictions`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from core.base.safe_files import Cancelled, raise_if_cancelled
from core.data.mnist import MnistData, MnistSplit, load_data
from core.training.predictions import SplitPredictions


@torch.no_grad()
def predict_split(
    model: nn.Module,
    split: MnistSplit,
    device: torch.device,
    batch_size: int = 1000,
    cancelled: Cancelled | None = None,
) -> tuple[float, SplitPredictions]:
    """Return the mean cross-entropy loss of ``model`` on ``split`` and its prediction for each image.

    The accuracy, the confusion matrix and the mistakes all come from these
    predictions, so they always agree with each other. ``cancelled()`` is
    asked between batches (CancelledError).
    """
    was_training = model.training
    model.eval()
    loss_sum = torch.zeros((), device=device)
    predicted = torch.empty(len(split), dtype=torch.uint8, device=device)
    confidence = torch.empty(len(split), dtype=torch.float32, device=device)
    inputs, targets = split.network_inputs(device)  # converted once, kept with the split
    for start in range(0, len(split), batch_size):
        raise_if_cancelled(cancelled)
        labels = targets[start : start + batch_size]
        # One log-softmax serves the loss and the predictions (cross_entropy would compute it again).
        log_probs = F.log_softmax(model(inputs[start : start + batch_size]), dim=1)
        loss_sum += F.nll_loss(log_probs, labels, reduction="sum")
        best, digit = log_probs.max(dim=1)
        predicted[start : start + len(labels)] = digit
        confidence[start : start + len(labels)] = best
    model.train(was_training)
    predictions = SplitPredictions(
        split.labels.numpy().astype(np.uint8),
        predicted.cpu().numpy(),
        confidence.exp_().cpu().numpy(),
    )
    return loss_sum.item() / max(len(split), 1), predictions


def load_and_predict(
    model: nn.Module, which: str, data_dir: Path | None, cancelled: Cancelled | None = None
) -> tuple[MnistData, float, SplitPredictions]:
    """Load the data set ``which`` (see :func:`core.data.mnist.load_data`); predict its test split on the CPU.

    Small batches, so that a window closing meanwhile waits for one at most.
    """
    data = load_data(which, data_dir)
    loss, predictions = predict_split(model, data.test, torch.device("cpu"), 250, cancelled)
    return data, loss, predictions
