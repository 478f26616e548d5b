"""Live loss and accuracy plots: one set of curves a run, earlier runs kept dimmed.

The points live in the Qt-free run history (core/training/history.py); this module
draws them. Training runs in another thread and shares Python's GIL with this
one, so a redraw does as little Python as it can: each run's items only grow
(gui/train/run_curves.py), and earlier runs are painted once into each plot's
cached background, so however many there are, the live curves do not slow down.
The axes are cached as pixmaps and their ranges set by hand, because a
rescaling axis repaints itself, and so most of the plot, at every point.

The loss has two views (``lossViewCombo``): the lesson's running average, and
each batch's own loss, faint, behind its moving average. Only the lines of the
view shown follow the points; the others catch up when their view is chosen.
A loss that blew up never decides the loss axis (see core/training/history.py).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Slot
from PySide6.QtWidgets import QComboBox, QGraphicsItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.training.history import RunHistory, RunRecord
from gui.base.language import Retranslatable
from gui.train.curves_legend import CurvesLegend
from gui.train.run_curves import (
    ACCURACY_KEYS,
    BATCH_KEYS,
    BATCH_LOSS_KEYS,
    LOSS_KEYS,
    PER_BATCH,
    RUNNING,
    RunCurves,
)
from gui.widgets.plot_view import PlotView, retranslate_menus

HOVER_REACH = 0.003  # how near (squared, in fractions of the view) the mouse must be to read a point


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
        self.legend = CurvesLegend()
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
        """Set the plots' titles and axes, the view choice and the read-outs in the current language."""
        # The titles name the values; no rotated axis label: rotated, CJK characters lie on their sides.
        for widget, title in (
            (self.loss_widget, self.tr("Loss (cross-entropy)")),
            (self.accuracy_widget, self.tr("Accuracy")),
        ):
            widget.setAccessibleName(title)
            widget.setToolTip(
                self.tr("{0}. Drag to pan, wheel to zoom, right-click for options.").format(title)
            )
            plot = widget.getPlotItem()
            plot.setTitle(title)
            plot.setLabel("bottom", self.tr("epoch"))
            plot.getAxis("left").showLabel(False)
            retranslate_menus(plot)
        self.view_label.setText(self.tr("&Loss curve:"))
        self.view_combo.setItemText(0, self.tr("running average (the lesson's)"))
        self.view_combo.setItemText(1, self.tr("per batch, smoothed"))
        self.view_combo.setAccessibleName(self.tr("Loss curve"))
        self.view_combo.setToolTip(
            self.tr("Show the loss as the lesson's running average, or each batch's own loss")
        )
        self._show_view_note()
        self._show_readouts()

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

    def update_legend(self) -> None:
        """Name every run on the plots, in its colour, with what sets it apart and how it did."""
        self.legend.show_runs(self.runs, self.view)

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
