"""One run's curves on the plots: its lines, test points and learning-rate marks, in the run's colour.

The points live in the Qt-free run history (core/training/history.py); a
run's items only draw them. Each series is a Qt path item that only grows
(gui/widgets/plot_view.py) and each test point a Qt circle, so a redraw adds
the new points and does as little Python as it can.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem

from core.models.config import TrainConfig
from core.models.networks import model_name
from core.training.history import RunRecord
from gui.widgets.plot_view import SeriesLine, line_pen

RUN_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf")
LOSS_KEYS = ("train_loss", "test_loss")
BATCH_KEYS = ("batch_loss", "batch_loss_ema")
BATCH_LOSS_KEYS = ("batch_loss_ema", "test_loss")  # what the per-batch view shows and reads out
ACCURACY_KEYS = ("train_acc", "test_acc")
RUNNING, PER_BATCH = "running", "batch"  # the loss plot's two views


def run_label(index: int, config: TrainConfig) -> str:
    """Name run ``index`` in legends, read-outs and the log: ``Run 2: MLP (ReLU)``."""
    name = model_name(config.model, config.activation)
    return QCoreApplication.translate("RunCurves", "Run {0}: {1}").format(index, name)


class RunCurves:
    """The Qt items that draw one run of the history: its lines, test points and learning-rate marks."""

    MARKER_RADIUS = 4.0

    def __init__(
        self, record: RunRecord, loss_plot: pg.PlotItem, accuracy_plot: pg.PlotItem, view: str = RUNNING
    ) -> None:
        self.record = record
        self.colour = QColor(RUN_COLOURS[(record.index - 1) % len(RUN_COLOURS)])
        self.plots = {
            "train_loss": loss_plot,
            "test_loss": loss_plot,
            "train_acc": accuracy_plot,
            "test_acc": accuracy_plot,
            "batch_loss": loss_plot,
            "batch_loss_ema": loss_plot,
        }
        self.lines: dict[str, SeriesLine] = {}
        self.markers: dict[str, list[QGraphicsEllipseItem]] = {"test_loss": [], "test_acc": []}
        self.lr_marks: list[pg.InfiniteLine] = []
        for key in ("train_loss", "test_loss", "train_acc", "test_acc"):
            self.lines[key] = self._add_line(key, line_pen(self.colour, 2, dashed=key.startswith("test")))
        # Each batch's loss, faint behind its moving average: the noise and the trend.
        self.batch_lines = {
            "batch_loss": self._add_line("batch_loss", line_pen(self._faded(0.25), 1, dashed=False)),
            "batch_loss_ema": self._add_line("batch_loss_ema", line_pen(self.colour, 2, dashed=False)),
        }
        self.dimmed = False
        self.set_view(view)

    def _add_line(self, key: str, pen: QPen) -> SeriesLine:
        line = SeriesLine(pen)
        line.setZValue(10 + 2 * self.record.index)  # the newest run on top
        self.plots[key].addItem(line)
        return line

    def _faded(self, weight: float, background: QColor | None = None) -> QColor:
        """Return the run's colour blended ``weight`` over ``background`` (white by default), opaque."""
        background = background or QColor("white")
        return QColor.fromRgbF(
            *(
                weight * a + (1 - weight) * b
                for a, b in zip(self.colour.getRgbF()[:3], background.getRgbF()[:3], strict=True)
            )
        )

    @property
    def label(self) -> str:
        """Return the run's name, as the legend shows it, in the current language."""
        return run_label(self.record.index, self.record.config)

    def shown_lines(self) -> dict[str, SeriesLine]:
        """Return the lines the current view shows, by series key."""
        return {key: line for key, line in self.all_lines().items() if line.isVisible()}

    def all_lines(self) -> dict[str, SeriesLine]:
        """Return every line of the run, shown or not, by series key."""
        return {**self.lines, **self.batch_lines}

    def set_view(self, view: str) -> None:
        """Show the loss as the lesson's running average (RUNNING) or batch by batch (PER_BATCH)."""
        self.lines["train_loss"].setVisible(view == RUNNING)
        for line in self.batch_lines.values():
            line.setVisible(view == PER_BATCH)
        self.redraw()  # the lines now shown catch up with the points

    def redraw(self) -> bool:
        """Draw the points that arrived since the last redraw; tell whether there were any."""
        changed = False
        for key, line in self.shown_lines().items():
            series = self.record.series[key]
            if line.is_behind(series):
                line.follow(series)
                if key in self.markers:
                    self._add_markers(key)
                changed = True
        if len(self.lr_marks) < 2 * len(self.record.lr_changes):
            self._add_lr_marks()
        return changed

    def _add_markers(self, key: str) -> None:
        markers, series = self.markers[key], self.record.series[key]
        r = self.MARKER_RADIUS
        for x, y in zip(series.x[len(markers) :], series.y[len(markers) :], strict=True):
            marker = QGraphicsEllipseItem(-r, -r, 2 * r, 2 * r)
            # Round and pixel-sized at any zoom; placed at the point in data coordinates.
            marker.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            marker.setPen(QPen(self.colour.darker(130), 1))
            marker.setBrush(self.colour)
            marker.setZValue(self.lines[key].zValue() + 1)
            self.plots[key].addItem(marker, ignoreBounds=True)
            marker.setPos(float(x), float(y))
            markers.append(marker)

    def _add_lr_marks(self) -> None:
        """Mark each change of the learning rate with a labelled vertical line on both plots."""
        for change in self.record.lr_changes[len(self.lr_marks) // 2 :]:
            for plot in (self.plots["train_loss"], self.plots["train_acc"]):
                mark = pg.InfiniteLine(
                    pos=change.position,
                    angle=90,
                    pen=line_pen(self.colour, 1, dashed=True),
                    label=f"lr {change.new:g}",
                    labelOpts={"position": 0.92, "color": self.colour, "anchors": [(0, 0.5), (0, 0.5)]},
                )
                mark.setZValue(self.lines["train_loss"].zValue() + 1)
                plot.addItem(mark, ignoreBounds=True)
                self.lr_marks.append(mark)

    def dim(self, background: QColor) -> None:
        """Fade this run towards ``background`` so that the current one stands out.

        Faded lines are opaque blends of the two colours (alpha blending costs
        more to paint) and 1 px wide; the test points stay, faded too, so that
        every run's test accuracy can still be read.
        """
        faded = self._faded(0.45, background)
        for key, line in self.lines.items():
            line.setPen(line_pen(faded, 1, dashed=key.startswith("test")))
            line.setZValue(1 + self.record.index)
        self.batch_lines["batch_loss"].setPen(line_pen(self._faded(0.15, background), 1, dashed=False))
        self.batch_lines["batch_loss_ema"].setPen(line_pen(faded, 1, dashed=False))
        for line in self.batch_lines.values():
            line.setZValue(1 + self.record.index)
        for markers in self.markers.values():
            for marker in markers:
                marker.setPen(QPen(faded.darker(115), 1))
                marker.setBrush(faded)
                marker.setZValue(2 + self.record.index)
        for mark in self.lr_marks:
            mark.setPen(line_pen(faded, 1, dashed=True))
        self.redraw()  # points not drawn yet: the backdrop is painted from the paths
        self.dimmed = True

    def remove(self) -> None:
        """Take this run's items off their plots."""
        for key, line in self.all_lines().items():
            self.plots[key].removeItem(line)
        for key, markers in self.markers.items():
            for marker in markers:
                self.plots[key].removeItem(marker)
        self.markers = {}
        for i, mark in enumerate(self.lr_marks):
            (self.plots["train_loss"] if i % 2 == 0 else self.plots["train_acc"]).removeItem(mark)
        self.lr_marks = []
