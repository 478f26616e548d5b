"""What Qt paints for the curves: a plot view with no Python paintEvent, and lines that grow.

Training runs in another thread, and the two threads share Python's GIL: every
millisecond the plots spend in Python code is a millisecond training waits. So
a series is a Qt path item (:class:`SeriesLine`) placed in pyqtgraph's view: a
redraw adds the new points to the path, and Qt paints it without calling back
into Python. Lines that no longer change (earlier runs) are painted once into
the view's cached background (:class:`PlotView`), so however many there are,
the live curves do not slow down. pyqtgraph still provides the axes, zoom and
pan, and the exporters.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsView

from core.training.history import Series

# Relative to x: far below a pixel at any zoom, yet not equal to x as Qt compares points.
DOT_STEP = 1e-9


def line_pen(colour: QColor, width: float, dashed: bool) -> QPen:
    """Return a pen whose width is in pixels whatever the zoom."""
    pen = QPen(colour, width, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
    pen.setCosmetic(True)
    return pen


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

    def is_behind(self, series: Series) -> bool:
        """Tell whether the series has points the path does not show yet."""
        return series.count != self._drawn or series.thinnings != self._thinnings

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
                    # A line's first point, alone, would draw nothing (nor would a step of length
                    # zero); a tiny step draws the pen's square cap: a dot, the run's first point.
                    path.moveTo(x, y)
                    path.lineTo(x + DOT_STEP * max(abs(x), 1.0), y)
                self._pen_down = True
            else:
                self._pen_down = False
        self._drawn = series.count
        self.setPath(path)

    def shape(self) -> QPainterPath:
        """Return the path itself."""
        return self.path()


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


def retranslate_menus(plot: pg.PlotItem) -> None:
    """Word pyqtgraph's right-click menus of ``plot`` in the current language.

    pyqtgraph words them once, when a plot is made, with its own strings
    (translated in translations/zh_CN/pyqtgraph.ts); a language change re-words
    them here. pyqtgraph is pinned to 0.14.x, whose menus these attributes name.
    """
    # pyqtgraph's words, looked up in pyqtgraph's own contexts (not extracted here a second time).
    pyqtgraph_words = QCoreApplication.translate
    menu = plot.vb.menu
    menu.setTitle(pyqtgraph_words("ViewBox", "ViewBox options"))
    menu.viewAll.setText(pyqtgraph_words("ViewBox", "View All"))
    submenus = [action.menu() for action in menu.actions() if action.menu() is not None]
    for submenu, axis in zip(submenus, "XY", strict=False):
        submenu.setTitle(QCoreApplication.translate("PlotView", "{0} axis").format(axis))
    if len(submenus) > 2:  # noqa: PLR2004 - the two axes, then the mouse mode
        submenus[2].setTitle(pyqtgraph_words("ViewBox", "Mouse Mode"))
    for action, text in zip(menu.mouseModes, ("3 button", "1 button"), strict=True):
        action.setText(pyqtgraph_words("ViewBox", text))
    for ui in menu.ctrl:
        ui.retranslateUi(ui.label.parentWidget())
    plot.ctrl.retranslateUi(plot.ctrl.averageGroup)
    plot.ctrlMenu.setTitle(pyqtgraph_words("PlotItem", "Plot Options"))
    names = ("Transforms", "Downsample", "Average", "Alpha", "Grid", "Points")
    for action, name in zip(plot.ctrlMenu.actions(), names, strict=False):
        action.setText(pyqtgraph_words("PlotItem", name))
