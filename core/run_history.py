"""Every training run of a session: its settings, its points, and how it ended.

The plots draw from this history and the CSV export writes it; nothing here
knows about Qt. Points live in buffers that double when full and thin out past
MAX_POINTS, so a long run stays bounded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from core.config import TrainConfig
from core.events import BatchProgress, EpochEnd, Failed, Finished, RunStarted, Stopped, TrainingEvent

MAX_POINTS = 20_000  # per series; past it, every other point is dropped
SERIES_KEYS = ("train_loss", "test_loss", "train_acc", "test_acc")
CSV_HEADER = "run,label,series,epoch,loss,accuracy"


class Series:
    """An (x, y) buffer that grows by doubling and thins itself past MAX_POINTS."""

    def __init__(self) -> None:
        self._xy = np.empty((256, 2))
        self.count = 0
        self.thinnings = 0  # how often points were dropped: a line drawn from them must start again

    def append(self, x: float, y: float) -> None:
        """Add one point."""
        if self.count == len(self._xy):
            if self.count >= MAX_POINTS:
                self._xy[: self.count // 2] = self._xy[: self.count : 2]
                self.count //= 2
                self.thinnings += 1
            else:
                grown = np.empty((min(2 * len(self._xy), MAX_POINTS), 2))
                grown[: self.count] = self._xy[: self.count]
                self._xy = grown
        self._xy[self.count] = (x, y)
        self.count += 1

    @property
    def x(self) -> np.ndarray:
        """Return the x values so far (a view)."""
        return self._xy[: self.count, 0]

    @property
    def y(self) -> np.ndarray:
        """Return the y values so far (a view)."""
        return self._xy[: self.count, 1]

    def points_from(self, start: int) -> list[list[float]]:
        """Return the points from index ``start`` on, as [x, y] lists of Python floats."""
        return self._xy[start : self.count].tolist()


RunOutcome = Finished | Stopped | Failed


@dataclass
class RunRecord:
    """One run: its settings, its four series (x is the epoch axis), and how it ended.

    The training series hold running values, with a NaN point between epochs
    (each epoch's running values are a line of their own); the test series
    hold one point at the end of each epoch.
    """

    index: int
    label: str
    config: TrainConfig
    series: dict[str, Series] = field(default_factory=lambda: {key: Series() for key in SERIES_KEYS})
    started: RunStarted | None = None
    outcome: RunOutcome | None = None
    epoch: int = 0
    highest_loss: float = 0.0  # kept as points arrive: a redraw must not rescan the series

    def record(self, event: TrainingEvent) -> None:
        """Take in one event of the run."""
        if isinstance(event, BatchProgress):
            self.add_running(event.epoch, event.epoch_progress, event.loss, event.accuracy)
        elif isinstance(event, EpochEnd):
            self.add("test_loss", event.epoch, event.test_loss)
            self.add("test_acc", event.epoch, event.test_accuracy)
        elif isinstance(event, RunStarted):
            self.started = event
        elif isinstance(event, (Finished, Stopped, Failed)):
            self.outcome = event

    def add_running(self, epoch: int, x: float, loss: float, accuracy: float) -> None:
        """Record running training values; a new epoch starts a new line segment."""
        if epoch != self.epoch and self.series["train_loss"].count:
            for key in ("train_loss", "train_acc"):
                self.series[key].append(x, math.nan)
        self.epoch = epoch
        self.add("train_loss", x, loss)
        self.add("train_acc", x, accuracy)

    def add(self, key: str, x: float, y: float) -> None:
        """Record one point of the series ``key``."""
        self.series[key].append(x, y)
        if key.endswith("loss") and y > self.highest_loss:  # False for NaN
            self.highest_loss = y

    @property
    def point_count(self) -> int:
        """Return how many points the run holds, epoch gaps included."""
        return sum(s.count for s in self.series.values())

    @property
    def last_epoch_position(self) -> float:
        """Return how far the training curves reach on the epoch axis (0 before any point)."""
        x = self.series["train_loss"].x
        return float(np.nanmax(x)) if x.size else 0.0

    def csv_rows(self) -> list[str]:
        """Return the run's points as CSV rows (see CSV_HEADER), training values first."""
        rows = []
        for kind in ("train", "test"):
            loss, acc = self.series[f"{kind}_loss"], self.series[f"{kind}_acc"]
            for x, lv, av in zip(loss.x, loss.y, acc.y, strict=True):
                if np.isnan(lv):
                    continue  # the gap between two epochs' running values
                rows.append(f"{self.index},{self.label},{kind},{x:.6f},{lv:.6f},{av:.6f}")
        return rows


class RunHistory:
    """The runs of this session, oldest first; the last one may still be training."""

    def __init__(self) -> None:
        self.runs: list[RunRecord] = []
        self._started = 0

    def start_run(self, config: TrainConfig, label: str) -> RunRecord:
        """Add a run with ``config``; ``label`` names it in legends and in the export."""
        self._started += 1
        run = RunRecord(self._started, label, config)
        self.runs.append(run)
        return run

    @property
    def next_index(self) -> int:
        """Return the number the next run will have (runs are numbered from 1, never reused)."""
        return self._started + 1

    def clear_earlier(self) -> list[RunRecord]:
        """Forget every run but the latest; return the runs forgotten."""
        removed, self.runs = self.runs[:-1], self.runs[-1:]
        return removed

    def point_count(self) -> int:
        """Return how many points all runs hold (bounded by design)."""
        return sum(run.point_count for run in self.runs)

    def to_csv(self) -> str:
        """Return every run's numbers as CSV text."""
        rows = [CSV_HEADER]
        for run in self.runs:
            rows += run.csv_rows()
        return "\n".join(rows) + "\n"
