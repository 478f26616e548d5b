"""The curves as images for a report: both plots, each with a legend of every run.

The legend says what the Train tab's legend says: each run's colour, the
settings that differ from the first run, and its final test accuracy.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage

from gui.train.curves import TrainingCurves
from gui.train.run_curves import LOSS_KEYS, RunCurves


def render_images(curves: TrainingCurves, width: int) -> dict[str, QImage]:
    """Render both plots as images ``width`` pixels wide, keyed ``loss`` and ``accuracy``.

    Call it in the GUI thread (it renders the scene); writing the files can
    happen in a worker.
    """
    import pyqtgraph.exporters  # on first export, not at start-up

    images = {}
    for name, widget in (("loss", curves.loss_widget), ("accuracy", curves.accuracy_widget)):
        plot = widget.getPlotItem()
        legend = pg.LegendItem(offset=(-10, 10))
        legend.setParentItem(plot.vb)
        for run in curves.runs:
            training = LOSS_KEYS[0] if run.lines[LOSS_KEYS[0]].isVisible() else "batch_loss_ema"
            legend.addItem(_legend_sample(run, training), curves.legend.run_summary(run))
            legend.addItem(
                _legend_sample(run, LOSS_KEYS[1]),
                QCoreApplication.translate("CurvesExport", "{0}: {1}").format(
                    run.label, QCoreApplication.translate("CurvesExport", "test")
                ),
            )
        exporter = pyqtgraph.exporters.ImageExporter(plot)
        exporter.parameters()["width"] = width
        with widget.backdrop_as_items():  # the exporter renders the scene, not the view's background
            images[name] = exporter.export(toBytes=True)
        plot.vb.scene().removeItem(legend)
    return images


def _legend_sample(run: RunCurves, key: str) -> pg.PlotDataItem:
    """Return a stand-in that only tells the legend how to draw this series' sample.

    It holds one point: pyqtgraph styles a symbol only once it has data to draw.
    """
    return pg.PlotDataItem(
        [0.0],
        [0.0],
        pen=run.all_lines()[key].pen(),
        symbolBrush=run.colour,
        symbolPen=run.colour.darker(130),
        symbolSize=2 * RunCurves.MARKER_RADIUS,
        symbol="o" if key.startswith("test") else None,
    )
