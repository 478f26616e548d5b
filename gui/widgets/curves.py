"""Live loss and accuracy plots: one set of curves a run, earlier runs kept dimmed.

Curves are created once per run and only ``setData`` afterwards, from buffers
that double when full (pyqtgraph's scrollingPlots pattern); plots clip to view
and peak-downsample, so long runs stay smooth and bounded.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

RUN_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf")
MAX_POINTS = 20_000  # per series; past it, every other point is dropped


class Series:
    """An (x, y) buffer that grows by doubling and thins itself past MAX_POINTS."""

    def __init__(self) -> None:
        self._xy = np.empty((256, 2))
        self.count = 0

    def append(self, x: float, y: float) -> None:
        """Add one point."""
        if self.count == len(self._xy):
            if self.count >= MAX_POINTS:
                self._xy[: self.count // 2] = self._xy[: self.count : 2]
                self.count //= 2
            else:
                grown = np.empty((2 * len(self._xy), 2))
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


class RunCurves:
    """The four series of one run and the plot items that draw them."""

    def __init__(self, index: int, label: str, loss_plot: pg.PlotItem, accuracy_plot: pg.PlotItem) -> None:
        self.index = index
        self.label = label
        self.colour = QColor(RUN_COLOURS[(index - 1) % len(RUN_COLOURS)])
        self.series = {key: Series() for key in ("train_loss", "test_loss", "train_acc", "test_acc")}
        self.items: dict[str, pg.PlotDataItem] = {}
        for key, plot in (("train_loss", loss_plot), ("test_loss", loss_plot),
                          ("train_acc", accuracy_plot), ("test_acc", accuracy_plot)):
            is_test = key.startswith("test")
            name = f"{label}: {'test (each epoch)' if is_test else 'train (running)'}"
            item = plot.plot(
                name=name,
                connect="finite",  # a NaN between epochs: running values restart each epoch
                pen=pg.mkPen(self.colour, width=2, style=Qt.PenStyle.DashLine if is_test else Qt.PenStyle.SolidLine),
                symbol="o" if is_test else None,
                symbolBrush=self.colour,
                symbolSize=8,
            )
            self.items[key] = item
        self.changed: set[str] = set()
        self.epoch = 0

    def add_running(self, epoch: int, x: float, loss: float, accuracy: float) -> None:
        """Record running training values; a new epoch starts a new line segment."""
        if epoch != self.epoch and self.series["train_loss"].count:
            for key in ("train_loss", "train_acc"):
                self.series[key].append(x, float("nan"))
        self.epoch = epoch
        self.add("train_loss", x, loss)
        self.add("train_acc", x, accuracy)

    def add(self, key: str, x: float, y: float) -> None:
        """Record a point; it is drawn at the next :meth:`redraw`."""
        self.series[key].append(x, y)
        self.changed.add(key)

    @property
    def dirty(self) -> bool:
        """Tell whether points arrived since the last redraw."""
        return bool(self.changed)

    def redraw(self) -> None:
        """Push buffered points to the plot items (only when something changed)."""
        for key in self.changed:  # only what changed: the test series move once an epoch
            self.items[key].setData(self.series[key].x, self.series[key].y)
        self.changed.clear()

    def dim(self) -> None:
        """Fade this run so that the current one stands out."""
        faded = QColor(self.colour)
        faded.setAlpha(110)  # still visible on a dark background
        for key, item in self.items.items():
            item.setPen(pg.mkPen(faded, width=1.5,
                                 style=Qt.PenStyle.DashLine if key.startswith("test") else Qt.PenStyle.SolidLine))
            item.setSymbolBrush(faded)
            item.setSymbolPen(faded)

    def remove(self) -> None:
        """Take this run's items off their plots."""
        for item in self.items.values():
            plot = item.getViewBox()
            if plot is not None:
                plot.removeItem(item)


class TrainingCurves(QWidget):
    """The loss plot and the accuracy plot, with hover read-outs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loss_widget = self._make_plot("lossPlot", self.tr("Loss"), self.tr("cross-entropy loss"))
        self.accuracy_widget = self._make_plot("accuracyPlot", self.tr("Accuracy"), self.tr("accuracy"))
        self.accuracy_widget.setYRange(0, 1)
        self.loss_readout = QLabel(self.tr("Hover a curve to read its values."))
        self.accuracy_readout = QLabel(" ")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget, readout in ((self.loss_widget, self.loss_readout), (self.accuracy_widget, self.accuracy_readout)):
            column = QVBoxLayout()
            column.addWidget(widget, 1)
            column.addWidget(readout)
            layout.addLayout(column)
        self.runs: list[RunCurves] = []
        self.loss_widget.scene().sigMouseMoved.connect(self._on_loss_hover)
        self.accuracy_widget.scene().sigMouseMoved.connect(self._on_accuracy_hover)

    def _make_plot(self, name: str, title: str, y_label: str) -> pg.PlotWidget:
        widget = pg.PlotWidget()
        widget.setObjectName(name)
        widget.setAccessibleName(title)
        widget.setToolTip(self.tr("{0}. Drag to pan, wheel to zoom, right-click for options.").format(title))
        plot = widget.getPlotItem()
        plot.setTitle(title)
        plot.setLabel("bottom", self.tr("epoch"))
        plot.setLabel("left", y_label)
        # No grid, and ranges set by hand rather than auto-ranged: either makes every
        # update repaint the whole plot (axes included) instead of just the curves.
        plot.disableAutoRange()
        plot.addLegend(offset=(-10, 10))
        plot.setClipToView(True)
        plot.setDownsampling(auto=True, mode="peak")
        widget.setMinimumSize(260, 200)
        return widget

    def start_run(self, label: str, epochs: int | None = None) -> RunCurves:
        """Dim earlier runs, drop them from the legends, and add curves for a new run.

        With ``epochs``, the x axis is fixed to the run's length up front: an axis
        that rescales with every point repaints itself every time, which is most
        of what live plotting costs.
        """
        if epochs:
            longest = max([epochs] + [int(np.ceil(r.series["train_loss"].x.max())) for r in self.runs
                                      if r.series["train_loss"].count])
            for widget in (self.loss_widget, self.accuracy_widget):
                widget.getPlotItem().setXRange(0, longest, padding=0.02)
        for run in self.runs:
            run.dim()
            for plot in (self.loss_widget.getPlotItem(), self.accuracy_widget.getPlotItem()):
                for item in run.items.values():
                    plot.legend.removeItem(item)
        run = RunCurves(len(self.runs) + 1, label, self.loss_widget.getPlotItem(),
                        self.accuracy_widget.getPlotItem())
        self.runs.append(run)
        return run

    def clear_runs(self) -> None:
        """Remove every run but the latest (which may still be training)."""
        for run in self.runs[:-1]:
            run.remove()
        self.runs = self.runs[-1:]

    def redraw(self) -> None:
        """Draw what arrived since the last redraw (called by a timer at a bounded rate)."""
        for run in self.runs:
            if run.dirty:
                self._fit_loss(run)
            run.redraw()

    def _fit_loss(self, run: RunCurves) -> None:
        """Grow the loss plot's y range when a run's loss goes above it (it never shrinks by itself)."""
        plot = self.loss_widget.getPlotItem()
        top = max((float(np.nanmax(run.series[k].y)) for k in ("train_loss", "test_loss")
                   if run.series[k].count), default=0.0)
        if np.isfinite(top) and top > plot.vb.viewRange()[1][1]:
            plot.setYRange(0, top * 1.1, padding=0)

    def point_count(self) -> int:
        """Return how many points all runs hold (bounded by design), epoch gaps included."""
        return sum(s.count for run in self.runs for s in run.series.values())

    def to_csv(self) -> str:
        """Return every run's numbers as CSV text."""
        rows = ["run,label,series,epoch,loss,accuracy"]
        for run in self.runs:
            for kind in ("train", "test"):
                loss, acc = run.series[f"{kind}_loss"], run.series[f"{kind}_acc"]
                for x, lv, av in zip(loss.x, loss.y, acc.y, strict=False):
                    if np.isnan(lv):
                        continue  # the gap between two epochs' running values
                    rows.append(f"{run.index},{run.label},{kind},{x:.6f},{lv:.6f},{av:.6f}")
        return "\n".join(rows) + "\n"

    def _nearest(self, widget: pg.PlotWidget, pos: QPointF, keys: tuple[str, str]) -> tuple[RunCurves, str, int] | None:
        if not self.runs or not widget.sceneBoundingRect().contains(pos):
            return None
        point = widget.getPlotItem().vb.mapSceneToView(pos)
        best, best_distance = None, float("inf")
        view_range = widget.getPlotItem().vb.viewRange()
        x_scale = max(view_range[0][1] - view_range[0][0], 1e-9)
        y_scale = max(view_range[1][1] - view_range[1][0], 1e-9)
        for run in self.runs:
            for key in keys:
                series = run.series[key]
                if series.count == 0:
                    continue
                d = ((series.x - point.x()) / x_scale) ** 2 + ((series.y - point.y()) / y_scale) ** 2
                if np.isnan(d).all():
                    continue
                i = int(np.nanargmin(d))
                if d[i] < best_distance:
                    best, best_distance = (run, key, i), float(d[i])
        return best if best_distance < 0.003 else None

    def _describe(self, hit: tuple[RunCurves, str, int] | None, what: str) -> str:
        if hit is None:
            return " "
        run, key, i = hit
        series = run.series[key]
        kind = self.tr("test") if key.startswith("test") else self.tr("train")
        return self.tr("{0}, {1}: epoch {2:.2f}, {3} {4:.4f}").format(run.label, kind, series.x[i], what, series.y[i])

    @Slot(object)
    def _on_loss_hover(self, pos: QPointF) -> None:
        hit = self._nearest(self.loss_widget, pos, ("train_loss", "test_loss"))
        self.loss_readout.setText(self._describe(hit, self.tr("loss")))

    @Slot(object)
    def _on_accuracy_hover(self, pos: QPointF) -> None:
        hit = self._nearest(self.accuracy_widget, pos, ("train_acc", "test_acc"))
        self.accuracy_readout.setText(self._describe(hit, self.tr("accuracy")))
