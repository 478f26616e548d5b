"""The contour map of a loss surface, the racers' paths on it, and the loss of each step beside it."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Signal, Slot
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent

from core.optimizers.race import RacePath
from gui.widgets.plot_view import retranslate_menus

# Okabe and Ito's colours: told apart by colour-blind viewers too.
RACER_COLOURS = ("#E69F00", "#0072B2", "#009E73", "#CC79A7")
LEVELS = 14  # contour lines, spaced evenly in log(loss)


def _scaled(losses: np.ndarray) -> np.ndarray:
    """Return log(loss - lowest + a little): a valley's floor and its walls both show."""
    finite = np.where(np.isfinite(losses), losses, np.nanmax(losses[np.isfinite(losses)]))
    return np.log10(finite - finite.min() + 1e-3 * (np.ptp(finite) or 1.0))


def _contour_lines(scaled: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the contour lines of ``scaled[row=y, column=x]`` in the surface's coordinates.

    Every level's lines in two arrays, NaN between lines (one item draws them all).
    """
    parts_x, parts_y = [], []
    for level in np.linspace(scaled.min(), scaled.max(), LEVELS + 2)[1:-1]:
        for line in pg.functions.isocurve(scaled, float(level), connected=True):
            rows, columns = np.array(line, dtype=float).T  # isocurve gives (row, column) pairs
            parts_x += [np.interp(columns, np.arange(len(xs)), xs), [np.nan]]
            parts_y += [np.interp(rows, np.arange(len(ys)), ys), [np.nan]]
    if not parts_x:
        return np.array([]), np.array([])
    return np.concatenate(parts_x), np.concatenate(parts_y)


class ContourMap(pg.PlotWidget):
    """The surface as a coloured map with contour lines; paths drawn up to a step; clicks choose a start."""

    start_chosen = Signal(float, float)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("optimizerContour")
        self.setMinimumSize(360, 320)
        plot = self.getPlotItem()
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(pg.colormap.get("cividis"))
        plot.addItem(self.image)
        # The contour lines, every level in one item (NaN between lines): one item to paint.
        self.contours = pg.PlotCurveItem(pen=pg.mkPen((255, 255, 255, 120)))
        plot.addItem(self.contours)
        # The map and its lines change only with the surface, but the paths over them change every
        # frame: Qt repaints them from a pixmap instead of stroking thousands of segments again.
        for item in (self.image, self.contours, plot.getAxis("left"), plot.getAxis("bottom")):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.minima = pg.ScatterPlotItem(symbol="+", size=16, pen=pg.mkPen("w", width=2), brush=None)
        self.start_marker = pg.ScatterPlotItem(symbol="star", size=18, pen=pg.mkPen("k"), brush="w")
        plot.addItem(self.minima)
        # Lines only (a symbol at every step would be redrawn for every point at every frame);
        # each racer's position now is one dot of ``heads``.
        self.paths = [plot.plot(pen=pg.mkPen(colour, width=2.5)) for colour in RACER_COLOURS]
        self.heads = pg.ScatterPlotItem(size=9, pen=pg.mkPen("k"))
        plot.addItem(self.heads)
        self.ends = pg.ScatterPlotItem(symbol="x", size=18, pen=pg.mkPen("#D55E00", width=3))
        plot.addItem(self.ends)
        plot.addItem(self.start_marker)
        self.scene().sigMouseClicked.connect(self._on_clicked)

    def show_surface(
        self, xs: np.ndarray, ys: np.ndarray, losses: np.ndarray, minima, axes: tuple[str, str]
    ) -> None:
        """Draw the loss on its grid (``losses[row=y, column=x]``), its minima and the axes' names."""
        scaled = _scaled(losses)
        width, height = xs[-1] - xs[0], ys[-1] - ys[0]
        self.image.setImage(scaled, autoLevels=True)
        self.image.setRect(float(xs[0]), float(ys[0]), float(width), float(height))
        x, y = _contour_lines(scaled, xs, ys)
        self.contours.setData(x, y, connect="finite")
        self.minima.setData(pos=np.array(minima, dtype=float).reshape(-1, 2))
        plot = self.getPlotItem()
        plot.setLabel("bottom", axes[0])
        plot.setLabel("left", axes[1])  # a parameter's name, code: not rotated Chinese
        plot.setRange(xRange=(xs[0], xs[-1]), yRange=(ys[0], ys[-1]), padding=0)

    def show_start(self, x: float, y: float) -> None:
        """Mark where the racers start."""
        self.start_marker.setData(pos=[(x, y)])

    def show_paths(self, paths: tuple[RacePath, ...], shown: int) -> None:
        """Draw each path's first ``shown`` steps; mark where a diverged path stopped once it gets there."""
        stopped, heads, brushes = [], [], []
        for index, item in enumerate(self.paths):
            if index >= len(paths):
                item.setData([], [])
                continue
            points = paths[index].points[: shown + 1]
            item.setData(points[:, 0], points[:, 1])
            heads.append(points[-1])
            brushes.append(pg.mkBrush(RACER_COLOURS[index]))
            if paths[index].diverged and shown + 1 >= len(paths[index].points):
                stopped.append(points[-1])
        self.heads.setData(pos=np.array(heads).reshape(-1, 2), brush=brushes)
        self.ends.setData(pos=np.array(stopped).reshape(-1, 2))

    @Slot(object)
    def _on_clicked(self, event: QGraphicsSceneMouseEvent) -> None:
        view = self.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(event.scenePos()):
            return
        point: QPointF = view.mapSceneToView(event.scenePos())
        self.start_chosen.emit(point.x(), point.y())

    def retranslate(self) -> None:
        """Word the right-click menus in the current language."""
        retranslate_menus(self.getPlotItem())


class LossPlot(pg.PlotWidget):
    """The loss at each step of each path, on a log scale, up to the step shown."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("optimizerLossPlot")
        self.setMinimumSize(260, 180)
        plot = self.getPlotItem()
        plot.setLogMode(y=True)
        plot.showGrid(x=True, y=True, alpha=0.2)
        self.curves = [plot.plot(pen=pg.mkPen(colour, width=2)) for colour in RACER_COLOURS]

    def start_race(self, paths: tuple[RacePath, ...]) -> None:
        """Use a log scale when every loss of the race is above 0 (a saddle's can be negative)."""
        plot = self.getPlotItem()
        losses = np.concatenate([path.losses for path in paths]) if paths else np.ones(1)
        finite = losses[np.isfinite(losses)]
        log = bool(finite.size and finite.min() > 0)
        plot.setLogMode(y=log)
        # Ranges fixed for the whole race: an axis that rescales each frame repaints each frame.
        plot.disableAutoRange()
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        if log:
            low, high = np.log10(low), np.log10(high)
        plot.setRange(xRange=(0, max(len(path.losses) for path in paths) if paths else 1), yRange=(low, high))
        self.show_paths(paths, 0)

    def show_paths(self, paths: tuple[RacePath, ...], shown: int) -> None:
        """Draw each path's loss up to step ``shown`` (on a log scale, values at or below 0 are left out)."""
        for index, curve in enumerate(self.curves):
            if index >= len(paths):
                curve.setData([], [])
                continue
            losses = paths[index].losses[: shown + 1]
            steps = np.arange(len(losses))
            keep = np.isfinite(losses) & ((losses > 0) | (not self.getPlotItem().ctrl.logYCheck.isChecked()))
            curve.setData(steps[keep], losses[keep])

    def retranslate(self) -> None:
        """Word the right-click menus in the current language."""
        retranslate_menus(self.getPlotItem())
