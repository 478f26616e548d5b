"""One race asked for and its answer: what the Optimizers tab computes off the GUI thread.

:func:`compute_race` builds the surface when it is new (a formula, or the slice
of a network, which needs the network and the bundled test images), its grid
for the contour map, and every racer's path. The tab keeps the surface and grid
of the last answer and passes them back while they still apply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from torch import nn

from core.base.i18n import _
from core.data import mnist
from core.optimizers.network_slice import SLICE_GRID, SLICE_STEPS, network_slice
from core.optimizers.race import OptimizerSpec, RacePath, run_race
from core.optimizers.surfaces import Surface, surface

GRID = 160  # the contour map's points along each side, for a formula


@dataclass(frozen=True)
class RaceRequest:
    """Where to race (a surface and, for the regression, its data's seed), from where, who, how long."""

    surface: str
    seed: int
    start: tuple[float, float] | None  # None: the surface's own start
    specs: tuple[OptimizerSpec, ...]
    steps: int

    def same_surface(self, other: RaceRequest | None) -> bool:
        """Tell whether ``other`` races on this request's surface (so its map can be kept)."""
        return other is not None and (other.surface, other.seed) == (self.surface, self.seed)


@dataclass(frozen=True)
class RaceAnswer:
    """The surface, its grid (x ticks, y ticks, losses) and the paths, for ``request``."""

    request: RaceRequest
    surface: Surface
    grid: tuple[np.ndarray, np.ndarray, np.ndarray]
    start: tuple[float, float]
    paths: tuple[RacePath, ...]


def compute_race(
    request: RaceRequest,
    kept: RaceAnswer | None = None,
    model: nn.Module | None = None,
    model_name: str = "",
    cancelled: Callable[[], bool] = lambda: False,
) -> RaceAnswer:
    """Answer ``request``, reusing ``kept``'s surface and grid when it raced on the same one.

    The slice needs ``model`` (the network in use, called ``model_name``); a
    ValueError says so when there is none.
    """
    same_network = request.surface != "slice" or (
        kept is not None and kept.surface.data.get("model") == id(model)
    )
    if kept is not None and request.same_surface(kept.request) and same_network:
        chosen, grid = kept.surface, kept.grid
    elif request.surface == "slice":
        if model is None:
            raise ValueError(
                _("the slice needs a network in use; it is drawn once the bundled LeNet has loaded.")
            )
        chosen = network_slice(model, model_name, mnist.load_sample().test, request.seed)
        grid = chosen.grid(SLICE_GRID)
    else:
        chosen = surface(request.surface, request.seed)
        grid = chosen.grid(GRID)
    steps = min(request.steps, SLICE_STEPS) if request.surface == "slice" else request.steps
    start = request.start or chosen.start
    paths = run_race(chosen.loss, start, list(request.specs), steps, cancelled) if request.specs else ()
    return RaceAnswer(request, chosen, grid, start, paths)
