"""Loss surfaces of two parameters, to race optimizers on and to draw as contour maps.

Each :class:`Surface` is a differentiable torch function of a point ``p = (p0, p1)``
(it also takes a grid: any shape ending in 2), with the window it is drawn in,
where its minimum lies and a start that tells its story. Four are formulas:

- ``regression``: the lesson's straight line ``y = w·x + b`` fitted by mean
  squared error to points the learner can draw again (``seed``);
- ``valley``: a narrow valley, the quadratic ``(p0² + 40·p1²) / 2`` (its
  curvature 40 times larger across than along, ill-conditioned);
- ``rosenbrock``: ``(1 − p0)² + 100·(p1 − p0²)²``, a curved valley with a flat floor;
- ``saddle``: ``p0² + p1⁴/4 − p1²/2``, a saddle point at (0, 0) between two minima.

The fifth, a slice of a real network's loss, is :mod:`core.optimizers.network_slice`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch

from core.base.i18n import N_

TITLES = {
    "regression": N_("Linear regression y = w·x + b"),
    "valley": N_("A narrow valley"),
    "rosenbrock": N_("Rosenbrock's curved valley"),
    "saddle": N_("A saddle point"),
    "slice": N_("A slice of the network in use"),
}
REGRESSION_POINTS = 30
VALLEY_RATIO = 40.0  # the valley's curvature across, over its curvature along


@dataclass(frozen=True)
class Surface:
    """A loss of two parameters: the function, its names, the window drawn and a good start."""

    key: str
    axes: tuple[str, str]  # what the two parameters are called (code, not translated)
    loss: Callable[[torch.Tensor], torch.Tensor]  # (..., 2) -> (...)
    window: tuple[float, float, float, float]  # x from, x to, y from, y to
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...]
    formula: str  # how the code view writes the loss of a point p (code, not translated)
    data: dict[str, object] = field(default_factory=dict)  # the regression's points; the slice's network

    @property
    def title(self) -> str:
        """Return the surface's name, marked for translation (shown with ``_()``)."""
        return TITLES[self.key]

    def grid(self, size: int = 160) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the window's x and y ticks and the loss on their grid, ``losses[row=y, column=x]``."""
        x0, x1, y0, y1 = self.window
        xs, ys = np.linspace(x0, x1, size), np.linspace(y0, y1, size)
        points = torch.from_numpy(np.stack(np.meshgrid(xs, ys), axis=-1)).float()
        with torch.no_grad():
            losses = self.loss(points).numpy()
        return xs, ys, losses


def regression(seed: int = 0) -> Surface:
    """The lesson's ``y = w·x + b`` by mean squared error, on points drawn from ``y = 2x + 1`` plus noise."""
    generator = torch.Generator().manual_seed(seed)
    x = torch.rand(REGRESSION_POINTS, generator=generator) * 4 - 2
    y = 2 * x + 1 + 0.5 * torch.randn(REGRESSION_POINTS, generator=generator)

    def loss(p: torch.Tensor) -> torch.Tensor:
        w, b = p[..., 0:1], p[..., 1:2]
        return ((w * x + b - y) ** 2).mean(dim=-1)

    fitted = torch.linalg.lstsq(torch.stack([x, torch.ones_like(x)], 1), y[:, None]).solution.flatten()
    return Surface(
        "regression",
        ("w", "b"),
        loss,
        (-2.0, 6.0, -3.0, 5.0),
        (-1.5, 4.0),
        ((float(fitted[0]), float(fitted[1])),),
        "((p[0] * x + p[1] - y) ** 2).mean()",
        {"x": x.numpy(), "y": y.numpy()},
    )


def _valley(p: torch.Tensor) -> torch.Tensor:
    return (p[..., 0] ** 2 + VALLEY_RATIO * p[..., 1] ** 2) / 2


def _rosenbrock(p: torch.Tensor) -> torch.Tensor:
    return (1 - p[..., 0]) ** 2 + 100 * (p[..., 1] - p[..., 0] ** 2) ** 2


def _saddle(p: torch.Tensor) -> torch.Tensor:
    return p[..., 0] ** 2 + p[..., 1] ** 4 / 4 - p[..., 1] ** 2 / 2


VALLEY = Surface(
    "valley",
    ("p0", "p1"),
    _valley,
    (-10.0, 2.0, -2.0, 2.0),
    (-9.0, 1.2),
    ((0.0, 0.0),),
    f"(p[0] ** 2 + {VALLEY_RATIO:g} * p[1] ** 2) / 2",
)
ROSENBROCK = Surface(
    "rosenbrock",
    ("p0", "p1"),
    _rosenbrock,
    (-2.0, 2.0, -1.0, 3.0),
    (-1.5, 2.0),
    ((1.0, 1.0),),
    "(1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2",
)
SADDLE = Surface(
    "saddle",
    ("p0", "p1"),
    _saddle,
    (-2.0, 2.0, -2.0, 2.0),
    (-1.8, 1e-3),
    ((0.0, 1.0), (0.0, -1.0)),
    "p[0] ** 2 + p[1] ** 4 / 4 - p[1] ** 2 / 2",
)
FORMULA_SURFACES = ("regression", "valley", "rosenbrock", "saddle")


def surface(key: str, seed: int = 0) -> Surface:
    """Return the formula surface called ``key`` (KeyError for any other; the slice is built apart)."""
    if key == "regression":
        return regression(seed)
    return {"valley": VALLEY, "rosenbrock": ROSENBROCK, "saddle": SADDLE}[key]
