"""The messages between the app and its training process: frozen dataclasses of plain data.

The app sends :class:`Prepare` (load a data set and warm torch up, ahead of a
run), :class:`Train` (one run) and :class:`Control` (pause, resume or stop the
run, between two batches). The process answers :class:`Ready` once, then for
each run the core's own events (:mod:`core.training.events`), thinned as the app asks,
:class:`Held` when the run starts and stops waiting in a pause, and
:class:`Weights` just before :class:`~core.training.events.Finished`. They travel in the
kernel's plain-data frames (:mod:`core.process.codec`): nothing is unpickled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

import numpy as np

from core.base.i18n import ENGLISH
from core.models.config import TrainConfig
from core.training.events import Failed, Finished, Stopped, TrainingEvent

PAUSE = "pause"
RESUME = "resume"
STOP = "stop"
WATCH_WEIGHTS = "watch weights"  # send the first layer's weights live (the app shows them)
IGNORE_WEIGHTS = "ignore weights"


@dataclass(frozen=True)
class Prepare:
    """Load the set ``data`` (``sample``, ``full`` or ``auto``) from ``data_dir`` for ``device``."""

    data: str
    data_dir: str
    device: str


@dataclass(frozen=True)
class Train:
    """Train one run; pass at most ``events_per_second`` progress events on (the others are dropped).

    The run's messages are in ``language``, the one the app speaks when the run starts.
    ``controls`` are the Control actions asked for before the run reached the process:
    in force before its first batch, however late the process reads what follows.
    """

    config: TrainConfig
    data_dir: str
    events_per_second: float
    language: str = ENGLISH
    controls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Control:
    """Pause, resume or stop the current run (``action`` is PAUSE, RESUME or STOP)."""

    action: str


@dataclass(frozen=True)
class Ready:
    """The process is up and takes requests."""

    pid: int


@dataclass(frozen=True)
class Held:
    """The run started (``held``) or stopped waiting in a pause."""

    held: bool


@dataclass(frozen=True)
class Weights:
    """A finished run's parameters, in ``state_dict`` order, as arrays."""

    names: tuple[str, ...]
    arrays: tuple[np.ndarray, ...]


@dataclass(frozen=True)
class LearningRate:
    """Train the current run with learning rate ``lr`` from its next batch on."""

    lr: float


REQUESTS = (Prepare, Train, Control, LearningRate)
# Every event the core reports, so that a new kind of event travels too.
REPLIES = (Ready, Held, Weights, *get_args(TrainingEvent))
OUTCOMES = (Finished, Stopped, Failed)
