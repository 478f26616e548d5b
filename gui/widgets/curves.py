"""Live loss and accuracy plots: one set of curves a run, earlier runs kept dimmed.

Training runs in another thread, and the two threads share Python's GIL: every
millisecond the plots spend in Python code is a millisecond training waits. So
the curves are Qt's own items (a path for each series, a circle for each test
point) placed in pyqtgraph's views: a redraw adds the new points to each path,
and Qt paints the paths without calling back into Python. Earlier runs no
longer change: they are painted once into each view's cached background, so
however many there are, the live curves do not slow down. pyqtgraph still
provides the axes, zoom and pan, and the exporters. Points live in buffers that
double when full and thin out past MAX_POINTS, so long runs stay bounded.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

RUN_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf")
MAX_POINTS = 20_000  # per series; past it, every other point is dropped
SERIES_KEYS = ("train_loss", "test_loss", "train_acc", "test_acc")


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


class SeriesLine(QGraphicsPathItem):
    """One series as a Qt path item, in data coordinates, that grows as points arrive.

    A redraw adds only the new points to the path, so its cost does not grow with
    the run. Qt finds a path item's bounds from its shape, by default the path
    stroked with the pen in data units: wrong for a cosmetic pen, and slow. Here
    the shape is the path itself; Qt asks for it once per new path and keeps the
    bounds in C++. (Qt asks every item for its bounds at every repaint: a Python
    boundingRect would take the GIL that often, for every earlier run too.)
    """

    def __init__(self, pen: QPen) -> None:
        super().__init__()
        self.setPen(pen)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._drawn = 0  # points of the series already in the path
        self._thinnings = 0
        self._pen_down = False  # whether the next point continues a line

    def follow(self, series: Series) -> None:
        """Add the series' new points to the path; a NaN point ends a line segment."""
        path = self.path()
        if series.thinnings != self._thinnings:  # the points moved: draw them all again
            path, self._drawn, self._pen_down = QPainterPath(), 0, False
            self._thinnings = series.thinnings
        for x, y in series.points_from(self._drawn):
            if math.isfinite(x) and math.isfinite(y):
                if self._pen_down:
                    path.lineTo(x, y)
                else:
                    path.moveTo(x, y)
                self._pen_down = True
            else:
                self._pen_down = False
        self._drawn = series.count
        self.setPath(path)

    def shape(self) -> QPainterPath:
        """Return the path itself."""
        return self.path()


def _pen(colour: QColor, width: float, dashed: bool) -> QPen:
    pen = QPen(colour, width, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
    pen.setCosmetic(True)  # widths in pixels whatever the zoom
    return pen


class PlotView(pg.PlotWidget):
    """A PlotWidget that Qt paints without a Python paintEvent, earlier runs in its background.

    pyqtgraph's paintEvent tells the scene a paint is coming (so that views apply
    pending range changes) and then calls Qt's, holding the GIL for the whole
    paint. Here the scene is told by an event filter that returns before Qt paints.

    Earlier runs do not change, yet as items they would be stroked again at every
    repaint: dozens of runs cost more than the live curves. They are painted once
    into the view's cached background instead, again only when the view moves.
    """

    paintEvent = QGraphicsView.paintEvent  # noqa: N815 - Qt's name

    def __init__(self) -> None:
        super().__init__()
        self.backdrop: list[QGraphicsPathItem] = []
        self.viewport().installEventFilter(self)
        # The background cache (pyqtgraph turns it on) holds the backdrop: redraw it when the view moves.
        self.getPlotItem().vb.sigTransformChanged.connect(self.resetCachedContent)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Prepare the scene just before the viewport paints."""
        kind = event.type()
        if kind == QEvent.Type.Paint:
            self.scene().prepareForPaint()
        elif kind == QEvent.Type.DevicePixelRatioChange:  # a screen with another scale: a sharp backdrop
            self.resetCachedContent()
        return False

    def set_backdrop(self, lines: list[QGraphicsPathItem]) -> None:
        """Paint ``lines`` (items of this plot, bottom first) in the cached background, not as items."""
        self._paint_backdrop_as_items(True)
        self.backdrop = list(lines)
        self._paint_backdrop_as_items(False)
        self.resetCachedContent()

    @contextmanager
    def backdrop_as_items(self) -> Iterator[None]:
        """Let the backdrop's lines paint as items, for exporters that render the scene itself."""
        self._paint_backdrop_as_items(True)
        try:
            yield
        finally:
            self._paint_backdrop_as_items(False)

    def _paint_backdrop_as_items(self, as_items: bool) -> None:
        for line in self.backdrop:
            line.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, not as_items)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802 - Qt's name
        """Fill the background, then draw the backdrop's lines clipped to the data area."""
        super().drawBackground(painter, rect)
        if not self.backdrop:
            return
        view_box = self.getPlotItem().vb
        painter.save()
        painter.setRenderHints(self.renderHints())  # the cache's painter starts without antialiasing
        painter.setClipRect(view_box.sceneBoundingRect(), Qt.ClipOperation.IntersectClip)
        painter.setTransform(view_box.childGroup.sceneTransform(), combine=True)
        for line in self.backdrop:
            painter.setPen(line.pen())
            painter.drawPath(line.path())
        painter.restore()


class RunCurves:
    """The four series of one run and the Qt items that draw them."""

    MARKER_RADIUS = 4.0

    def __init__(self, index: int, label: str, loss_plot: pg.PlotItem, accuracy_plot: pg.PlotItem) -> None:
        self.index = index
        self.label = label
        self.colour = QColor(RUN_COLOURS[(index - 1) % len(RUN_COLOURS)])
        self.series = {key: Series() for key in SERIES_KEYS}
        self.plots = {
            "train_loss": loss_plot,
            "test_loss": loss_plot,
            "train_acc": accuracy_plot,
            "test_acc": accuracy_plot,
        }
        self.lines: dict[str, SeriesLine] = {}
        self.markers: dict[str, list[QGraphicsEllipseItem]] = {"test_loss": [], "test_acc": []}
        for key, plot in self.plots.items():
            line = SeriesLine(_pen(self.colour, 2, dashed=key.startswith("test")))
            line.setZValue(10 + 2 * index)  # the newest run on top
            plot.addItem(line)
            self.lines[key] = line
        self.changed: set[str] = set()
        self.epoch = 0
        self.highest_loss = 0.0  # kept as points arrive: redraws must not rescan the series
        self.dimmed = False

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
        if key.endswith("loss") and y > self.highest_loss:  # False for NaN
            self.highest_loss = y

    @property
    def dirty(self) -> bool:
        """Tell whether points arrived since the last redraw."""
        return bool(self.changed)

    def redraw(self) -> None:
        """Push buffered points to the items (only the series that changed)."""
        for key in self.changed:
            series = self.series[key]
            self.lines[key].follow(series)
            if key in self.markers:
                self._add_markers(key)
        self.changed.clear()

    def _add_markers(self, key: str) -> None:
        markers, series = self.markers[key], self.series[key]
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

    def dim(self, background: QColor) -> None:
        """Fade this run towards ``background`` so that the current one stands out.

        Faded lines are opaque blends of the two colours (alpha blending costs
        more to paint) and 1 px wide; the markers go, the dashes still tell test
        from training.
        """
        faded = QColor.fromRgbF(
            *(
                0.45 * a + 0.55 * b
                for a, b in zip(self.colour.getRgbF()[:3], background.getRgbF()[:3], strict=True)
            )
        )
        for key, line in self.lines.items():
            line.setPen(_pen(faded, 1, dashed=key.startswith("test")))
            line.setZValue(1 + self.index)
        self._remove_markers()
        self.redraw()  # points still buffered: the backdrop is painted from the paths
        self.dimmed = True

    def remove(self) -> None:
        """Take this run's items off their plots."""
        for key, line in self.lines.items():
            self.plots[key].removeItem(line)
        self._remove_markers()

    def _remove_markers(self) -> None:
        for key, markers in self.markers.items():
            for marker in markers:
                self.plots[key].removeItem(marker)
        self.markers = {}


class TrainingCurves(QWidget):
    """The loss plot and the accuracy plot, with hover read-outs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loss_widget = self._make_plot("lossPlot", self.tr("Loss"), self.tr("cross-entropy loss"))
        self.accuracy_widget = self._make_plot("accuracyPlot", self.tr("Accuracy"), self.tr("accuracy"))
        self.accuracy_widget.setYRange(0, 1)
        self.loss_readout = QLabel(self.tr("Hover a curve to read its values."))
        self.accuracy_readout = QLabel(" ")
        # A Qt label rather than pyqtgraph's in-plot legend: it never covers a curve,
        # screen readers can read it, and it costs nothing while the curves redraw.
        self.legend = QLabel(self.tr("Start a run to see its curves here."))
        self.legend.setObjectName("curvesLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        plots = QHBoxLayout()
        for widget, readout in (
            (self.loss_widget, self.loss_readout),
            (self.accuracy_widget, self.accuracy_readout),
        ):
            column = QVBoxLayout()
            column.addWidget(widget, 1)
            column.addWidget(readout)
            plots.addLayout(column)
        layout.addLayout(plots, 1)
        self.runs: list[RunCurves] = []
        self.loss_widget.scene().sigMouseMoved.connect(self._on_loss_hover)
        self.accuracy_widget.scene().sigMouseMoved.connect(self._on_accuracy_hover)

    def _make_plot(self, name: str, title: str, y_label: str) -> PlotView:
        widget = PlotView()
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
        # The axes change rarely but border the curves, so every curve update would
        # call their Python paint again; Qt repaints them from a pixmap instead.
        for side in ("left", "bottom"):
            plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        widget.setMinimumSize(260, 200)
        return widget

    def start_run(self, label: str, epochs: int | None = None) -> RunCurves:
        """Dim earlier runs and add curves for a new run; the legend names the new one.

        With ``epochs``, the x axis is fixed to the run's length up front: an axis
        that rescales with every point repaints itself every time, which is most
        of what live plotting costs.
        """
        if epochs:
            longest = max(
                [epochs]
                + [
                    int(np.ceil(r.series["train_loss"].x.max()))
                    for r in self.runs
                    if r.series["train_loss"].count
                ]
            )
            for widget in (self.loss_widget, self.accuracy_widget):
                widget.getPlotItem().setXRange(0, longest, padding=0.02)
        for run in self.runs:
            if not run.dimmed:
                run.dim(self.loss_widget.backgroundBrush().color())
        run = RunCurves(
            len(self.runs) + 1, label, self.loss_widget.getPlotItem(), self.accuracy_widget.getPlotItem()
        )
        self.runs.append(run)
        self._update_backdrops()
        self._update_legend()
        return run

    def _update_backdrops(self) -> None:
        earlier = [run for run in self.runs if run.dimmed]
        for widget, keys in (
            (self.loss_widget, ("train_loss", "test_loss")),
            (self.accuracy_widget, ("train_acc", "test_acc")),
        ):
            widget.set_backdrop([run.lines[key] for run in earlier for key in keys])

    def _update_legend(self) -> None:
        if not self.runs:
            self.legend.setText(self.tr("Start a run to see its curves here."))
            return
        run = self.runs[-1]
        colour = run.colour.name()
        text = self.tr(
            "{0}: <span style='color:{1}'>━━</span> training (running values) &nbsp; "
            "<span style='color:{1}'>╍ ●</span> test (after each epoch)"
        ).format(html.escape(run.label), colour)
        if len(self.runs) > 1:
            text += self.tr(" &nbsp; Earlier runs are drawn faded.")
        self.legend.setText(text)

    def clear_runs(self) -> None:
        """Remove every run but the latest (which may still be training)."""
        for run in self.runs[:-1]:
            run.remove()
        self.runs = self.runs[-1:]
        self._update_backdrops()
        self._update_legend()

    def redraw(self) -> None:
        """Draw what arrived since the last redraw (called by a timer at a bounded rate)."""
        for run in self.runs:
            if run.dirty:
                self._fit_loss(run)
            run.redraw()

    def _fit_loss(self, run: RunCurves) -> None:
        """Grow the loss plot's y range when a run's loss goes above it (it never shrinks by itself)."""
        plot = self.loss_widget.getPlotItem()
        top = run.highest_loss
        if np.isfinite(top) and top > plot.vb.viewRange()[1][1]:
            plot.setYRange(0, top * 1.1, padding=0)

    def render_images(self, width: int) -> dict[str, QImage]:
        """Render both plots as images ``width`` pixels wide, each with a legend of every run."""
        import pyqtgraph.exporters

        images = {}
        for name, widget in (("loss", self.loss_widget), ("accuracy", self.accuracy_widget)):
            plot = widget.getPlotItem()
            legend = pg.LegendItem(offset=(-10, 10))
            legend.setParentItem(plot.vb)
            for run in self.runs:
                for kind, key in ((self.tr("training"), "train_loss"), (self.tr("test"), "test_loss")):
                    # A stand-in that only tells the legend how to draw this series' sample. It
                    # holds one point: pyqtgraph styles a symbol only once it has data to draw.
                    sample = pg.PlotDataItem(
                        [0.0],
                        [0.0],
                        pen=run.lines[key].pen(),
                        symbolBrush=run.colour,
                        symbolPen=run.colour.darker(130),
                        symbolSize=2 * RunCurves.MARKER_RADIUS,
                        symbol="o" if key.startswith("test") and not run.dimmed else None,
                    )
                    legend.addItem(sample, f"{run.label}: {kind}")
            exporter = pyqtgraph.exporters.ImageExporter(plot)
            exporter.parameters()["width"] = width
            with widget.backdrop_as_items():  # the exporter renders the scene, not the view's background
                images[name] = exporter.export(toBytes=True)
            plot.vb.scene().removeItem(legend)
        return images

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

    def _nearest(
        self, widget: pg.PlotWidget, pos: QPointF, keys: tuple[str, str]
    ) -> tuple[RunCurves, str, int] | None:
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
        return self.tr("{0}, {1}: epoch {2:.2f}, {3} {4:.4f}").format(
            run.label, kind, series.x[i], what, series.y[i]
        )

    @Slot(object)
    def _on_loss_hover(self, pos: QPointF) -> None:
        hit = self._nearest(self.loss_widget, pos, ("train_loss", "test_loss"))
        self.loss_readout.setText(self._describe(hit, self.tr("loss")))

    @Slot(object)
    def _on_accuracy_hover(self, pos: QPointF) -> None:
        hit = self._nearest(self.accuracy_widget, pos, ("train_acc", "test_acc"))
        self.accuracy_readout.setText(self._describe(hit, self.tr("accuracy")))
