"""Live loss and accuracy plots: one set of curves a run, earlier runs kept dimmed.

The points live in the Qt-free run history (core/training/history.py); this module
draws them. Training runs in another thread and shares Python's GIL with this
one, so a redraw does as little Python as it can: each series is a Qt path item
that only grows (gui/widgets/plot_view.py), test points are Qt circles, and
earlier runs are painted once into each plot's cached background, so however
many there are, the live curves do not slow down. The axes are cached as
pixmaps and their ranges set by hand, because a rescaling axis repaints
itself, and so most of the plot, at every point.

The loss has two views (``lossViewCombo``): the lesson's running average, and
each batch's own loss, faint, behind its moving average. Only the lines of the
view shown follow the points; the others catch up when their view is chosen.
A loss that blew up never decides the loss axis (see core/training/history.py).
"""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Slot
from PySide6.QtGui import QColor, QPen, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from core.models.config import TrainConfig
from core.models.networks import model_name
from core.training.compare import differences
from core.training.events import Failed, Finished, Stopped
from core.training.history import RunHistory, RunRecord
from gui.base.language import Retranslatable
from gui.widgets.plot_view import PlotView, SeriesLine, line_pen, retranslate_menus

RUN_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf")
LOSS_KEYS = ("train_loss", "test_loss")
BATCH_KEYS = ("batch_loss", "batch_loss_ema")
BATCH_LOSS_KEYS = ("batch_loss_ema", "test_loss")  # what the per-batch view shows and reads out
ACCURACY_KEYS = ("train_acc", "test_acc")
RUNNING, PER_BATCH = "running", "batch"  # the loss plot's two views
LEGEND_LINES = 3  # the legend's height: two runs and the key; more scroll
HOVER_REACH = 0.003  # how near (squared, in fractions of the view) the mouse must be to read a point


def run_label(index: int, config: TrainConfig) -> str:
    """Name run ``index`` in legends, read-outs and the log: ``Run 2: MLP (ReLU)``."""
    name = model_name(config.model, config.activation)
    return QCoreApplication.translate("TrainingCurves", "Run {0}: {1}").format(index, name)


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


class TrainingCurves(Retranslatable, QWidget):
    """The loss plot and the accuracy plot of a run history, with hover read-outs."""

    def __init__(self, history: RunHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.loss_widget = self._make_plot("lossPlot")
        self.accuracy_widget = self._make_plot("accuracyPlot")
        self.accuracy_widget.setYRange(0, 1)
        self.loss_readout = QLabel()
        self.loss_readout.setObjectName("lossReadout")
        self.accuracy_readout = QLabel(" ")
        self.accuracy_readout.setObjectName("accuracyReadout")
        self.hovered: dict[str, tuple[RunCurves, str, int] | None] = {"loss": None, "accuracy": None}
        # Qt text rather than pyqtgraph's in-plot legend: it never covers a curve, screen
        # readers can read it, and it costs nothing while the curves redraw. A read-only
        # text view of a fixed height that scrolls: the legend changes at every epoch and
        # gains a line with every run. A label would grow and shrink the plots, and lay its
        # rich text out several times over for its size hints (the window's layout asks for
        # them at every change); a text view lays it out once.
        self.legend = QTextBrowser()
        self.legend.setObjectName("curvesLegend")
        self.legend.setFrameShape(QFrame.Shape.NoFrame)
        self.legend.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.legend.viewport().setAutoFillBackground(False)  # on the window's colour, as a label
        self.legend.document().setDocumentMargin(0)
        # Kept at the newest run (and the key under it) when a run adds a line.
        self.legend_follows, self.legend_runs, self.legend_scrolled = True, 0, 0
        self.legend.verticalScrollBar().rangeChanged.connect(self._place_legend)
        self.view = RUNNING
        self.view_label = QLabel()
        self.view_combo = QComboBox()
        self.view_combo.setObjectName("lossViewCombo")
        for view in (RUNNING, PER_BATCH):
            self.view_combo.addItem(view, view)
        self.view_label.setBuddy(self.view_combo)
        self.view_note = QLabel()
        self.view_note.setObjectName("lossViewNote")
        self.view_note.setWordWrap(True)
        view_row = QHBoxLayout()
        view_row.addWidget(self.view_label)
        view_row.addWidget(self.view_combo)
        view_row.addWidget(self.view_note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        layout.addLayout(view_row)
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
        self.view_combo.currentIndexChanged.connect(self._on_view_chosen)
        self.retranslate()

    def retranslate(self) -> None:
        """Set the plots' titles and axes, the legend and the read-outs in the current language."""
        for widget, title, y_label in (
            (self.loss_widget, self.tr("Loss"), self.tr("cross-entropy loss")),
            (self.accuracy_widget, self.tr("Accuracy"), self.tr("accuracy")),
        ):
            widget.setAccessibleName(title)
            widget.setToolTip(
                self.tr("{0}. Drag to pan, wheel to zoom, right-click for options.").format(title)
            )
            plot = widget.getPlotItem()
            plot.setTitle(title)
            plot.setLabel("bottom", self.tr("epoch"))
            plot.setLabel("left", y_label)
            retranslate_menus(plot)
        self.legend.setFixedHeight(self._legend_height())
        self.view_label.setText(self.tr("&Loss curve:"))
        self.view_combo.setItemText(0, self.tr("running average (the lesson's)"))
        self.view_combo.setItemText(1, self.tr("per batch, smoothed"))
        self.view_combo.setAccessibleName(self.tr("Loss curve"))
        self.view_combo.setToolTip(
            self.tr("Show the loss as the lesson's running average, or each batch's own loss")
        )
        self._show_view_note()
        self._show_readouts()
        self.update_legend()

    def _make_plot(self, name: str) -> PlotView:
        widget = PlotView()
        widget.setObjectName(name)
        plot = widget.getPlotItem()
        # No grid, and ranges set by hand rather than auto-ranged: either makes every
        # update repaint the whole plot (axes included) instead of just the curves.
        plot.disableAutoRange()
        # The axes change rarely but border the curves, so every curve update would
        # call their Python paint again; Qt repaints them from a pixmap instead.
        for side in ("left", "bottom"):
            plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        widget.setMinimumSize(260, 200)
        return widget

    def start_run(self, record: RunRecord) -> RunCurves:
        """Dim earlier runs and add curves for ``record``; the legend names the new run.

        The x axis is fixed to the run's length up front: an axis that rescales
        with every point repaints itself every time, which is most of what live
        plotting costs.
        """
        longest = max(
            [record.config.epochs] + [int(np.ceil(r.record.last_epoch_position)) for r in self.runs]
        )
        for widget in (self.loss_widget, self.accuracy_widget):
            widget.getPlotItem().setXRange(0, longest, padding=0.02)
        for run in self.runs:
            if not run.dimmed:
                run.dim(self.loss_widget.backgroundBrush().color())
        run = RunCurves(record, self.loss_widget.getPlotItem(), self.accuracy_widget.getPlotItem(), self.view)
        self.runs.append(run)
        self._update_backdrops()
        self.refit_loss()
        self.update_legend()
        return run

    def _update_backdrops(self) -> None:
        earlier = [run for run in self.runs if run.dimmed]
        for widget, keys in (
            (self.loss_widget, LOSS_KEYS + BATCH_KEYS),
            (self.accuracy_widget, ACCURACY_KEYS),
        ):
            widget.set_backdrop(
                [line for run in earlier for key, line in run.shown_lines().items() if key in keys]
            )

    # ----- the loss plot's two views ----------------------------------------------------------
    @Slot()
    def _on_view_chosen(self) -> None:
        self.set_view(self.view_combo.currentData())

    def set_view(self, view: str) -> None:
        """Show the loss as the lesson's running average (RUNNING) or batch by batch (PER_BATCH)."""
        self.view_combo.setCurrentIndex(self.view_combo.findData(view))
        if view == self.view:
            return
        self.view = view
        for run in self.runs:
            run.set_view(view)
        self._update_backdrops()
        self.refit_loss()
        self._show_view_note()
        self.update_legend()

    def _show_view_note(self) -> None:
        if self.view == RUNNING:
            self.view_note.setText(
                self.tr(
                    "As the lesson prints it: the mean loss of every batch since the epoch began. "
                    "It starts again at each epoch, so the curve jumps there."
                )
            )
        else:
            self.view_note.setText(
                self.tr(
                    "Each batch's own loss (faint) and its moving average over about 20 batches: "
                    "no restart at the epochs."
                )
            )

    # ----- the legend -------------------------------------------------------------------------
    def run_summary(self, run: RunCurves) -> str:
        """Describe a run in plain text: its name, how it differs from the first run, how it ended."""
        first = self.runs[0].record.config
        changed = differences(first, run.record.config)
        if run is self.runs[0]:
            setting = self.tr("first run")
        elif changed:
            setting = ", ".join(changed)
        else:
            setting = self.tr("same settings as the first run")
        return self.tr("{0} ({1}): {2}").format(run.label, setting, self._outcome_text(run.record))

    def _outcome_text(self, record: RunRecord) -> str:
        accuracy = record.final_test_accuracy
        if isinstance(record.outcome, Finished):
            return self.tr("test accuracy {0:.1%}").format(accuracy)
        if record.diverged:
            return self.tr("the loss blew up")
        if isinstance(record.outcome, (Stopped, Failed)) and accuracy is None:
            return self.tr("stopped before its first test")
        if isinstance(record.outcome, (Stopped, Failed)):
            return self.tr("stopped; last test accuracy {0:.1%}").format(accuracy)
        if accuracy is None:
            return self.tr("training...")
        return self.tr("training; test accuracy {0:.1%} so far").format(accuracy)

    def update_legend(self) -> None:
        """Name every run on the plots, in its colour, with what sets it apart and how it did."""
        if not self.runs:
            self.legend.setPlainText(self.tr("Start a run to see its curves here."))
            return
        rows = [
            f"<span style='color:{run.colour.name()}'>━━ ●</span> {html.escape(self.run_summary(run))}"
            for run in self.runs
        ]
        if self.view == RUNNING:
            key = self.tr("━━ training (running values) &nbsp; ╍ ● test (after each epoch)")
        else:
            key = self.tr("━━ training (each batch, smoothed) &nbsp; ╍ ● test (after each epoch)")
        if len(self.runs) > 1:
            key += self.tr(" &nbsp; Earlier runs are drawn faded.")
        bar = self.legend.verticalScrollBar()
        # A new run, or a legend already at its newest: follow it; else stay where the learner scrolled.
        self.legend_follows = bar.value() >= bar.maximum() or len(self.runs) != self.legend_runs
        self.legend_runs, self.legend_scrolled = len(self.runs), bar.value()
        self.legend.setHtml("<br>".join([*rows, key]))  # scrolls to the top
        self._place_legend(0, bar.maximum())

    def _legend_height(self) -> int:
        """The height of LEGEND_LINES legend lines in this language (CJK lines are taller)."""
        line = f"━━ ● ╍ Ag {html.escape(self.tr('first run'))}"
        document = QTextDocument()
        document.setDefaultFont(self.legend.document().defaultFont())
        document.setDocumentMargin(0)
        document.setHtml("<br>".join([line] * LEGEND_LINES))
        return math.ceil(document.size().height()) + 2

    @Slot(int, int)
    def _place_legend(self, _minimum: int, maximum: int) -> None:
        """Scroll the legend to its newest run, or back to where the learner had it."""
        bar = self.legend.verticalScrollBar()
        bar.setValue(maximum if self.legend_follows else min(self.legend_scrolled, maximum))

    def clear_runs(self) -> None:
        """Remove every run but the latest (which may still be training), from the history too."""
        forgotten = {id(record) for record in self.history.clear_earlier()}
        for run in self.runs:
            if id(run.record) in forgotten:
                run.remove()
        self.runs = [run for run in self.runs if id(run.record) not in forgotten]
        self._update_backdrops()
        self.refit_loss()
        self.update_legend()

    def redraw(self) -> None:
        """Draw what arrived since the last redraw (called by a timer at a bounded rate)."""
        for run in self.runs:
            if not run.dimmed and run.redraw():
                self._fit_loss(run)

    def _fit_loss(self, run: RunCurves) -> None:
        """Grow the loss plot's y range when a run's loss goes above it (it never shrinks by itself)."""
        plot = self.loss_widget.getPlotItem()
        top = run.record.highest_loss
        if np.isfinite(top) and top > plot.vb.viewRange()[1][1]:
            plot.setYRange(0, top * 1.1, padding=0)

    def refit_loss(self) -> None:
        """Fit the loss axis to the runs on the plots; a run whose loss blew up has no say unless alone."""
        kept = [run.record for run in self.runs if not run.record.diverged] or [r.record for r in self.runs]
        top = max((record.highest_loss for record in kept), default=0.0)
        if top > 0:
            self.loss_widget.getPlotItem().setYRange(0, top * 1.1, padding=0)

    def point_count(self) -> int:
        """Return how many points the plotted runs hold (bounded by design), epoch gaps included."""
        return sum(run.record.point_count for run in self.runs)

    # ----- hover read-outs --------------------------------------------------------------------
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
                series = run.record.series[key]
                if series.count == 0:
                    continue
                d = ((series.x - point.x()) / x_scale) ** 2 + ((series.y - point.y()) / y_scale) ** 2
                if np.isnan(d).all():
                    continue
                i = int(np.nanargmin(d))
                if d[i] < best_distance:
                    best, best_distance = (run, key, i), float(d[i])
        return best if best_distance < HOVER_REACH else None

    def _describe(self, hit: tuple[RunCurves, str, int] | None, what: str) -> str:
        if hit is None:
            return " "
        run, key, i = hit
        if run not in self.runs:
            return " "
        series = run.record.series[key]
        kind = self.tr("test") if key.startswith("test") else self.tr("train")
        if key == "batch_loss_ema":
            kind = self.tr("train, per batch (smoothed)")
        return self.tr("{0}, {1}: epoch {2:.2f}, {3} {4:.4f}").format(
            run.label, kind, series.x[i], what, series.y[i]
        )

    @Slot(object)
    def _on_loss_hover(self, pos: QPointF) -> None:
        keys = LOSS_KEYS if self.view == RUNNING else BATCH_LOSS_KEYS
        self.hovered["loss"] = self._nearest(self.loss_widget, pos, keys)
        self._show_readouts()

    @Slot(object)
    def _on_accuracy_hover(self, pos: QPointF) -> None:
        self.hovered["accuracy"] = self._nearest(self.accuracy_widget, pos, ACCURACY_KEYS)
        self._show_readouts()

    def _show_readouts(self) -> None:
        loss, accuracy = self.hovered["loss"], self.hovered["accuracy"]
        if loss is None and accuracy is None:
            self.loss_readout.setText(self.tr("Hover a curve to read its values."))
        else:
            self.loss_readout.setText(self._describe(loss, self.tr("loss")))
        self.accuracy_readout.setText(self._describe(accuracy, self.tr("accuracy")))
