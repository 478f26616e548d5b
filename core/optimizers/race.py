"""The race: two to four torch.optim optimizers stepping from one start on one loss surface.

Every step is the real optimizer's (``torch.optim.SGD``, ``RMSprop``, ``Adam``,
``AdamW``) on a two-element tensor; what each step did is kept (:class:`StepUpdate`:
the point, the gradient and the optimizer's state before and after) so that the
update can be written out with its numbers (:mod:`core.optimizers.updates`).
A path stops cleanly at the first step whose point or loss is not a finite number,
or that flies off beyond :data:`FAR`: it diverged there.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from core.base.i18n import N_, _

OPTIMIZERS = ("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw")
NAMES = {
    "sgd": "SGD",
    "momentum": N_("SGD with momentum"),
    "nesterov": N_("SGD with Nesterov momentum"),
    "rmsprop": "RMSprop",
    "adam": "Adam",
    "adamw": "AdamW",
}
EPS = 1e-8  # RMSprop's, Adam's and AdamW's epsilon (torch's default for Adam; RMSprop's too)
FAR = 1e6  # a point this far from the origin has left every surface: the path diverged
MAX_STEPS = 1000
MAX_RACERS = 4
MAX_LR = 100.0


@dataclass(frozen=True)
class OptimizerSpec:
    """One racer: which optimizer, its learning rate and its options.

    ``momentum`` is μ for SGD with momentum or Nesterov and β1 for Adam and AdamW;
    ``beta2`` is β2 for Adam and AdamW and α (the squares' decay) for RMSprop;
    ``weight_decay`` is AdamW's λ.
    """

    kind: str = "sgd"
    lr: float = 0.1
    momentum: float = 0.9
    beta2: float = 0.999
    weight_decay: float = 0.01

    def __post_init__(self) -> None:
        if self.kind not in OPTIMIZERS:
            raise ValueError(
                _("optimizer must be one of {allowed}, not {value!r}").format(
                    allowed=", ".join(OPTIMIZERS), value=self.kind
                )
            )
        if not (math.isfinite(self.lr) and 0 < self.lr < MAX_LR):
            raise ValueError(
                _("lr must be above 0 and below {most:g}, not {value!r}").format(most=MAX_LR, value=self.lr)
            )
        for name in ("momentum", "beta2", "weight_decay"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 0 <= value < 1):
                raise ValueError(
                    _("{name} must be from 0 up to (not including) 1, not {value!r}").format(
                        name=name, value=value
                    )
                )

    def build(self, params: list[torch.Tensor]) -> torch.optim.Optimizer:
        """Return the torch optimizer for ``params`` (the single-tensor, for-loop implementation)."""
        common = {"foreach": False}
        if self.kind == "sgd":
            return torch.optim.SGD(params, lr=self.lr, **common)
        if self.kind in ("momentum", "nesterov"):
            nesterov = self.kind == "nesterov"
            return torch.optim.SGD(params, lr=self.lr, momentum=self.momentum, nesterov=nesterov, **common)
        if self.kind == "rmsprop":
            return torch.optim.RMSprop(params, lr=self.lr, alpha=self.beta2, eps=EPS, **common)
        betas = (self.momentum, self.beta2)
        if self.kind == "adam":
            return torch.optim.Adam(params, lr=self.lr, betas=betas, eps=EPS, **common)
        return torch.optim.AdamW(
            params, lr=self.lr, betas=betas, eps=EPS, weight_decay=self.weight_decay, **common
        )

    def code(self) -> str:
        """Return the line that builds this optimizer for a parameter ``p``, as the code view writes it."""
        if self.kind == "sgd":
            return f"torch.optim.SGD([p], lr={self.lr:g})"
        if self.kind in ("momentum", "nesterov"):
            extra = ", nesterov=True" if self.kind == "nesterov" else ""
            return f"torch.optim.SGD([p], lr={self.lr:g}, momentum={self.momentum:g}{extra})"
        if self.kind == "rmsprop":
            return f"torch.optim.RMSprop([p], lr={self.lr:g}, alpha={self.beta2:g}, eps={EPS:g})"
        name = "Adam" if self.kind == "adam" else "AdamW"
        decay = f", weight_decay={self.weight_decay:g}" if self.kind == "adamw" else ""
        betas = f"({self.momentum:g}, {self.beta2:g})"
        return f"torch.optim.{name}([p], lr={self.lr:g}, betas={betas}, eps={EPS:g}{decay})"


@dataclass(frozen=True)
class StepUpdate:
    """What one step did: the point and the loss before it, the gradient, the state before and after."""

    step: int  # 1 for the first step
    before: np.ndarray  # (2,)
    loss: float  # at ``before``
    grad: np.ndarray  # (2,)
    after: np.ndarray  # (2,)
    state_before: dict[str, np.ndarray]  # momentum_buffer, square_avg, exp_avg, exp_avg_sq (as kept)
    state_after: dict[str, np.ndarray]


@dataclass(frozen=True)
class RacePath:
    """One racer's path: its points (start first), the loss at each, each step, and where it stopped."""

    spec: OptimizerSpec
    points: np.ndarray  # (n + 1, 2)
    losses: np.ndarray  # (n + 1,)
    updates: tuple[StepUpdate, ...]
    diverged: bool  # True when the path stopped at a point or loss that was not a finite number


STATE_KEYS = ("momentum_buffer", "square_avg", "exp_avg", "exp_avg_sq")


def _state(optimizer: torch.optim.Optimizer, p: torch.Tensor) -> dict[str, np.ndarray]:
    kept = optimizer.state.get(p, {})
    return {
        key: kept[key].detach().numpy().copy()
        for key in STATE_KEYS
        if isinstance(kept.get(key), torch.Tensor)
    }


def run_path(
    loss: Callable[[torch.Tensor], torch.Tensor],
    start: tuple[float, float],
    spec: OptimizerSpec,
    steps: int,
    cancelled: Callable[[], bool] = lambda: False,
) -> RacePath:
    """Step ``spec``'s optimizer ``steps`` times on ``loss`` from ``start`` (fewer if it diverges)."""
    p = torch.tensor(start, dtype=torch.float32, requires_grad=True)
    optimizer = spec.build([p])
    points, losses, updates = [p.detach().numpy().copy()], [], []
    diverged = False
    for step in range(1, min(steps, MAX_STEPS) + 1):
        if cancelled():
            break
        optimizer.zero_grad()
        value = loss(p)
        if not torch.isfinite(value):
            diverged = True
            break
        value.backward()
        before, state_before = p.detach().numpy().copy(), _state(optimizer, p)
        grad = (p.grad if p.grad is not None else torch.zeros_like(p)).detach().numpy().copy()
        optimizer.step()
        after = p.detach().numpy().copy()
        losses.append(value.item())
        updates.append(StepUpdate(step, before, losses[-1], grad, after, state_before, _state(optimizer, p)))
        if not np.all(np.isfinite(after)) or float(np.abs(after).max()) > FAR:
            diverged = True
            break
        points.append(after)
    else:
        with torch.no_grad():
            last = float(loss(p))
        if math.isfinite(last):
            losses.append(last)
        else:
            diverged = True
    if len(losses) < len(points):  # a stop before the last point's loss was taken: drop that point
        points = points[: len(losses)] or points[:1]
        losses = losses or [float("nan")]
    return RacePath(spec, np.array(points), np.array(losses), tuple(updates), diverged)


def run_race(
    loss: Callable[[torch.Tensor], torch.Tensor],
    start: tuple[float, float],
    specs: list[OptimizerSpec],
    steps: int,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[RacePath, ...]:
    """Run every racer of ``specs`` (one to four) from ``start`` on ``loss``."""
    if not 1 <= len(specs) <= MAX_RACERS:
        raise ValueError(f"a race has 1 to {MAX_RACERS} optimizers, not {len(specs)}")
    return tuple(run_path(loss, start, spec, steps, cancelled) for spec in specs)
