"""One training step on a copy of a learner's network, before it is trained: what would go wrong.

A network that builds and runs on one image can still fail in training: a forward
that hard-codes a batch of one (``x.view(1, -1)``), an output that is not one score
per digit, a loss that is NaN from the first batch, weights too large for memory,
a forward so slow that an epoch would take an hour. :func:`trial_batch` runs one
step of the lesson's loop (cross-entropy, SGD) on a batch of :data:`BATCH`
MNIST-shaped inputs, on a copy (the learner's network keeps its weights), and
says each problem in the learner's words, or that the network is ready.
"""

from __future__ import annotations

import copy
import math
import time
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

from core.base.i18n import N_, _

BATCH = 64  # the lesson's batch size is 32; 64 also catches a forward that assumes one size
CLASSES = 10
SLOW_BATCH_S = 2.0  # a step slower than this makes an epoch of the 10,000-image sample take minutes
SAMPLE_IMAGES = 10_000
TRAINING_BYTES_LIMIT = 1 << 30  # weights, gradients and the optimizer's state: 4 copies at most
MNIST_MEAN, MNIST_STD = 0.1307, 0.3081
BATCH_HINT = N_(
    "A forward that works on one image only often has a view(1, -1) where view(x.size(0), -1) belongs."
)


@dataclass(frozen=True)
class TrialResult:
    """What one trial step found: the problems (empty when the network is ready), and its figures."""

    problems: tuple[str, ...]
    loss: float | None = None
    seconds: float | None = None

    def text(self) -> str:
        """Say, in one paragraph, whether the network is ready to train and why not."""
        if self.problems:
            return " ".join(self.problems)
        return _(
            "Ready to train: one step on a batch of {batch} gave a loss of {loss:.3f} (about ln 10 ≈ 2.303 "
            "for a network that has not learnt yet) and took {ms:.0f} ms."
        ).format(batch=BATCH, loss=self.loss, ms=(self.seconds or 0) * 1000)


def trial_batch(model: nn.Module, input_shape: tuple[int, ...], seed: int = 0) -> TrialResult:  # noqa: PLR0911 - one return per problem
    """Train a copy of ``model`` for one step on ``BATCH`` inputs of ``input_shape`` (batch first)."""
    weights = sum(p.numel() * p.element_size() for p in model.parameters())
    if 4 * weights > TRAINING_BYTES_LIMIT:
        return TrialResult(
            (
                _(
                    "Its weights take {mb:,.0f} MB; training keeps four times that (weights, gradients "
                    "and the optimizer's state), more than the {limit:,.0f} MB training may use. "
                    "Make its layers smaller."
                ).format(mb=weights / 2**20, limit=TRAINING_BYTES_LIMIT / 2**20),
            )
        )
    try:
        trial = copy.deepcopy(model).train()
    except Exception as exc:
        return TrialResult(
            (_("It cannot be copied for training ({error}).").format(error=type(exc).__name__),)
        )
    generator = torch.Generator().manual_seed(seed)
    images = (torch.rand((BATCH, *input_shape[1:]), generator=generator) - MNIST_MEAN) / MNIST_STD
    labels = torch.randint(0, CLASSES, (BATCH,), generator=generator)
    optimizer = torch.optim.SGD(
        [p for p in trial.parameters() if p.requires_grad] or [torch.zeros(1)], lr=0.01
    )
    started = time.perf_counter()
    try:
        out = trial(images)
    except Exception as exc:
        problem = _("Its forward fails on a batch of {batch} (it ran on one image): {error}. {hint}").format(
            batch=BATCH, error=first_line(exc), hint=_(BATCH_HINT)
        )
        return TrialResult((problem,))
    if not isinstance(out, torch.Tensor) or tuple(out.shape) != (BATCH, CLASSES):
        got = "×".join(map(str, out.shape)) if isinstance(out, torch.Tensor) else type(out).__name__
        problem = _(
            "For a batch of {batch} images its forward gives {got}, not {batch}×10 (one score per digit "
            "for each image)."
        ).format(batch=BATCH, got=got)
        if isinstance(out, torch.Tensor) and out.dim() > 0 and out.shape[0] != BATCH:
            problem += " " + _(BATCH_HINT)
        return TrialResult((problem,))
    try:
        loss = F.cross_entropy(out, labels)
    except Exception as exc:  # e.g. whole-number scores
        return TrialResult(
            (_("Its output cannot be scored by cross-entropy: {error}").format(error=first_line(exc)),)
        )
    problems = []
    value = float(loss.detach())
    if not math.isfinite(value):
        problems.append(
            _(
                "The loss of the first batch is {loss}: something in the forward gives inf or NaN "
                "(a log of 0, a division by 0, an exp of a large number)."
            ).format(loss=value)
        )
    else:
        optimizer.zero_grad()
        try:
            loss.backward()
        except Exception as exc:  # e.g. a forward that detaches its output
            problems.append(_("Backward fails after the first batch: {error}").format(error=first_line(exc)))
            return TrialResult(tuple(problems), value, time.perf_counter() - started)
        bad = [
            name for name, p in trial.named_parameters() if p.grad is not None and not p.grad.isfinite().all()
        ]
        if bad:
            problems.append(
                _("The gradient of {name} is NaN or infinite after the first batch.").format(name=bad[0])
            )
        else:
            optimizer.step()
    seconds = time.perf_counter() - started
    if seconds > SLOW_BATCH_S:
        minutes = seconds * SAMPLE_IMAGES / BATCH / 60
        problems.append(
            _(
                "One step on a batch of {batch} took {seconds:.1f} s, so one epoch of the 10,000-image "
                "sample would take about {minutes:.0f} minutes. Use fewer or smaller layers."
            ).format(batch=BATCH, seconds=seconds, minutes=minutes)
        )
    return TrialResult(tuple(problems), value, seconds)


def first_line(error: Exception) -> str:
    """Name an error by its kind and the first line of its message."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:200] if text else ''}"
