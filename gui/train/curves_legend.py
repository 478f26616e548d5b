"""The curves' legend: each run in its colour, what sets it apart from the first run, and how it did.

Qt text rather than pyqtgraph's in-plot legend: it never covers a curve, screen
readers can read it, and it costs nothing while the curves redraw. A read-only
text view of a fixed height that scrolls: the legend changes at every epoch and
gains a line with every run. A label would grow and shrink the plots, and lay its
rich text out several times over for its size hints (the window's layout asks for
them at every change); a text view lays it out once.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from core.training.compare import described_differences
from core.training.events import Failed, Finished, Stopped
from core.training.history import RunRecord
from gui.base.language import Retranslatable
from gui.train.run_curves import RUNNING, RunCurves

LEGEND_LINES = 3  # the legend's height: two runs and the key; more scroll


class CurvesLegend(Retranslatable, QTextBrowser):
    """Name every run on the plots; kept at the newest run (and the key under it) when a run adds a line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("curvesLegend")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)  # on the window's colour, as a label
        self.document().setDocumentMargin(0)
        self.runs: list[RunCurves] = []  # the runs named, the first one first
        self.view = RUNNING  # the loss view the key describes
        self.follows, self.runs_shown, self.scrolled = True, 0, 0
        self.verticalScrollBar().rangeChanged.connect(self._place)
        self.retranslate()

    def retranslate(self) -> None:
        """Fit the height to this language's lines and name the runs in it."""
        self.setFixedHeight(self._height())
        self.show_runs(self.runs, self.view)

    def show_runs(self, runs: list[RunCurves], view: str) -> None:
        """Name ``runs`` in their colours, with the key of the loss ``view`` under them."""
        self.runs, self.view = list(runs), view
        if not self.runs:
            self.setPlainText(self.tr("Start a run to see its curves here."))
            return
        rows = [
            f"<span style='color:{run.colour.name()}'>━━ ●</span> {html.escape(self.run_summary(run))}"
            for run in self.runs
        ]
        if view == RUNNING:
            key = self.tr("━━ training (running values) &nbsp; ╍ ● test (after each epoch)")
        else:
            key = self.tr("━━ training (each batch, smoothed) &nbsp; ╍ ● test (after each epoch)")
        if len(self.runs) > 1:
            key += self.tr(" &nbsp; Earlier runs are drawn faded.")
        bar = self.verticalScrollBar()
        # A new run, or a legend already at its newest: follow it; else stay where the learner scrolled.
        self.follows = bar.value() >= bar.maximum() or len(self.runs) != self.runs_shown
        self.runs_shown, self.scrolled = len(self.runs), bar.value()
        self.setHtml("<br>".join([*rows, key]))  # scrolls to the top
        self._place(0, bar.maximum())

    def run_summary(self, run: RunCurves) -> str:
        """Describe a run in plain text: its name, how it differs from the first run, how it ended."""
        first = self.runs[0].record.config
        changed = described_differences(first, run.record.config)
        if run is self.runs[0]:
            setting = self.tr("first run")
        elif changed:
            setting = self.tr(", ").join(changed)
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

    def _height(self) -> int:
        """The height of LEGEND_LINES legend lines in this language (CJK lines are taller)."""
        line = f"━━ ● ╍ Ag {html.escape(self.tr('first run'))}"
        document = QTextDocument()
        document.setDefaultFont(self.document().defaultFont())
        document.setDocumentMargin(0)
        document.setHtml("<br>".join([line] * LEGEND_LINES))
        return math.ceil(document.size().height()) + 2

    @Slot(int, int)
    def _place(self, _minimum: int, maximum: int) -> None:
        """Scroll to the newest run, or back to where the learner had the legend."""
        bar = self.verticalScrollBar()
        bar.setValue(maximum if self.follows else min(self.scrolled, maximum))
